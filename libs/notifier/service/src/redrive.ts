import type { DeliveryLedger } from './delivery-ledger';
import { DeliveryPlanner } from './delivery-planner';
import type { JobQueue } from './job-queue';

/**
 * Re-drives every dead delivery after a fix: its ledger record becomes `pending` again (attempts
 * from zero) and a fresh job is queued. The job id gets a suffix, since the dead job's id may still
 * be remembered by the queue as completed. `ledger` must have been rebuilt first.
 */
export async function redriveDeadDeliveries(ledger: DeliveryLedger, queue: JobQueue, now: () => number = Date.now): Promise<{ deliveries: number; jobs: number }> {
  const dead = ledger.inState('dead');
  const at = new Date(now()).toISOString();
  const reopened = dead.map((r) => ({ ...r, state: 'pending' as const, attempts: 0, code: null, reason: null, at, notBefore: at }));
  for (const r of reopened) await ledger.record(r);
  const jobs = DeliveryPlanner.jobsFor(reopened, `#redrive-${now()}`);
  for (const j of jobs) await queue.add(j.job, j.add);
  return { deliveries: reopened.length, jobs: jobs.length };
}
