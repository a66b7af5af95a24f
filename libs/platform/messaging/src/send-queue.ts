import type { Message, TopicMessages } from 'kafkajs';

interface Pending {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Coalesces concurrent sends into one produce request. The first send goes out at once; sends that
 * arrive while a request is in flight wait for it and then leave together, so a lone send gains no
 * latency and N concurrent handlers cost about one broker round trip instead of N in a row (the
 * idempotent producer allows one request in flight). Every caller still resolves only after the
 * broker acknowledged its message (acks=all), and messages leave in the order they were queued,
 * so the order of one partition's records is kept.
 */
export class SendQueue {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly sendBatch: (topicMessages: TopicMessages[]) => Promise<unknown>,
    private readonly maxMessages = 500,
  ) {}

  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ topic, message, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxMessages);
        try {
          await this.sendBatch(byTopic(batch));
          for (const p of batch) p.resolve();
        } catch (err) {
          // One failed request fails every send in it; each caller retries its own record.
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
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
