import { ArticleEntities, defaultGazetteer } from './extract';

/** Mentions found by description in the last sentence, after the earlier ones set the scene. */
function described(...sentences: string[]): string[] {
  const ents = new ArticleEntities(defaultGazetteer());
  const results = sentences.map((s, i) => ents.extract(s, i));
  const last = sentences[sentences.length - 1];
  return results[results.length - 1].mentions.filter((m) => m.source === 'descriptor').map((m) => `${last.slice(m.start, m.end)}=${m.name}`);
}

describe('definite descriptions', () => {
  it.each([
    [['AstraZeneca teams up with the N.N. Petrov Institute of Oncology', 'The pharma giant will fund the sequencing.'], ['The pharma giant=AstraZeneca']],
    [['AstraZeneca teams up with the N.N. Petrov Institute of Oncology', 'The institute will recruit the patients.'], ['The institute=N.N. Petrov Institute of Oncology']],
    [['Roche and ETH Zurich start a lab', 'The Basel-based drugmaker will pay for it.'], ['The Basel-based drugmaker=Roche']],
    [['Pfizer and the University of Oxford sign a pact', 'Researchers at the university and the company will share data.'], ['the university=University of Oxford', 'the company=Pfizer']],
    [['Novo Nordisk signs with Quillfish Therapeutics Inc.', 'The Danish drugmaker said the biotech will run discovery.'], ['The Danish drugmaker=Novo Nordisk', 'the biotech=Quillfish Therapeutics']],
  ])('should resolve a description to the one organisation it fits (%j)', (sentences, expected) => {
    expect(described(...sentences)).toEqual(expected);
  });

  it('should read "the drug maker" like "the drugmaker"', () => {
    expect(described('Pfizer and Quillfish Therapeutics sign a pact', 'The drug maker will fund the work.')).toEqual(['The drug maker=Pfizer']);
  });

  it('should leave a description alone when two earlier organisations fit it', () => {
    expect(described('Pfizer and Novartis sign a research pact', 'The company will lead the trials.')).toEqual([]);
  });

  it('should not read plurals, the industry or a following name as a description of one party', () => {
    expect(described('Pfizer signs with Quillfish Therapeutics', 'The pharma industry is watching; the companies will say more.')).toEqual([]);
    expect(described('Pfizer signs with Quillfish Therapeutics', 'Its peers include the biotech startups in Boston.')).toEqual([]);
  });

  it('should not resolve a description before anything is named', () => {
    expect(described('The pharma giant will fund the work with AstraZeneca.')).toEqual([]);
  });

  it('should keep descriptions out of the masked sentence the rules read', () => {
    const ents = new ArticleEntities(defaultGazetteer());
    ents.extract('AstraZeneca teams up with the N.N. Petrov Institute of Oncology', 0);
    expect(ents.extract('The institute will recruit patients.', 1).masked).toBe('The institute will recruit patients.');
  });
});
