import { boundedEditDistance } from './edit-distance';
import { createVocabularyChecker, type Vocabulary } from './vocabulary';

// A small stand-in for the classifier's lists; the real ones are exercised in libs/notifier/api.
const vocabulary: Vocabulary = {
  therapeuticAreas: [
    { label: 'oncology', pattern: /\b(?:cancers?|tumou?rs?|oncolog\w*)\b/i },
    { label: 'neurology', pattern: /\b(?:neurolog\w*|alzheimer'?s?)\b/i },
    { label: 'infectious disease' },
  ],
  geographies: ['United States', 'United Kingdom', 'Germany', 'Europe'],
  eventTypes: ['research_collaboration'],
  partyTypes: ['pharma'],
  companies: [
    { name: 'AstraZeneca', aliases: ['AZ', 'Astra Zeneca', 'AstraZeneca PLC'] },
    { name: 'Eli Lilly and Company', aliases: ['Eli Lilly', '=Lilly'] },
    { name: 'Novartis', aliases: ['Novartis AG'] },
  ],
  nameKey: (n) => n.toLowerCase().replace(/[^a-z0-9]+/g, ' ').replace(/\b(?:plc|ag|inc)\b/g, ' ').replace(/\s+/g, ' ').trim(),
};
const checker = createVocabularyChecker(vocabulary);

describe('createVocabularyChecker', () => {
  it('should resolve a company to its canonical name when given one of its aliases', () => {
    const r = checker.check({ companies: ['Astra Zeneca'] });
    expect(r.ok).toBe(true);
    expect(r.watchlist.companies).toEqual(['AstraZeneca']);
    expect(r.resolved).toEqual([{ path: 'watchlist.companies[0]', input: 'Astra Zeneca', resolved: 'AstraZeneca' }]);
  });

  it('should resolve a company when only spacing and legal form differ', () => {
    expect(checker.check({ companies: ['astrazeneca plc'] }).watchlist.companies).toEqual(['AstraZeneca']);
    expect(checker.check({ companies: ['Lilly'] }).watchlist.companies).toEqual(['Eli Lilly and Company']);
  });

  it('should refuse a misspelt company with the gazetteer name as suggestion', () => {
    const r = checker.check({ companies: ['Astra Zenica'] });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ path: 'watchlist.companies[0]', code: 'UNKNOWN_COMPANY', suggestion: 'AstraZeneca' })]);
  });

  it('should suggest only for the first 50 unknown names, so a hostile list cannot make it scan for long', () => {
    // 60 distinct names, each at most two edits from AstraZeneca.
    const letters = 'bcdfghjklmnpqrstvwxyz';
    const names = Array.from({ length: 60 }, (_, i) => `AstraZen${letters[i % letters.length]}${letters[Math.floor(i / letters.length)]}a`);
    const r = checker.check({ companies: names });
    expect(r.problems).toHaveLength(50);
    expect(r.problems.every((p) => p.suggestion === 'AstraZeneca')).toBe(true);
    expect(r.warnings).toHaveLength(10);
  });

  it('should keep a close-but-unknown company when it is marked verbatim', () => {
    const r = checker.check({ companies: [{ name: 'Novartiz', verbatim: true }] });
    expect(r.ok).toBe(true);
    expect(r.watchlist.companies).toEqual([{ name: 'Novartiz', verbatim: true }]);
  });

  it('should accept an unknown company with a warning when nothing in the gazetteer is close', () => {
    const r = checker.check({ companies: ['Brennock Therapeutics'] });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ path: 'watchlist.companies[0]' })]);
  });

  it('should keep the aliases of an object company when resolving its name', () => {
    const r = checker.check({ companies: [{ name: 'Novartis AG', aliases: ['NVS'] }] });
    expect(r.watchlist.companies).toEqual([{ name: 'Novartis', aliases: ['NVS'] }]);
  });

  it('should refuse an unknown therapeutic area with the allowed values and the label whose pattern it matches', () => {
    const r = checker.check({ therapeuticAreas: ['cancer'] });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toEqual(expect.objectContaining({
      path: 'watchlist.therapeuticAreas[0]', code: 'UNKNOWN_THERAPEUTIC_AREA', suggestion: 'oncology', allowed: ['oncology', 'neurology', 'infectious disease'],
    }));
  });

  it('should suggest the nearest area by spelling when no pattern matches', () => {
    expect(checker.check({ therapeuticAreas: ['infectious diseases'] }).problems[0].suggestion).toBe('infectious disease');
  });

  it('should accept an area in any case and store it as the classifier spells it', () => {
    expect(checker.check({ therapeuticAreas: ['Oncology'] }).watchlist.therapeuticAreas).toEqual(['oncology']);
  });

  it('should resolve an ISO region code to the geography label the classifier emits', () => {
    const r = checker.check({ geographies: ['GB', 'germany'] });
    expect(r.ok).toBe(true);
    expect(r.watchlist.geographies).toEqual(['United Kingdom', 'Germany']);
  });

  it('should refuse an unknown geography with the allowed values', () => {
    const r = checker.check({ geographies: ['Atlantis'] });
    expect(r.problems[0]).toEqual(expect.objectContaining({ code: 'UNKNOWN_GEOGRAPHY', allowed: vocabulary.geographies }));
  });

  it('should refuse a region code the classifier never emits', () => {
    expect(checker.check({ geographies: ['FR'] }).ok).toBe(false);
  });
});

describe('boundedEditDistance', () => {
  it('should give the Levenshtein distance when it is within the bound', () => {
    expect(boundedEditDistance('astrazenica', 'astrazeneca', 2)).toBe(1);
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('same', 'same', 0)).toBe(0);
  });

  it('should give bound + 1 when the distance exceeds the bound', () => {
    expect(boundedEditDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedEditDistance('a', 'abcdef', 2)).toBe(3);
  });
});
