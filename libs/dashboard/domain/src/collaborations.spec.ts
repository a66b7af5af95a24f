import { aFlag } from '@pharma-radar/testing';
import { applyQuery, chartData, collaborationsCsv, csvCell, facets, foldFlags, highlightEvidence, leadOf, parseCollaborationQuery, type CollaborationQuery } from './index';

const flag = (id: string, publishedAt: string, c: Parameters<ReturnType<typeof aFlag>['withClassification']>[0] = {}, revision = 1) => {
  const f = aFlag().id(id).revision(revision).withClassification(c).build();
  return { ...f, publishedAt, sources: [{ articleId: `${id}-r${revision}`, url: `https://news.example/${id}/${revision}`, source: 'Wire', publishedAt }] };
};
const query = (raw: Record<string, unknown>): CollaborationQuery => {
  const r = parseCollaborationQuery(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.query;
};

const all = foldFlags([
  flag('old', '2026-09-02T10:00:00Z', { event_type: 'licensing_with_rd', therapeutic_areas: ['neurology'], financial_terms: { upfront: 50_000_000, milestones: 450_000_000, currency: 'USD', undisclosed: false, text: '$50M upfront' } }),
  flag('new', '2026-11-30T09:00:00+02:00'),
  flag('new', '2026-11-30T09:00:00+02:00', { confidence: 0.6 }, 2),
  flag('mid', '2026-10-15T00:00:00Z', { event_type: 'co_development', parties: [{ name: 'Pfizer', type: 'pharma' }, { name: 'Université de Genève', type: 'academic', role: 'licensor' }], geographies: ['Switzerland'] }),
]);

describe('foldFlags', () => {
  it('should keep one entry per announcement, newest first, the highest revision with the sources of all revisions', () => {
    expect(all.map((c) => c.collaborationId)).toEqual(['new', 'mid', 'old']);
    const latest = all[0];
    expect(latest.revision).toBe(2);
    expect(latest.confidence).toBe(0.6);
    expect(latest.sources.map((s) => s.articleId).sort()).toEqual(['new-r1', 'new-r2']);
  });

  it('should order by instant, not by the text of dates with different offsets', () => {
    const [a, b] = foldFlags([flag('z-later', '2026-11-30T01:00:00+00:00'), flag('a-earlier', '2026-11-30T02:00:00+05:00')]);
    expect([a.collaborationId, b.collaborationId]).toEqual(['z-later', 'a-earlier']);
  });
});

describe('parseCollaborationQuery', () => {
  it('should give defaults for an empty query', () => {
    expect(query({})).toEqual({ q: undefined, party: undefined, partyTypes: [], dealTypes: [], areas: [], geographies: [], money: 'any', minAmount: undefined, from: undefined, to: undefined, minConfidence: undefined, limit: 100, offset: 0 });
  });

  it('should report every bad parameter at once, each with its name and, for a closed list, the allowed values', () => {
    const r = parseCollaborationQuery({ dealType: 'merger', minConfidence: '2', from: '2026-02-30', limit: '10.5', sort: 'x', money: 'lots' });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.param).sort()).toEqual(['dealType', 'from', 'limit', 'minConfidence', 'money', 'sort']);
    expect(errors.find((e) => e.param === 'dealType')?.allowed).toContain('co_development');
    expect(errors.find((e) => e.param === 'from')?.message).toMatch(/YYYY-MM-DD/);
  });

  it('should refuse a date range that ends before it starts, and a parameter given as an object', () => {
    const r = parseCollaborationQuery({ from: '2026-11-02', to: '2026-11-01', q: { $ne: 1 } });
    expect(r.ok ? [] : r.errors.map((e) => e.param).sort()).toEqual(['from', 'q']);
  });

  it('should take list values repeated or comma-separated', () => {
    expect(query({ partyType: ['pharma,academic', 'biotech'] }).partyTypes).toEqual(['pharma', 'academic', 'biotech']);
  });
});

describe('applyQuery', () => {
  const ids = (raw: Record<string, unknown>) => applyQuery(all, query(raw)).matching.map((c) => c.collaborationId);

  it('should narrow by each criterion', () => {
    expect(ids({ party: 'geneve' })).toEqual(['mid']); // accents folded
    expect(ids({ partyType: 'academic' })).toEqual(['new', 'mid', 'old']);
    expect(ids({ dealType: 'licensing_with_rd,co_development' })).toEqual(['mid', 'old']);
    expect(ids({ area: 'Neurology' })).toEqual(['old']);
    expect(ids({ geography: 'switzerland' })).toEqual(['mid']);
    expect(ids({ money: 'disclosed' })).toEqual(['old']);
    expect(ids({ money: 'undisclosed' })).toEqual(['new', 'mid']);
    expect(ids({ minAmount: '500000000' })).toEqual(['old']);
    expect(ids({ minAmount: '500000001' })).toEqual([]);
    expect(ids({ from: '2026-10-01', to: '2026-10-31' })).toEqual(['mid']);
    expect(ids({ minConfidence: '0.7' })).toEqual(['mid', 'old']);
    expect(ids({ q: 'pfizer genève' })).toEqual(['mid']);
  });

  it('should page the matches and count them all', () => {
    const { page } = applyQuery(all, query({ limit: '1', offset: '1' }));
    expect(page.total).toBe(3);
    expect(page.items.map((c) => c.collaborationId)).toEqual(['mid']);
  });

  it('should offer the values present in the data as facets', () => {
    expect(facets(all).dealTypes).toEqual([{ value: 'research_collaboration', count: 1 }, { value: 'co_development', count: 1 }, { value: 'licensing_with_rd', count: 1 }].sort((a, b) => a.value.localeCompare(b.value)));
  });
});

describe('chartData', () => {
  it('should count per month with empty months kept, and rank partners once per announcement', () => {
    const d = chartData(all);
    expect(d.byDealType.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(d.byDealType.series.find((s) => s.key === 'co_development')?.counts).toEqual([0, 1, 0]);
    expect(d.byArea.series.find((s) => s.key === 'oncology')?.counts).toEqual([0, 1, 1]);
    expect(d.topPartners[0]).toEqual({ key: 'AstraZeneca', count: 2 });
    expect(d.partnerTypes).toEqual([{ key: 'academic', count: 3 }, { key: 'pharma', count: 3 }]);
  });
});

describe('CSV', () => {
  it('should keep formula-looking cells as text and quote what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-2)).toBe('-2'); // a number is a number
    expect(csvCell(null)).toBe('');
  });

  it('should write a header and one line per collaboration', () => {
    const hostile = foldFlags([{ ...flag('h', '2026-11-01T00:00:00Z'), title: '=cmd|" /C calc"!A0' }]);
    const lines = collaborationsCsv(hostile).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(',')[2]).toBe('title');
    expect(lines[1]).toContain('"\'=cmd|"" /C calc""!A0"');
  });
});

describe('evidence in the lead', () => {
  it('should split the lead around the evidence, whitespace runs ignored', () => {
    const r = highlightEvidence('Intro line.\n\nAcme  signs a deal with Beta. More text.', 'Acme signs a deal with Beta.');
    expect(r.found).toBe(true);
    expect(r.segments).toEqual([{ text: 'Intro line. ', evidence: false }, { text: 'Acme signs a deal with Beta.', evidence: true }, { text: ' More text.', evidence: false }]);
  });

  it('should say so when the evidence is not in the lead', () => {
    expect(highlightEvidence('Something else.', 'Acme signs.')).toEqual({ segments: [{ text: 'Something else.', evidence: false }], found: false });
  });

  it('should cut a long article at a sentence end, but reach down to the evidence sentence', () => {
    const text = `${'Filler sentence here. '.repeat(100)}Acme signs a deal with Beta. Tail.`;
    expect(leadOf(text).length).toBeLessThanOrEqual(1_200);
    expect(leadOf(text).endsWith('.')).toBe(true);
    expect(leadOf(text, 'Acme signs a deal with Beta.').endsWith('Acme signs a deal with Beta.')).toBe(true);
  });
});
