import { deliveryKey, digestKey } from './delivery-key';

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

describe('digestKey', () => {
  it('should differ per day when the same subscriber gets two digests', () => {
    expect(digestKey('s', 'email', '2025-03-04')).not.toBe(digestKey('s', 'email', '2025-03-05'));
  });
});
