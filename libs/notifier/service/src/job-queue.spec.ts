import { aFlag, expectEventually } from '@pharma-radar/testing';
import { AlertJob, DeliveryJob, MemoryJobQueue } from './job-queue';

const job = (key: string): AlertJob => ({ kind: 'alert', key, subscriberId: 's', channel: 'email', flag: aFlag().build(), attempts: 0 });

describe('MemoryJobQueue', () => {
  it('should run a job once when it is added twice under one id', async () => {
    const q = new MemoryJobQueue({ concurrency: 2 });
    const runs: string[] = [];
    await q.start(async (j) => { runs.push(j.key); return { kind: 'done' }; });
    await q.add(job('a'), { jobId: 'a', at: Date.now(), keepCompleted: true });
    await q.add(job('a'), { jobId: 'a', at: Date.now(), keepCompleted: true });
    await expectEventually(() => expect(runs).toEqual(['a']));
    await q.add(job('a'), { jobId: 'a', at: Date.now(), keepCompleted: true });
    await q.add(job('b'), { jobId: 'b', at: Date.now(), keepCompleted: true });
    await expectEventually(() => expect(runs).toEqual(['a', 'b']));
    await q.close();
  });

  it('should accept the id again after completion when the job does not keep it (digests)', async () => {
    const q = new MemoryJobQueue({ concurrency: 1 });
    const runs: string[] = [];
    await q.start(async (j) => { runs.push(j.key); return { kind: 'done' }; });
    await q.add(job('d'), { jobId: 'd', at: Date.now(), keepCompleted: false });
    await expectEventually(() => expect(runs).toEqual(['d']));
    await q.add(job('d'), { jobId: 'd', at: Date.now(), keepCompleted: false });
    await expectEventually(() => expect(runs).toEqual(['d', 'd']));
    await q.close();
  });

  it('should run a job again with its new data when the handler puts it back for later', async () => {
    const q = new MemoryJobQueue({ concurrency: 1 });
    const seen: number[] = [];
    await q.start(async (j: DeliveryJob) => {
      seen.push(j.attempts);
      return j.attempts < 2 ? { kind: 'later', at: Date.now() + 5, job: { ...j, attempts: j.attempts + 1 } } : { kind: 'done' };
    });
    await q.add(job('r'), { jobId: 'r', at: Date.now(), keepCompleted: true });
    await expectEventually(() => expect(seen).toEqual([0, 1, 2]));
    expect(await q.depth()).toEqual({ waiting: 0, delayed: 0, active: 0 });
    await q.close();
  });

  it('should wait for running jobs and start no new ones once the workers stop', async () => {
    const q = new MemoryJobQueue({ concurrency: 1 });
    let release: () => void = () => undefined;
    const started: string[] = [];
    await q.start(async (j) => {
      started.push(j.key);
      await new Promise<void>((r) => (release = r));
      return { kind: 'done' };
    });
    await q.add(job('x'), { jobId: 'x', at: Date.now(), keepCompleted: true });
    await q.add(job('y'), { jobId: 'y', at: Date.now(), keepCompleted: true });
    await expectEventually(() => expect(started).toEqual(['x']));
    const stopping = q.stopWorkers();
    release();
    await stopping;
    expect(started).toEqual(['x']);
    await q.close();
  });
});
