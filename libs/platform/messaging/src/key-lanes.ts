/** What runInKeyLanes needs from the batch it works through. */
export interface KeyLaneOptions<M> {
  /** Records of different keys handled at once; 1 keeps the whole batch in order. */
  concurrency: number;
  /** Records with one key stay in order; null keys share one lane (no key, no claim to run beside others). */
  keyOf(record: M): string | null;
  handle(record: M): Promise<void>;
  /** Called in batch order, for each record once it and every record before it are handled (commit point). */
  settled(record: M): void;
  /** Checked before each record starts: a rebalance or a shutdown stops new work; records in hand finish. */
  stopped(): boolean;
}

/**
 * Works through one fetched batch of a partition with up to `concurrency` keys at once. Order holds per key (the
 * records of one announcement or article), not across keys, which is all the handlers need; the commit point still
 * moves strictly in batch order, so a crash redelivers whatever was not handled (at least once, as before). A
 * handler that throws stops new work and the error is thrown once the records in hand have finished.
 */
export async function runInKeyLanes<M>(records: readonly M[], opts: KeyLaneOptions<M>): Promise<void> {
  const lanes = new Map<string | null, number[]>();
  records.forEach((r, i) => {
    const key = opts.keyOf(r);
    const lane = lanes.get(key);
    if (lane) lane.push(i);
    else lanes.set(key, [i]);
  });
  const queue = [...lanes.values()];
  const done = new Uint8Array(records.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const work = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const i of lane) {
        if (failure || opts.stopped()) return;
        try {
          await opts.handle(records[i]);
        } catch (error) {
          failure ??= { error };
          return;
        }
        done[i] = 1;
        while (next < records.length && done[next]) opts.settled(records[next++]);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, queue.length)) }, work));
  if (failure) throw (failure as { error: unknown }).error;
}
