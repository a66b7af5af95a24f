import LABELS from './feature-labels.json';

const places: Record<string, string> = LABELS.places;
const cues: Record<string, string> = LABELS.cues;
const fixed: Record<string, string> = LABELS.fixed;
const human = (s: string) => s.replace(/_/g, ' ');

/**
 * A feature's name in plain words ("cue:new_joint_work@lead" → "new joint work, in the opening"), composed from the
 * labels in feature-labels.json; an unknown feature keeps its name, so nothing is ever hidden.
 */
export function explainFeature(feature: string): string {
  if (fixed[feature]) return fixed[feature];
  const [kind, rest = ''] = splitOnce(feature, ':');
  if (kind === 'cue') {
    const [family, place = ''] = splitOnce(rest, '@');
    return `${cues[family] ?? human(family)}, ${places[place] ?? place}`;
  }
  if (kind === 't' || kind === 'l') return `${cues[rest] ?? human(rest)}, ${places[kind]}`;
  if (kind === 'tw' || kind === 'sw' || kind === 'ew') return `${places[kind]} "${rest.replace(/_/g, ' ').replace(/\bORG\b/g, '[organisation]').replace(/\bMONEY\b/g, '[money]').replace(/\bNUM\b/g, '[number]')}"`;
  if (kind === 'ptype') return `a ${rest} party`;
  if (kind === 'parties') return `${rest} parties named`;
  if (kind === 'best' || kind === 'title') {
    const contra = /^(?:contra|neg)_(.+)$/.exec(rest);
    if (contra) return `${human(contra[1])} ${kind === 'best' ? 'in the announcing sentence' : 'in the headline'}`;
    const orgs = /^orgs_(.+)$/.exec(rest);
    if (orgs) return `${orgs[1]} organisations named ${kind === 'best' ? 'in the announcing sentence' : 'in the headline'}`;
  }
  if (kind === 'body') {
    const m = /^(announcements|past_deals|contradicted)_(.+)$/.exec(rest);
    if (m) return `${m[2]} ${m[1] === 'announcements' ? 'announcing' : m[1] === 'past_deals' ? 'past-deal' : 'contradicted'} sentences in the body`;
  }
  return feature;
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}
