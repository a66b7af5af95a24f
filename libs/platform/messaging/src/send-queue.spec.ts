import { KafkaJSNumberOfRetriesExceeded, TopicMessages } from 'kafkajs';
import { SendQueue } from './send-queue';

function deferredSender() {
  const requests: TopicMessages[][] = [];
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const sendBatch = (topicMessages: TopicMessages[]) => {
    requests.push(topicMessages);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { requests, pending, sendBatch };
}

const msg = (v: string) => ({ key: 'k', value: v });
const values = (r: TopicMessages[]) => r.flatMap((t) => t.messages.map((m) => `${t.topic}:${String(m.value)}`));
const keys = (r: TopicMessages[]) => r.flatMap((t) => t.messages.map((m) => String(m.key)));
const tick = () => new Promise((r) => setImmediate(r));
/** Settles each request as it arrives, in order, until `outcomes` runs out. */
async function settle(s: ReturnType<typeof deferredSender>, outcomes: Array<Error | 'ok'>): Promise<void> {
  for (const [i, outcome] of outcomes.entries()) {
    await tick();
    if (outcome === 'ok') s.pending[i].resolve();
    else s.pending[i].reject(outcome);
  }
  await tick();
}

describe('SendQueue', () => {
  it('should send a lone message at once when nothing is in flight', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    const sent = q.send('a', msg('1'));
    expect(s.requests.map(values)).toEqual([['a:1']]);
    s.pending[0].resolve();
    await expect(sent).resolves.toBeUndefined();
  });

  it('should coalesce sends that arrive during a request into one next request in queue order', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    const first = q.send('a', msg('1'));
    const rest = [q.send('a', msg('2')), q.send('b', msg('3')), q.send('a', msg('4'))];
    expect(s.requests).toHaveLength(1);
    s.pending[0].resolve();
    await first;
    expect(s.requests.map(values)).toEqual([['a:1'], ['a:2', 'a:4', 'b:3']]);
    s.pending[1].resolve();
    await Promise.all(rest);
  });

  it('should resolve a send only after its own request is acknowledged', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    void q.send('a', msg('1'));
    let secondDone = false;
    const second = q.send('a', msg('2')).then(() => void (secondDone = true));
    s.pending[0].resolve();
    await new Promise((r) => setImmediate(r));
    expect(secondDone).toBe(false);
    s.pending[1].resolve();
    await second;
    expect(secondDone).toBe(true);
  });

  it('should reject every send of a failed request and keep sending later ones when the broker fails once', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    const failed = q.send('a', msg('1'));
    const later = q.send('a', msg('2'));
    s.pending[0].reject(new Error('broker gone'));
    await expect(failed).rejects.toThrow('broker gone');
    await new Promise((r) => setImmediate(r));
    s.pending[1].resolve();
    await expect(later).resolves.toBeUndefined();
  });

  it('should split a long queue into requests of at most maxMessages when many sends wait', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch, { maxMessages: 2 });
    const all = ['1', '2', '3', '4', '5'].map((v) => q.send('a', msg(v)));
    for (let i = 0; i < 3; i++) {
      s.pending[i].resolve();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(s.requests.map(values)).toEqual([['a:1'], ['a:2', 'a:3'], ['a:4', 'a:5']]);
  });

  it('should keep a coalesced request under the byte cap when large messages wait together', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    // Four 300 KB messages to one partition each pass alone but exceed the broker's limit together.
    const big = (k: string) => ({ key: k, value: Buffer.alloc(300_000, 97) });
    const all = ['1', '2', '3', '4', '5'].map((k) => q.send('dead-letters', big(k)));
    await settle(s, ['ok', 'ok', 'ok']);
    await Promise.all(all);
    expect(s.requests.map(keys)).toEqual([['1'], ['2', '3'], ['4', '5']]);
  });

  it('should send an oversize message alone and count key and headers towards the cap', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch, { maxBytes: 10 });
    const all = [
      q.send('a', { key: 'k', value: 'first' }),
      q.send('a', { key: 'k', value: 'abcd' }), // 5 bytes with its key
      q.send('a', { key: null, value: 'ab', headers: { h: 'v' } }), // 4 bytes: fits beside the last
      q.send('a', { key: 'k', value: 'way-too-large' }),
      q.send('a', { key: 'k', value: 'x' }),
    ];
    await settle(s, ['ok', 'ok', 'ok', 'ok']);
    await Promise.all(all);
    expect(s.requests.map(values)).toEqual([['a:first'], ['a:abcd', 'a:ab'], ['a:way-too-large'], ['a:x']]);
  });

  it('should send each message of a failed request alone and reject only the one that fails again', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    const first = q.send('a', msg('1'));
    const [two, three, four] = ['2', '3', '4'].map((v) => q.send('a', msg(v)));
    const threeFailed = expect(three).rejects.toThrow('MESSAGE_TOO_LARGE');
    const tooLarge = new Error('MESSAGE_TOO_LARGE');
    await settle(s, ['ok', tooLarge, 'ok', tooLarge, 'ok']);
    await expect(Promise.all([first, two, four])).resolves.toEqual([undefined, undefined, undefined]);
    await threeFailed;
    expect(s.requests.map(values)).toEqual([['a:1'], ['a:2', 'a:3', 'a:4'], ['a:2'], ['a:3'], ['a:4']]);
  });

  it('should reject the whole request without sending each alone when the broker could not be reached', async () => {
    const s = deferredSender();
    const q = new SendQueue(s.sendBatch);
    void q.send('a', msg('1'));
    const rest = ['2', '3'].map((v) => q.send('a', msg(v)));
    const gone = new KafkaJSNumberOfRetriesExceeded(new Error('broker gone'), { retryCount: 10, retryTime: 10_000 });
    const rejected = Promise.allSettled(rest);
    await settle(s, ['ok', gone]);
    expect((await rejected).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(s.requests).toHaveLength(2);
  });
});
