import { aFlag, aSubscriber } from './__fixtures__/flag.fixture';
import { matchSubscribers } from './match';

// The watchlist fields the subscriptions API added: company aliases and geographies.
describe('matchSubscribers with company aliases and geographies', () => {
  it('should match a company through one of its aliases when the name itself does not occur', () => {
    const flag = aFlag({ classification: { parties: [{ name: 'MSD', type: 'pharma' }, { name: 'Institut Pasteur', type: 'academic' }] } });
    const [m] = matchSubscribers(flag, [aSubscriber({ watchlist: { companies: [{ name: 'Merck & Co.', aliases: ['MSD'] }] } })]);
    expect(m?.reasons).toEqual(['company: MSD']);
  });

  it('should not match a company object when neither its name nor its aliases occur', () => {
    const flag = aFlag({ classification: { parties: [{ name: 'Bayer AG', type: 'pharma' }, { name: 'Institut Pasteur', type: 'academic' }] } });
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { companies: [{ name: 'Merck & Co.', aliases: ['MSD'] }] } })])).toEqual([]);
  });

  it('should match a geography when the classification names it, and not otherwise', () => {
    const flag = aFlag({ classification: { geographies: ['Russia', 'United Kingdom'] } });
    const [m] = matchSubscribers(flag, [aSubscriber({ watchlist: { geographies: ['United Kingdom'] } })]);
    expect(m?.reasons).toEqual(['geography: United Kingdom']);
    expect(matchSubscribers(flag, [aSubscriber({ watchlist: { geographies: ['Japan'] } })])).toEqual([]);
  });
});
