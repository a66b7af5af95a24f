import { SyndicationIndex } from './syndication-index';

const release = 'BOSTON--Kestrel Pharma and the University of Leeds today announced a five-year research collaboration to identify new drug targets in liver fibrosis. Kestrel will fund research at the university and hold an option to license resulting programs. Financial terms were not disclosed.';
const doc = (id: string, over: Partial<{ title: string; text: string; parties: string[]; published: string | null; eventType: string }> = {}) => ({
  id, title: 'Kestrel Pharma and University of Leeds sign fibrosis research pact', text: release,
  parties: ['Kestrel Pharma', 'University of Leeds'], published: '2026-03-02T08:00:00Z', eventType: 'research_collaboration', ...over,
});

describe('SyndicationIndex', () => {
  it('should join a wire copy to the original when the text is the same', () => {
    const idx = new SyndicationIndex();
    expect(idx.add(doc('a'))).toEqual({ clusterId: 'a', isNew: true });
    expect(idx.add(doc('b', { title: 'Kestrel, Leeds in fibrosis deal', published: '2026-03-02T15:00:00Z' }))).toMatchObject({ clusterId: 'a', isNew: false, matchedId: 'a' });
  });

  it('should join a trade-press rewrite when the parties match within the window', () => {
    const idx = new SyndicationIndex();
    idx.add(doc('a'));
    const rewrite = doc('c', {
      title: 'Leeds lands Kestrel money for liver fibrosis targets',
      text: 'Kestrel Pharma is paying for a five-year research collaboration with the University of Leeds that will hunt for new drug targets in liver fibrosis, the company said. No financial terms were given.',
      published: '2026-03-03T09:00:00Z',
    });
    expect(idx.add(rewrite).clusterId).toBe('a');
  });

  it('should keep apart two deals between the same parties when their money terms differ', () => {
    const idx = new SyndicationIndex();
    idx.add(doc('d1', { title: 'Orrin licenses RNAi program to Merck for $35M upfront', text: 'Merck & Co. will pay Orrin Therapeutics $35 million upfront and up to $900 million in milestones for an RNAi program.', parties: ['Merck & Co.', 'Orrin Therapeutics'], eventType: 'licensing_with_rd' }));
    const second = idx.add(doc('d2', { title: 'Merck returns to Orrin for a second RNAi program', text: 'Merck & Co. will pay Orrin Therapeutics $12 million upfront and up to $410 million in milestones for a second program.', parties: ['Merck & Co.', 'Orrin Therapeutics'], eventType: 'licensing_with_rd', published: '2026-03-04T08:00:00Z' }));
    expect(second.isNew).toBe(true);
  });

  it('should not join the same text when the copies are months apart', () => {
    const idx = new SyndicationIndex();
    idx.add(doc('a'));
    expect(idx.add(doc('late', { published: '2026-09-01T00:00:00Z' })).isNew).toBe(true);
  });

  it('should not join unrelated news when only one common party appears', () => {
    const idx = new SyndicationIndex();
    idx.add(doc('a'));
    const other = doc('x', { title: 'Kestrel Pharma names new chief financial officer', text: 'Kestrel Pharma appointed Jane Roe as CFO effective April 1.', parties: ['Kestrel Pharma'], eventType: 'personnel' });
    expect(idx.add(other).isNew).toBe(true);
  });

  it('should restore its clusters when state is passed back in', () => {
    const first = new SyndicationIndex();
    first.add(doc('a'));
    const restored = new SyndicationIndex(JSON.parse(JSON.stringify(first.toState())));
    expect(restored.add(doc('b')).clusterId).toBe('a');
    expect(restored.add(doc('a'))).toMatchObject({ clusterId: 'a', isNew: false });
  });
});
