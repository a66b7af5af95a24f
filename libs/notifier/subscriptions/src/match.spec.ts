import { aFlag, aSubscriber } from './__fixtures__/flag.fixture';
import { matchSubscribers } from './match';

describe('matchSubscribers', () => {
  it('should match everything with a reason when the watchlist is empty', () => {
    const [m] = matchSubscribers(aFlag(), [aSubscriber()]);
    expect(m).toEqual({ subscriber: aSubscriber(), channels: ['email'], reasons: ['watchlist: all collaborations'] });
  });

  it('should never match a subscriber when it is inactive', () => {
    expect(matchSubscribers(aFlag(), [aSubscriber({ active: false })])).toEqual([]);
  });

  it.each([
    ['astrazeneca', 'AstraZeneca PLC'],
    ['AstraZeneca plc', 'AstraZeneca PLC'],
    ['ASTRAZENECA Ltd.', 'AstraZeneca PLC'],
    ['Petrov Institute of Oncology', 'N.N. Petrov Institute of Oncology'],
  ])('should match company %j when a party is named %j', (company) => {
    const [m] = matchSubscribers(aFlag(), [aSubscriber({ watchlist: { companies: [company] } })]);
    expect(m?.reasons).toEqual([expect.stringMatching(/^company: /)]);
  });

  it('should match a company when accents and legal forms differ', () => {
    const flag = aFlag({ classification: { parties: [{ name: 'Sanofi-Aventis Groupe S.A.', type: 'pharma' }, { name: 'Institut Pasteur', type: 'academic' }] } });
    const flag2 = aFlag({ classification: { parties: [{ name: 'Bayer AG', type: 'pharma' }, { name: 'Université de Genève', type: 'academic' }] } });
    expect(matchSubscribers(flag2, [aSubscriber({ watchlist: { companies: ['Universite de Geneve'] } })])).toHaveLength(1);
    expect(matchSubscribers(flag2, [aSubscriber({ watchlist: { companies: ['Bayer'] } })])).toHaveLength(1);
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { companies: ['institut pasteur'] } })])).toHaveLength(1);
  });

  it('should not match a company when only a word fragment is shared', () => {
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { companies: ['Astra'] } })])).toEqual([]);
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { companies: ['Pfizer'] } })])).toEqual([]);
  });

  it('should require every given criterion when several are set', () => {
    const both = aSubscriber({ watchlist: { companies: ['AstraZeneca'], therapeuticAreas: ['oncology'] } });
    const wrongArea = aSubscriber({ id: 'sub-2', watchlist: { companies: ['AstraZeneca'], therapeuticAreas: ['cardiology'] } });
    expect(matchSubscribers(aFlag(), [both, wrongArea]).map((m) => m.subscriber.id)).toEqual(['sub-1']);
  });

  it('should list every reason when several criteria match', () => {
    const s = aSubscriber({
      watchlist: { companies: ['AstraZeneca', 'Pfizer'], partyTypes: ['academic'], eventTypes: ['research_collaboration', 'co_development'], therapeuticAreas: ['Oncology'], keywords: ['antibody-drug conjugates', 'mRNA'] },
    });
    expect(matchSubscribers(aFlag(), [s])[0].reasons).toEqual([
      'company: AstraZeneca PLC',
      'party type: academic',
      'event type: research_collaboration',
      'therapeutic area: oncology',
      'keyword: antibody-drug conjugates',
    ]);
  });

  it('should filter out a flag when its confidence is below minConfidence', () => {
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { minConfidence: 0.9 } })])).toEqual([]);
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { minConfidence: 0.87 } })])[0].reasons).toEqual(['watchlist: all collaborations', 'confidence 87% ≥ 87%']);
  });

  it('should not match an event type when it differs', () => {
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { eventTypes: ['licensing_with_rd'] } })])).toEqual([]);
  });

  it('should match a therapeutic area when it is a word within a longer area', () => {
    const flag = aFlag({ classification: { therapeutic_areas: ['Immuno-Oncology'] } });
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { therapeuticAreas: ['oncology'] } })])[0].reasons).toEqual(['therapeutic area: Immuno-Oncology']);
  });

  it('should match keywords case-insensitively as whole words when found in the title or evidence', () => {
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { keywords: ['EARLY CANCER'] } })])).toHaveLength(1);
    expect(matchSubscribers(aFlag(), [aSubscriber({ watchlist: { keywords: ['canc'] } })])).toEqual([]);
  });

  it('should treat regex syntax in keywords as plain text when matching', () => {
    const flag = aFlag({ title: 'a'.repeat(3_000) + '!' });
    const started = Date.now();
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { keywords: ['(a+)+$', '.*'] } })])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('should match a keyword with punctuation when the words appear in order', () => {
    const flag = aFlag({ title: 'Partnership on C++ tooling for (a+)+ assays' });
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { keywords: ['(a+)+ assays'] } })])[0].reasons).toEqual(['keyword: (a+)+ assays']);
  });

  it('should offer each channel once when the subscriber lists several', () => {
    const s = aSubscriber({ channels: ['email', 'console'] });
    expect(matchSubscribers(aFlag(), [s])[0].channels).toEqual(['email', 'console']);
  });

  // Speed belongs in a benchmark, not in a timed assertion that fails on a busy machine: this checks the result only.
  it('should match none of 1 000 subscribers with 200 long keywords each when none appears', () => {
    const subscribers = Array.from({ length: 1_000 }, (_, i) =>
      aSubscriber({ id: `s${i}`, watchlist: { keywords: Array.from({ length: 200 }, (_, k) => `keyword number ${k} ${'x'.repeat(80)}`) } }),
    );
    expect(matchSubscribers(aFlag(), subscribers)).toEqual([]);
  });
});
