import { staticDirectory } from './directory';
import { subscriberSchema } from './subscriber';

describe('staticDirectory', () => {
  it('should list the given subscribers as a frozen snapshot and never signal a change', () => {
    const s = subscriberSchema.parse({ id: 'a', channels: ['console'], watchlist: {}, active: true });
    const d = staticDirectory([s]);
    const listener = jest.fn();
    d.onChange(listener)();
    expect(d.list()).toEqual([s]);
    expect(Object.isFrozen(d.list())).toBe(true);
    expect(listener).not.toHaveBeenCalled();
  });
});
