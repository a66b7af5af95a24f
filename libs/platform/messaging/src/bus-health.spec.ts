import { BrokerProbe, ConsumerStates, kafkaReadiness } from './bus-health';

describe('ConsumerStates', () => {
  it('should report a member again as consuming when it rejoined after a crash', () => {
    const s = new ConsumerStates();
    s.set('g t', 'joined');
    s.set('g t', 'crashed, restarting', 'Connection error');
    expect(s.problems()).toEqual(['g t: crashed, restarting (Connection error)']);
    s.set('g t', 'joined');
    expect(s.problems()).toEqual([]);
  });

  it('should list every member that is not consuming when several are down', () => {
    const s = new ConsumerStates();
    s.set('a t', 'waiting for the broker');
    s.set('b t', 'joined');
    s.set('c t', 'failed, retrying', 'topic missing');
    expect(s.problems()).toEqual(['a t: waiting for the broker', 'c t: failed, retrying (topic missing)']);
    s.remove('c t');
    expect(s.problems()).toHaveLength(1);
  });
});

describe('kafkaReadiness', () => {
  it('should be ready when the producer is connected, a broker answers and every member consumes', () => {
    expect(kafkaReadiness({ connected: true, broker: { ok: true }, members: [] })).toEqual({ ok: true });
  });

  it('should not be ready when no broker answers even with no consumers (a producer-only service)', () => {
    expect(kafkaReadiness({ connected: true, broker: { ok: false, detail: 'broker unreachable: ECONNREFUSED' }, members: [] }))
      .toEqual({ ok: false, detail: 'broker unreachable: ECONNREFUSED' });
  });

  it('should name every problem when several hold', () => {
    expect(kafkaReadiness({ connected: false, broker: { ok: false, detail: 'x' }, members: ['g t: joining'] }))
      .toEqual({ ok: false, detail: 'producer not connected; x; g t: joining' });
  });
});

describe('BrokerProbe', () => {
  it('should share one request among concurrent probes and reuse the answer while it is fresh', async () => {
    let now = 0;
    const check = jest.fn().mockResolvedValue(undefined);
    const probe = new BrokerProbe(check, { timeoutMs: 1_000, maxAgeMs: 1_000, now: () => now });
    await Promise.all([probe.probe(), probe.probe(), probe.probe()]);
    expect(check).toHaveBeenCalledTimes(1);
    now = 999;
    await probe.probe();
    expect(check).toHaveBeenCalledTimes(1);
    now = 1_000;
    await probe.probe();
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('should say the broker is unreachable when the request fails, and recover when it answers again', async () => {
    let now = 0;
    const check = jest.fn().mockRejectedValueOnce(new Error('Connection error: ECONNREFUSED')).mockResolvedValue(undefined);
    const probe = new BrokerProbe(check, { timeoutMs: 1_000, maxAgeMs: 10, now: () => now });
    expect(await probe.probe()).toEqual({ ok: false, detail: 'broker unreachable: Connection error: ECONNREFUSED' });
    now = 20;
    expect(await probe.probe()).toEqual({ ok: true });
  });

  it('should answer not ready when the broker does not answer within the timeout', async () => {
    const probe = new BrokerProbe(() => new Promise<void>(() => undefined), { timeoutMs: 20, maxAgeMs: 0 });
    expect(await probe.probe()).toEqual({ ok: false, detail: 'broker did not answer within 20 ms' });
  });
});
