import { joinSimilarity, syndicationEntry, syndicationKeys } from './join';
import { SyndicationIndex } from './syndication-index';

const release = 'BOSTON--Kestrel Pharma and the University of Leeds today announced a five-year research collaboration to identify new drug targets in liver fibrosis. Kestrel will fund research at the university and hold an option to license resulting programs. Financial terms were not disclosed.';
const doc = (id: string, over: Partial<{ title: string; text: string; parties: string[]; published: string | null; eventType: string }> = {}) => ({
  id, title: 'Kestrel Pharma and University of Leeds sign fibrosis research pact', text: release,
  parties: ['Kestrel Pharma', 'University of Leeds'], published: '2026-03-02T08:00:00Z', eventType: 'research_collaboration', ...over,
});

// Invented organisations and wire-copy templates: the formulaic announcements that must never merge.
const companies = ['Albion', 'Brightwater', 'Corvane', 'Dunmore', 'Elstree', 'Farrowby', 'Glenrock', 'Harwick', 'Islay', 'Juniper Ridge', 'Kelso', 'Lockhart'];
const partners = ['University of Tarnwick', 'Norbridge Institute', 'Ostvale Cancer Centre', 'Pellham Medical School', 'Quarry Hill Hospital'];
const areas = ['oncology', 'fibrosis', 'rare diseases', 'neuroscience', 'immunology'];
const templates = [
  (a: string, b: string, area: string) => ({
    title: `${a} Therapeutics and ${b} announce research collaboration in ${area}`,
    text: `${a} Therapeutics, Inc. and ${b} today announced that they have entered into a research collaboration to discover and develop novel therapies in ${area}. Under the terms of the agreement, the parties will combine their expertise to identify new targets. Financial terms were not disclosed.`,
  }),
  (a: string, b: string, area: string) => ({
    title: `${a} Therapeutics enters strategic collaboration with ${b}`,
    text: `${a} Therapeutics today announced a strategic research collaboration with ${b} focused on ${area}. The collaboration will leverage ${a}'s platform and ${b}'s translational expertise. Financial details of the agreement were not disclosed.`,
  }),
];
const formulaic = Array.from({ length: 60 }, (_, i) => {
  const a = companies[i % companies.length];
  const b = partners[Math.floor(i / companies.length) % partners.length];
  const t = templates[i % templates.length](a, b, areas[i % areas.length]);
  return { id: `f${i}`, ...t, parties: [`${a} Therapeutics`, b], published: `2026-04-0${1 + (i % 5)}T09:00:00Z`, eventType: 'research_collaboration' };
});

// A company's release template: the "About" section names its other partners.
const aboutKestrel = ' About Kestrel Therapeutics. Kestrel Therapeutics is a clinical-stage biotechnology company developing precision oncology medicines using its HelixMap platform. ' +
  'Kestrel has strategic collaborations with Orion Biologics and Meridian Pharma and is headquartered in Boston, Massachusetts. Forward-looking statements: this press release contains ' +
  'forward-looking statements within the meaning of the Private Securities Litigation Reform Act of 1995, including statements about the collaboration, the potential of the platform, ' +
  'and the timing of clinical trials. Actual results may differ materially.';
const kestrelDeal = (id: string, partner: string, target: string, area: string, published: string) => ({
  id, title: `Kestrel Therapeutics and ${partner} enter research collaboration in ${area}`,
  text: `BOSTON -- Kestrel Therapeutics today announced a research collaboration with ${partner} to discover ${target} for ${area}. Financial terms were not disclosed.${aboutKestrel}`,
  parties: ['Kestrel Therapeutics', partner], published, eventType: 'research_collaboration',
});
const pfizerDateline = 'NEW YORK and MAINZ, Germany -- Pfizer Inc. (NYSE: PFE) and BioNTech SE (Nasdaq: BNTX) today announced ';
const alderDeal = (id: string, title: string, text: string) => ({ id, title, text, parties: ['Alder Bio', 'Norvax'], published: '2026-12-01', eventType: 'licensing' });

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

  it('should join a copy whose extraction missed a party when the other copy names it', () => {
    const idx = new SyndicationIndex();
    idx.add(doc('a'));
    expect(idx.add(doc('b', { parties: ['Kestrel Pharma'], published: '2026-03-02T11:00:00Z' })).clusterId).toBe('a');
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

  it('should never join formulaic announcements when their parties differ', () => {
    const idx = new SyndicationIndex();
    const joined = formulaic.map((d) => idx.add(d)).filter((r) => !r.isNew);
    expect(joined).toEqual([]);
  });

  it('should still join re-posted copies of formulaic announcements to their own original only', () => {
    const idx = new SyndicationIndex();
    for (const d of formulaic) idx.add(d);
    const copies = formulaic.filter((_, i) => i % 7 === 0).map((d) => ({ ...d, id: `${d.id}-copy`, title: `${d.title} (wire)`, published: '2026-04-06T10:00:00Z' }));
    expect(copies.map((c) => idx.add(c).clusterId)).toEqual(copies.map((c) => c.id.replace('-copy', '')));
  });

  it('should refuse a verbatim template when one party is swapped', () => {
    const [a] = formulaic;
    const swapped = { ...a, id: 'swap', title: a.title.replace('University of Tarnwick', 'Norbridge Institute'), text: a.text.replace('University of Tarnwick', 'Norbridge Institute'), parties: ['Albion Therapeutics', 'Norbridge Institute'] };
    const ea = syndicationEntry(a);
    const es = syndicationEntry(swapped);
    expect(joinSimilarity(ea, es)).toBeNull();
    expect(joinSimilarity(es, ea)).toBeNull();
  });

  it('should not join releases of one company about different partners when its "About" section names both', () => {
    const orion = syndicationEntry(kestrelDeal('orion', 'Orion Biologics', 'antibodies', 'lung cancer', '2026-12-01'));
    const meridian = syndicationEntry(kestrelDeal('meridian', 'Meridian Pharma', 'small molecules', 'colorectal cancer', '2026-12-04'));
    expect(joinSimilarity(orion, meridian)).toBeNull();
    expect(joinSimilarity(meridian, orion)).toBeNull();
  });

  it('should still join a re-post of a release with an "About" section', () => {
    const idx = new SyndicationIndex();
    idx.add(kestrelDeal('orion', 'Orion Biologics', 'antibodies', 'lung cancer', '2026-12-01'));
    expect(idx.add({ ...kestrelDeal('orion-wire', 'Orion Biologics', 'antibodies', 'lung cancer', '2026-12-01'), title: 'Kestrel, Orion in lung cancer antibody pact' }).clusterId).toBe('orion');
  });

  it('should not join two deals between the same parties when their headlines differ, despite a shared dateline', () => {
    const shingles = { id: 'shingles', title: 'Pfizer and BioNTech expand collaboration to shingles vaccine', text: `${pfizerDateline}an agreement to jointly develop an mRNA vaccine against shingles, building on their existing partnership.`, parties: ['Pfizer', 'BioNTech'], published: '2026-12-01', eventType: 'co_development' };
    const flu = { ...shingles, id: 'flu', title: 'Pfizer, BioNTech to co-develop next-generation influenza candidate', text: `${pfizerDateline}a new programme to co-develop a next-generation seasonal influenza vaccine, with first trials in 2027.`, published: '2026-12-05' };
    expect(joinSimilarity(syndicationEntry(shingles), syndicationEntry(flu))).toBeNull();
  });

  it('should read "$1,250 million" as 1,250 million and join it to a copy quoting "$1.25 billion"', () => {
    const millions = alderDeal('m', 'Alder Bio licenses antibody to Norvax in $1,250 million deal', 'Alder Bio and Norvax signed a licence and collaboration agreement worth $1,250 million including milestones to co-develop an antibody.');
    const billions = alderDeal('b', 'Norvax pays up to $1.25 billion for Alder Bio antibody', 'Norvax will co-develop an antibody from Alder Bio under a licence and collaboration agreement worth up to $1.25 billion including milestones.');
    expect(syndicationEntry(millions).amounts).toEqual([1250]);
    expect(syndicationEntry({ ...millions, title: 'Norvax deal', text: 'Norvax pays €1,5 bn.' }).amounts).toEqual([1500]);
    expect(joinSimilarity(syndicationEntry(millions), syndicationEntry(billions))).not.toBeNull();
  });

  it('should join a copy quoting the total to one quoting the split', () => {
    const total = alderDeal('t', 'Alder Bio licenses antibody to Norvax in $1.25 billion deal', 'Alder Bio and Norvax signed a licence and collaboration agreement worth $1.25 billion including milestones to co-develop an antibody.');
    const split = alderDeal('s', 'Norvax licenses Alder Bio antibody', 'Norvax will co-develop an antibody from Alder Bio under a licence and collaboration agreement: $50 million upfront and $1.2 billion in milestones.');
    expect(joinSimilarity(syndicationEntry(total), syndicationEntry(split))).not.toBeNull();
  });

  it('should file an entry under its LSH bands and its parties', () => {
    const keys = syndicationKeys(syndicationEntry(doc('a')));
    expect(keys.filter((k) => k.startsWith('b'))).toHaveLength(20);
    expect(keys.filter((k) => k.startsWith('p:'))).toEqual(['p:kestrel pharma', 'p:university of leeds']);
  });
});
