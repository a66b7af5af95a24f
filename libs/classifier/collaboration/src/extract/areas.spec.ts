import { GEOGRAPHIES, MODALITIES, THERAPEUTIC_AREAS, labelsIn, mentionsAny } from './areas';

// Invented lines; each mixes several labels, word edges and look-alike words ("cardiologist", "Texan", "USB").
const TEXTS = [
  'Kestrel and the University of Leeds will study liver fibrosis and NASH in a five-year programme.',
  'The bispecific antibody-drug conjugate targets breast and ovarian cancers; a CAR-T arm follows in Boston.',
  'Immuno-oncology, Alzheimer\'s disease and atopic dermatitis: an mRNA and siRNA platform built with machine learning.',
  'A cardiologist in Texas and a Texan USB maker met in Zürich, Basel and St. Petersburg to discuss COVID-19 vaccines.',
  'No disease words here at all, just a board meeting in the afternoon.',
  'Inflammatory bowel disease, Crohn\'s and hepatitis B in South Korea and Japan; oral small molecule degraders.',
];

describe('labelsIn', () => {
  it.each([
    ['therapeutic areas', THERAPEUTIC_AREAS],
    ['modalities', MODALITIES],
    ['geographies', GEOGRAPHIES],
  ] as const)('should give the labels of testing each pattern alone when the %s are scanned as one pattern', (_name, lexicon) => {
    for (const text of TEXTS) {
      const oneByOne = lexicon.filter(([, re]) => re.test(text)).map(([label]) => label);
      expect(labelsIn(text, lexicon)).toEqual(oneByOne);
      expect(mentionsAny(text, lexicon)).toBe(oneByOne.length > 0);
    }
  });

  it('should find no label when the text has none of the words', () => {
    expect(labelsIn('A board meeting in the afternoon.', THERAPEUTIC_AREAS)).toEqual([]);
  });
});
