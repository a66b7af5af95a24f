import { splitSentences } from './sentences';

const texts = (title: string, text: string) => splitSentences(title, text).map((s) => s.text);

describe('splitSentences', () => {
  it('should keep initials together when a name reads "N.N. Petrov"', () => {
    expect(texts('T', 'Dr. Ivanova spoke for N.N. Petrov Institute of Oncology at the signing. It runs three years.'))
      .toEqual(['T', 'Dr. Ivanova spoke for N.N. Petrov Institute of Oncology at the signing.', 'It runs three years.']);
  });

  it('should not split after Inc., Dr., U.S. or a month abbreviation when they sit mid-sentence', () => {
    expect(texts('T', 'Acme Inc. and Dr. Smith of the U.S. National Cancer Institute met on Jan. 29 in Boston. Next sentence.'))
      .toEqual(['T', 'Acme Inc. and Dr. Smith of the U.S. National Cancer Institute met on Jan. 29 in Boston.', 'Next sentence.']);
  });

  it('should put the title first and skip it in the body when the body repeats it', () => {
    const title = 'Pfizer and BioNTech sign a new vaccine research agreement';
    expect(texts(title, `${title}\nThe deal covers shingles.`)).toEqual([title, 'The deal covers shingles.']);
  });

  it('should split paragraphs and drop bullets when the body is a bulleted list', () => {
    expect(texts('T', '- First point here.\n- Second point here!')).toEqual(['T', 'First point here.', 'Second point here!']);
  });

  it('should return only the title when the body is empty', () => {
    expect(splitSentences('Only a title', '')).toEqual([{ text: 'Only a title', index: 0, isTitle: true }]);
  });
});
