import type { TopicMessages } from 'kafkajs';
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
    const q = new SendQueue(s.sendBatch, 2);
    const all = ['1', '2', '3', '4', '5'].map((v) => q.send('a', msg(v)));
    for (let i = 0; i < 3; i++) {
      s.pending[i].resolve();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(s.requests.map(values)).toEqual([['a:1'], ['a:2', 'a:3'], ['a:4', 'a:5']]);
  });
});
