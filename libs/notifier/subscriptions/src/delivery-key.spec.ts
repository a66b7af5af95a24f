import { deliveryKey, digestItemKey, digestJobId } from './delivery-key';

describe('deliveryKey', () => {
  it('should be stable for one subscriber, channel and collaboration when called twice', () => {
    expect(deliveryKey('sub-1', 'email', 'collab-1')).toBe('delivery:v1:sub-1:email:collab-1');
  });

  it('should differ when the channel differs', () => {
    expect(deliveryKey('sub-1', 'email', 'c')).not.toBe(deliveryKey('sub-1', 'slack', 'c'));
  });

  it('should not collide when ids contain the separator', () => {
    expect(deliveryKey('a:email:b', 'email', 'c')).not.toBe(deliveryKey('a', 'email', 'b:email:c'));
  });
});

describe('digestItemKey', () => {
  it('should differ per period when the same collaboration is keyed for two periods', () => {
    expect(digestItemKey('s', 'email', 'daily@2025-03-04T07:00:00.000Z', 'c')).not.toBe(digestItemKey('s', 'email', 'daily@2025-03-05T07:00:00.000Z', 'c'));
  });

  it('should not collide when ids contain the separator', () => {
    expect(digestItemKey('a:email:p', 'email', 'q', 'c')).not.toBe(digestItemKey('a', 'email', 'p:email:q', 'c'));
  });
});

describe('digestJobId', () => {
  it('should name one job per subscriber, channel and period', () => {
    expect(digestJobId('s', 'email', 'hourly@2025-03-04T08:00:00.000Z')).toBe('digest:v1:s:email:hourly%402025-03-04T08%3A00%3A00.000Z');
    expect(digestJobId('s', 'slack', 'p')).not.toBe(digestJobId('s', 'email', 'p'));
  });
});
