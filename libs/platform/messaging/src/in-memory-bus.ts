import { Topics, TopicName, TopicPayload } from '@pharma-radar/contracts';
import { getLogger } from '@pharma-radar/platform-logging';
import { BusHealth, EventOf, MessageBus, PublishOptions, ReplayRange, ReplaySummary, Subscription } from './bus';
import { createEnvelope, encodeEnvelope } from './envelope';
import { decode, Outcome, processRecord } from './processing';
import type { RawRecord } from './record';

interface Group {
  groupId: string;
  cursor: number;
  running: boolean;
  run: () => void;
}

/**
 * The embedded bus for the all-in-one process: one append-only log per topic and a cursor per
 * consumer group, like Kafka with one partition. Records go through the same bytes → validate →
 * retry → dead-letter path as on Kafka, so embedded runs exercise the real handling code.
 */
export class InMemoryBus implements MessageBus {
  readonly kind = 'memory' as const;
  private readonly logs = new Map<string, RawRecord[]>();
  private readonly groups = new Map<string, Group[]>();
  private stopped = false;
  private consuming = true;
  private readonly idle = new Set<() => void>();
  private readonly log = getLogger('InMemoryBus');

  constructor(private readonly opts: { onOutcome?: (o: Outcome, r: RawRecord) => void; retry?: Subscription<TopicName>['retry'] } = {}) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.consuming = true;
  }

  async publish<T extends TopicName>(topic: T, payload: TopicPayload[T], opts: PublishOptions): Promise<void> {
    const envelope = createEnvelope(topic, payload, opts);
    const { value, headers } = encodeEnvelope(envelope);
    await this.publishRaw(topic, value, { key: opts.key, headers });
  }

  async publishRaw(topic: string, value: Buffer | null, opts: { key?: string; headers?: Record<string, string> }): Promise<void> {
    if (this.stopped) throw new Error('bus stopped');
    const log = this.topicLog(topic);
    log.push({ topic, partition: 0, offset: String(log.length), key: opts.key ?? null, value, headers: opts.headers ?? {} });
    for (const g of this.groups.get(topic) ?? []) g.run();
  }

  async subscribe<T extends TopicName>(sub: Subscription<T>): Promise<void> {
    const list = this.groups.get(sub.topic) ?? [];
    if (list.some((g) => g.groupId === sub.groupId)) throw new Error(`group ${sub.groupId} already subscribed to ${sub.topic}`);
    const group: Group = {
      groupId: sub.groupId,
      cursor: 0,
      running: false,
      run: () => {
        if (group.running || this.stopped || !this.consuming) return;
        group.running = true;
        void this.drain(sub, group).finally(() => {
          group.running = false;
          if (group.cursor < this.topicLog(sub.topic).length && !this.stopped && this.consuming) group.run();
          else this.notifyIdle();
        });
      },
    };
    list.push(group);
    this.groups.set(sub.topic, list);
    group.run();
  }

  private async drain<T extends TopicName>(sub: Subscription<T>, group: Group): Promise<void> {
    const log = this.topicLog(sub.topic);
    while (group.cursor < log.length && !this.stopped && this.consuming) {
      const record = log[group.cursor];
      try {
        await processRecord(record, sub.handler, {
          groupId: sub.groupId,
          retry: sub.retry ?? this.opts.retry,
          deadLetter: (dl, key) => this.publish(Topics.deadLetters, dl, { key }),
          onOutcome: this.opts.onOutcome,
        });
        group.cursor++;
      } catch (err) {
        // Only a failed dead-letter write lands here: keep the record and try again shortly.
        this.log.error('record left uncommitted', { topic: sub.topic, offset: record.offset, err });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Resolves when every group has consumed every record (tests and the CLI's one-shot scan). */
  async drained(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isIdle()) {
      if (Date.now() > deadline) throw new Error('in-memory bus did not drain in time');
      await new Promise<void>((resolve) => {
        const done = () => { this.idle.delete(done); resolve(); };
        this.idle.add(done);
        setTimeout(done, 50);
      });
    }
  }

  private isIdle(): boolean {
    for (const [topic, groups] of this.groups) for (const g of groups) if (g.running || g.cursor < this.topicLog(topic).length) return false;
    return true;
  }

  private notifyIdle() {
    for (const f of [...this.idle]) f();
  }

  /** Records of one topic as stored (tests). */
  records(topic: string): readonly RawRecord[] {
    return this.topicLog(topic);
  }

  async replay<T extends TopicName>(topic: T, range: ReplayRange, handler: (event: EventOf<T>) => Promise<void> | void): Promise<ReplaySummary> {
    const summary = { read: 0, invalid: 0 };
    for (const record of [...this.topicLog(topic)]) {
      const decoded = decode<T>(record);
      if (!decoded.ok) {
        summary.invalid++;
        continue;
      }
      const at = Date.parse(decoded.event.occurredAt);
      if ((range.from && at < range.from.getTime()) || (range.to && at > range.to.getTime())) continue;
      summary.read++;
      await handler(decoded.event);
    }
    return summary;
  }

  async health(): Promise<BusHealth> {
    return { ok: !this.stopped, kind: 'memory' };
  }

  async stopConsuming(): Promise<void> {
    this.consuming = false;
    // The record in hand finishes; the loops stop before the next one.
    while ([...this.groups.values()].some((list) => list.some((g) => g.running))) await new Promise((r) => setTimeout(r, 10));
  }

  async stop(): Promise<void> {
    await this.stopConsuming();
    this.stopped = true;
  }

  private topicLog(topic: string): RawRecord[] {
    let log = this.logs.get(topic);
    if (!log) {
      log = [];
      this.logs.set(topic, log);
    }
    return log;
  }
}
