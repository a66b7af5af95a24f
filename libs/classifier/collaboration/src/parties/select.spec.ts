import { ArticleEntities, defaultGazetteer } from '../entities/extract';
import { scoreSentence } from '../rules/score';
import { splitSentences } from '../text/sentences';
import { confirmedByBody, isTitleCase, partiesIn, selectParties, type Analysed } from './select';

function analyse(title: string, text: string): Analysed[] {
  const entities = new ArticleEntities(defaultGazetteer());
  return splitSentences(title, text, 11).map((sentence) => {
    const e = entities.extract(sentence.text, sentence.index);
    return { sentence, entities: e, score: scoreSentence(e.masked, e.mentions, true) };
  });
}
const names = (list: readonly { name: string }[]) => list.map((p) => p.name);

describe('headline names confirmed by the body', () => {
  it('should tell a Title Case headline from a sentence-case one', () => {
    expect(isTitleCase('Tarnwick University Announce Landmark Alliance With Quorvane')).toBe(true);
    expect(isTitleCase('Tarnwick University and Quorvane sign a research pact')).toBe(false);
  });

  it('should cut a headline name back to the part the body writes', () => {
    const body = ['Tarnwick University and Quorvane Pharma said on Monday they will study kidney fibrosis together.'];
    expect(confirmedByBody('Tarnwick University Announce Landmark', body)).toBe('Tarnwick University');
    expect(confirmedByBody('Record-Breaking AI', body)).toBeNull();
    expect(confirmedByBody('Quorvane Pharma', body)).toBe('Quorvane Pharma');
    expect(confirmedByBody('Record-Breaking AI', [])).toBe('Record-Breaking AI');
  });

  it('should keep a headline name whose city the body leaves out', () => {
    expect(confirmedByBody('Lanzhou Feibo Pharmaceutical', ['Feibo Pharmaceutical will run the trial.'])).toBe('Lanzhou Feibo Pharmaceutical');
  });

  it('should not list a Title Case headline fragment as a party', () => {
    const analysed = analyse('Quorvane Pharma Unveils Record-Breaking AI Discovery Partnership With Ostrander Labs',
      'Quorvane Pharma has signed a discovery partnership with Ostrander Labs worth up to $2 billion. The two companies will design antibodies together.');
    expect(names(selectParties(analysed, 1))).toEqual(['Quorvane Pharma', 'Ostrander Labs']);
  });
});

describe('parents of a party', () => {
  it('should keep the unit and not its parent when a ticker stands between them', () => {
    const analysed = analyse('Brisk Labs inks pact with Johnson & Johnson (NYSE: JNJ) unit Janssen on cell therapy', '');
    expect(names(partiesIn([analysed[0]]))).toEqual(['Brisk Labs', 'Janssen']);
  });

  it('should not take the body an institution is linked to for a party', () => {
    const analysed = analyse('Ostrander Institute, a public research institute linked to the Ministry of Health, and Brisk Labs will collaborate on malaria', '');
    expect(names(partiesIn([analysed[0]]))).not.toContain('Ministry of Health');
  });
});
