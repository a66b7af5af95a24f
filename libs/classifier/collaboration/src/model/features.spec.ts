import { CollaborationClassifier } from '../classifier';
import WEIGHTS from './weights.json';
import CUE_FILE from './cues.json';
import { CUE_FAMILIES, startsWithWordChar, words } from './features';
import type { WeightsFile } from './learned';

describe('features', () => {
  const clf = new CollaborationClassifier({ weights: { ...(WEIGHTS as WeightsFile), features: { ngrams: true, leadNgrams: true } } });

  it('should mask organisation names and figures so no name or amount becomes a feature', () => {
    expect(words('ORG0 pays ORG1 $45 million upfront for 3 programmes')).toEqual(['ORG', 'pays', 'ORG', 'MONEY', 'upfront', 'for', 'NUM', 'programmes']);
  });

  it('should read cues in the headline apart from the body', () => {
    const x = clf.features({ title: 'Kestrel Bio and Norrland University end their research partnership', text: 'The two partners will develop nothing further together.' });
    expect(x?.get('cue:termination@title')).toBe(1);
    expect(x?.get('cue:termination@lead')).toBeUndefined();
  });

  it('should give no features to an item without deal vocabulary (the pre-filter decides it)', () => {
    expect(clf.features({ title: 'Quarterly revenue rises 4%', text: 'Sales grew in all regions.' })).toBeNull();
  });

  it('should compile every cue family into a pattern that matches its own phrases', () => {
    const byName = new Map(CUE_FAMILIES);
    expect(byName.get('termination')?.test('the companies parted ways')).toBe(true);
    expect(byName.get('money_to_partner')?.test('Halden will receive $20 million upfront')).toBe(true);
    expect(byName.get('new_joint_work')?.test('the universities joined forces')).toBe(true);
    expect(byName.get('commercial')?.test('copromotion')).toBe(false);
  });

  it('should tell which phrases can only begin with a word character', () => {
    expect(['deal', String.raw`\w+-partnered`, '(signed|inked) a deal', String.raw`(\d+|three) partners`, 'a|b'].every(startsWithWordChar)).toBe(true);
    expect(['-partnered', 'a?b', '(a|b)? c', '(a|-b) c', '(?:a) b', '[a-z]x', 'a|-b', 'a[(]|-b', '', '(a|) x'].some(startsWithWordChar)).toBe(false);
  });

  it('should match each cue family exactly where the hyphen-aware lookbehind form matches', () => {
    const phrases = Object.entries(CUE_FILE as Record<string, unknown>).filter((e): e is [string, string[]] => Array.isArray(e[1]));
    const contexts = (word: string) => [word, `the ${word} today`, `co-${word}`, `x${word}`, `(${word})`, `${word}s`, `${word}-led`, `"${word}"`];
    for (const [family, list] of phrases) {
      const lookbehind = new RegExp(`(?<![\\w-])(?:${list.join('|')})(?![\\w-])`, 'i');
      const compiled = new Map(CUE_FAMILIES).get(family);
      // A plain phrase of the family, in and around words: both forms agree on every one.
      for (const phrase of list.filter((p) => /^[\w ]+$/.test(p))) {
        for (const text of contexts(phrase)) expect([family, text, compiled?.test(text)]).toEqual([family, text, lookbehind.test(text)]);
      }
    }
  });
});

