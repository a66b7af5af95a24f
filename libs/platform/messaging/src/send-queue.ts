import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSRequestTimeoutError, Message, TopicMessages } from 'kafkajs';

/**
 * Most key + value + header bytes one coalesced request carries. The broker checks max.message.bytes
 * (1 MiB by default) against each partition's record batch, and dead letters all share one partition,
 * so concurrent large messages must not leave together. The headroom covers per-record overhead
 * (about 70 bytes each, up to maxMessages records). A message larger than this still goes, alone.
 */
export const MAX_BATCH_BYTES = 900_000;

export interface SendQueueLimits {
  maxMessages?: number;
  maxBytes?: number;
}

interface Pending {
  topic: string;
  message: Message;
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Coalesces concurrent sends into one produce request. The first send goes out at once; sends that
 * arrive while a request is in flight wait for it and then leave together (up to maxMessages and
 * maxBytes), so a lone send gains no latency and N concurrent handlers cost about one broker round
 * trip instead of N in a row (the idempotent producer allows one request in flight). Every caller
 * still resolves only after the broker acknowledged its message (acks=all), and messages leave in
 * the order they were queued, so the order of one partition's records is kept.
 */
export class SendQueue {
  private pending: Pending[] = [];
  private flushing = false;
  private readonly maxMessages: number;
  private readonly maxBytes: number;

  constructor(
    private readonly sendBatch: (topicMessages: TopicMessages[]) => Promise<unknown>,
    limits: SendQueueLimits = {},
  ) {
    this.maxMessages = limits.maxMessages ?? 500;
    this.maxBytes = limits.maxBytes ?? MAX_BATCH_BYTES;
  }

  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ topic, message, bytes: messageBytes(message), resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.take();
        try {
          await this.sendBatch(byTopic(batch));
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1 || isSharedFailure(err)) for (const p of batch) p.reject(err);
          else await this.sendEachAlone(batch);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The next request: queue order, within the limits, and always at least one message. */
  private take(): Pending[] {
    let n = 0;
    let bytes = 0;
    while (n < this.pending.length && n < this.maxMessages) {
      const next = this.pending[n].bytes;
      if (n > 0 && bytes + next > this.maxBytes) break;
      bytes += next;
      n++;
    }
    return this.pending.splice(0, n);
  }

  /**
   * One bad message (too large, invalid) fails the whole request: send each once on its own, in
   * order, so only the senders whose own message fails are rejected (each retries its record).
   */
  private async sendEachAlone(batch: readonly Pending[]): Promise<void> {
    for (const [i, p] of batch.entries()) {
      try {
        await this.sendBatch(byTopic([p]));
        p.resolve();
      } catch (err) {
        p.reject(err);
        if (isSharedFailure(err)) {
          for (const rest of batch.slice(i + 1)) rest.reject(err);
          return;
        }
      }
    }
  }
}

/**
 * The broker was unreachable or kept failing through kafkajs's own retries: every message shares
 * that fate, and sending them one by one would only wait out the same retries once per message.
 */
function isSharedFailure(err: unknown): boolean {
  return err instanceof KafkaJSNumberOfRetriesExceeded || err instanceof KafkaJSConnectionError || err instanceof KafkaJSRequestTimeoutError;
}

function messageBytes(m: Message): number {
  let n = byteLength(m.key) + byteLength(m.value);
  for (const [name, v] of Object.entries(m.headers ?? {})) {
    n += Buffer.byteLength(name);
    for (const part of Array.isArray(v) ? v : [v]) n += byteLength(part);
  }
  return n;
}

function byteLength(v: Buffer | string | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'string' ? Buffer.byteLength(v) : v.length;
}

function byTopic(batch: readonly Pending[]): TopicMessages[] {
  const out = new Map<string, Message[]>();
  for (const p of batch) {
    const list = out.get(p.topic) ?? [];
    list.push(p.message);
    out.set(p.topic, list);
  }
  return [...out].map(([topic, messages]) => ({ topic, messages }));
}
