import { AppError } from '@pharma-radar/contracts';
import { ChannelProvider, DeliveryResult } from '@pharma-radar/notifier-channels';
import { AlertMessage, parseSubscribers, Subscriber } from '@pharma-radar/notifier-subscriptions';
import { MemoryStore } from '@pharma-radar/platform-cache';
import { aFlag } from '@pharma-radar/testing';
import { AlertDispatcher } from './alert-dispatcher';

class ScriptedProvider implements ChannelProvider {
  readonly sent: Array<{ to: string; subject: string; key?: string }> = [];
  constructor(readonly channel: 'email' | 'slack', private readonly script: DeliveryResult['status'][]) {}
  async send(message: AlertMessage, recipient: { subscriberId: string }, opts?: { idempotencyKey?: string }): Promise<DeliveryResult> {
    const status = this.script.shift() ?? 'sent';
    if (status === 'retry') return { status, code: 'SMTP_TRANSIENT' as never, message: '451 try later' };
    if (status === 'rejected') return { status, code: 'SMTP_REJECTED' as never, message: '550 no such user' };
    this.sent.push({ to: recipient.subscriberId, subject: message.subject, key: opts?.idempotencyKey });
    return { status: 'sent' };
  }
}

function subscribers(json: unknown[]): Subscriber[] {
  const parsed = parseSubscribers(json, { allowedWebhookPrefixes: ['http://127.0.0.1:9/'] });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.subscribers;
}

const both = subscribers([{ id: 'ana', email: 'ana@pharma.example', slackWebhookUrl: 'http://127.0.0.1:9/services/T/B/x', channels: ['email', 'slack'], watchlist: {}, active: true }]);

describe('AlertDispatcher', () => {
  it('should resend only the failed channel when a delivery is retried', async () => {
    const email = new ScriptedProvider('email', ['sent']);
    const slack = new ScriptedProvider('slack', ['retry', 'sent']);
    const d = new AlertDispatcher(both, [email, slack], new MemoryStore());
    const event = { payload: aFlag().build() } as Parameters<AlertDispatcher['onFlag']>[0];

    await expect(d.onFlag(event)).rejects.toBeInstanceOf(AppError);
    await d.onFlag(event);
    await d.onFlag(event);

    expect(email.sent).toHaveLength(1);
    expect(slack.sent).toHaveLength(1);
    expect(email.sent[0].key).toBe(slack.sent[0].key!.replace(':slack:', ':email:'));
  });

  it('should not alert again when a later revision of the same announcement arrives', async () => {
    const email = new ScriptedProvider('email', []);
    const d = new AlertDispatcher(both, [email, new ScriptedProvider('slack', [])], new MemoryStore());
    await d.dispatch(aFlag().build());
    expect(await d.dispatch(aFlag().revision(2).build())).toEqual([]);
    expect(email.sent).toHaveLength(1);
  });

  it('should record a permanent rejection once and not retry it', async () => {
    const email = new ScriptedProvider('email', ['rejected']);
    const store = new MemoryStore();
    const d = new AlertDispatcher(both, [email, new ScriptedProvider('slack', [])], store);
    const outcomes = await d.dispatch(aFlag().build());
    expect(outcomes.map((o) => o.result).sort()).toEqual(['rejected', 'sent']);
    expect((await d.dispatch(aFlag().build())).map((o) => o.result)).toEqual(['already-sent', 'already-sent']);
  });

  it('should alert only subscribers whose watchlist matches the parties', async () => {
    const subs = subscribers([
      { id: 'az-watcher', email: 'a@pharma.example', channels: ['email'], watchlist: { companies: ['AstraZeneca'] }, active: true },
      { id: 'pfizer-watcher', email: 'p@pharma.example', channels: ['email'], watchlist: { companies: ['Pfizer'] }, active: true },
    ]);
    const email = new ScriptedProvider('email', []);
    await new AlertDispatcher(subs, [email], new MemoryStore()).dispatch(aFlag().build());
    expect(email.sent.map((s) => s.to)).toEqual(['az-watcher']);
  });

  it('should ignore subscriber ids forged into the event when resolving recipients', async () => {
    const email = new ScriptedProvider('email', []);
    const forged = { ...aFlag().build(), subscriberIds: ['attacker'] };
    await new AlertDispatcher(both, [email], new MemoryStore()).dispatch(forged);
    expect(email.sent.map((s) => s.to)).toEqual(['ana']);
  });
});
