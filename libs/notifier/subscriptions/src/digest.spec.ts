import { aFlag } from './__fixtures__/flag.fixture';
import { buildDigest, digestItems } from './digest';

const flags = () => [
  aFlag({ collaborationId: 'c1', revision: 1, classification: { confidence: 0.7 } }),
  aFlag({ collaborationId: 'c1', revision: 3, title: 'Syndicated copy', classification: { confidence: 0.7 } }),
  aFlag({ collaborationId: 'c2', classification: { confidence: 0.95, parties: [{ name: 'Pfizer Inc.', type: 'pharma' }, { name: 'BioNTech SE', type: 'biotech' }], event_type: 'co_development' } }),
];

describe('digestItems', () => {
  it('should keep one item per collaboration with the highest revision, strongest first', () => {
    expect(digestItems(flags()).map((f) => [f.collaborationId, f.revision])).toEqual([['c2', 1], ['c1', 3]]);
  });
});

describe('buildDigest', () => {
  it('should count collaborations, not revisions, when building the subject', () => {
    expect(buildDigest(flags()).subject).toBe('Pharma Radar daily digest: 2 new R&D collaborations');
  });

  it('should list each collaboration with its headline and link when rendering the text', () => {
    const d = buildDigest(flags());
    expect(d.text).toContain('1. R&D collaboration: Pfizer Inc. + BioNTech SE (co_development)');
    expect(d.text).toContain('2. R&D collaboration: AstraZeneca PLC + N.N. Petrov Institute of Oncology (research_collaboration)');
    expect(d.text).toContain('   Syndicated copy');
    expect(d.text).toContain('   https://news.example.com/az-petrov');
  });

  it('should count the overflow when there are more items than maxItems', () => {
    const many = Array.from({ length: 30 }, (_, i) => aFlag({ collaborationId: `c${i}` }));
    const d = buildDigest(many, { maxItems: 25 });
    expect(d.text.endsWith('…and 5 more')).toBe(true);
    expect((d.slack.blocks as unknown[]).length).toBe(27);
    expect(d.slack.text.length).toBeLessThanOrEqual(3_000);
  });

  it('should name the period in the subject when the digest is hourly', () => {
    expect(buildDigest(flags(), { period: 'hourly' }).subject).toBe('Pharma Radar hourly digest: 2 new R&D collaborations');
  });

  it('should carry one model per listed collaboration and the total for structured channels', () => {
    const many = Array.from({ length: 30 }, (_, i) => aFlag({ collaborationId: `c${i}` }));
    const d = buildDigest(many, { maxItems: 25, period: 'hourly' });
    expect(d.digest).toMatchObject({ period: 'hourly', total: 30 });
    expect(d.digest?.alerts).toHaveLength(25);
  });

  it('should say so when there is nothing to report', () => {
    expect(buildDigest([]).subject).toBe('Pharma Radar daily digest: no new R&D collaborations');
  });

  it('should escape hostile titles in every part when building the digest', () => {
    const d = buildDigest([aFlag({ title: '<!channel> <script>alert(1)</script>\r\nBcc: x@y' })]);
    expect(JSON.stringify(d.slack)).not.toContain('<!channel>');
    expect(d.html).not.toContain('<script>');
    expect(d.text).not.toContain('\nBcc:');
  });
});
