import type { Classification } from '@pharma-radar/contracts';
import { evaluate, formatReport, parseLabelledRecord, type LabelledRecord } from './index';

const base: Classification = {
  is_rd_collaboration: false, event_type: 'other', parties: [], therapeutic_areas: [], modalities: [], geographies: [],
  financial_terms: null, confidence: 0.9, evidence: '', model_version: 'test',
};

const rec = (id: string, label: LabelledRecord['label'], extra: Partial<LabelledRecord> = {}): LabelledRecord => ({
  id, title: id, text: '', label, parties: [], ...extra,
});

describe('evaluate', () => {
  const records = [
    rec('tp', 'rd_collaboration', { event_type: 'research_collaboration', parties: ['AZ', 'Karolinska Institutet'], therapeutic_areas: ['oncology'] }),
    rec('fn', 'rd_collaboration', { event_type: 'co_development', parties: ['Pfizer'] }),
    rec('fp', 'not_rd_collaboration', { event_type: 'acquisition' }),
    rec('tn', 'not_rd_collaboration', { event_type: 'earnings' }),
    rec('skip', 'not_rd_collaboration', { event_type: 'financing', borderline: true }),
  ];
  const answers: Record<string, Classification> = {
    tp: { ...base, is_rd_collaboration: true, event_type: 'research_collaboration', confidence: 0.92, therapeutic_areas: ['oncology', 'neurology'],
      parties: [{ name: 'AstraZeneca', type: 'pharma' }, { name: 'Karolinska Institutet', type: 'academic' }, { name: 'Acme', type: 'biotech' }] },
    fn: { ...base, event_type: 'other', confidence: 0.7 },
    fp: { ...base, is_rd_collaboration: true, event_type: 'research_collaboration', confidence: 0.6 },
    tn: { ...base, event_type: 'earnings', confidence: 0.97 },
    skip: { ...base, is_rd_collaboration: true, event_type: 'research_collaboration' },
  };
  const canonical = (n: string) => (n === 'AZ' ? 'AstraZeneca' : n);
  const report = evaluate(records, (input) => answers[input.title], { canonical });

  it('should count precision and recall of the flag when borderline items are skipped', () => {
    expect(report.flag).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, precision: 0.5, recall: 0.5 });
    expect(report.borderlineSkipped).toBe(1);
  });

  it('should compare parties after canonicalisation when gold uses an alias', () => {
    expect(report.parties).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(report.partyTypeAccuracy).toBe(1);
  });

  it('should score deal type over all gold positives when one is missed', () => {
    expect(report.dealTypeAccuracy).toBe(0.5);
    expect(report.dealTypeAccuracyOnFlagged).toBe(1);
  });

  it('should build a confusion table and list the misclassified items', () => {
    expect(report.confusion.acquisition).toEqual({ research_collaboration: 1 });
    expect(report.misclassified.map((m) => `${m.id}:${m.kind}`)).toEqual(['fn:false_negative', 'fp:false_positive']);
  });

  it('should bin confidences when building the calibration table', () => {
    const flags = report.calibrationFlags.map((b) => [b.from, b.count, b.accuracy]);
    expect(flags).toEqual([[0.6, 1, 0], [0.9, 1, 1]]);
  });

  it('should format every section when printing the report', () => {
    const text = formatReport(report);
    for (const part of ['is_rd_collaboration', 'parties', 'deal type', 'confusion', 'calibration', 'misclassified (2)']) expect(text).toContain(part);
  });
});

describe('parseLabelledRecord', () => {
  it('should accept a dev-set shaped line and default missing fields', () => {
    const r = parseLabelledRecord({ id: 'x1', title: 'T', label: 'rd_collaboration', parties: ['A', 3], text: null });
    expect(r).toEqual({ ok: true, record: expect.objectContaining({ id: 'x1', text: '', parties: ['A'], borderline: false }) });
  });

  it.each([[null], [[1]], [{ id: 'x', title: 'T', label: 'maybe' }], [{ title: 'T', label: 'rd_collaboration' }]])(
    'should return an error, not throw, when the line is %j', (value) => {
      expect(parseLabelledRecord(value).ok).toBe(false);
    });
});

describe('evaluate: areas', () => {
  it('should compare area labels whatever their word separator ("infectious_disease" and "infectious disease")', () => {
    const record = rec('a', 'rd_collaboration', { event_type: 'research_collaboration', therapeutic_areas: ['infectious_disease', 'Rare-Disease'] });
    const answer: Classification = { ...base, is_rd_collaboration: true, event_type: 'research_collaboration', therapeutic_areas: ['infectious disease', 'rare disease'] };
    const report = evaluate([record], () => answer);
    expect([report.therapeuticAreas.precision, report.therapeuticAreas.recall]).toEqual([1, 1]);
  });
});

describe('evaluate: party names', () => {
  it('should compare a gold name that carries its short form in brackets by the name alone', () => {
    const r = evaluate([rec('a', 'rd_collaboration', { parties: ['Halden Medicines (HalMed)', 'Norrland University'] })], () => ({
      ...base, is_rd_collaboration: true, event_type: 'research_collaboration',
      parties: [{ name: 'Halden Medicines', type: 'pharma' }, { name: 'Norrland University', type: 'academic' }],
    }));
    expect(r.parties).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });
});

describe('evaluate: deal type', () => {
  it('should count the second labeller\'s deal type as right, and nothing else', () => {
    const records = [
      rec('alt', 'rd_collaboration', { event_type: 'licensing_with_rd', event_type_alt: 'co_development' }),
      rec('neither', 'rd_collaboration', { event_type: 'licensing_with_rd', event_type_alt: 'co_development' }),
    ];
    const r = evaluate(records, (input) => ({ ...base, is_rd_collaboration: true, event_type: input.title === 'alt' ? 'co_development' : 'consortium' }));
    expect(r.dealTypeAccuracyOnFlagged).toBe(0.5);
  });
});

