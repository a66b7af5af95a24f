import type { AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { DeliveryCode } from '../provider';
import { ConsoleProvider } from './console.provider';

const message: AlertMessage = { subject: 'R&D collaboration: A + B (consortium)', text: 'Type: consortium\nConfidence: 80%', html: '<p>x</p>', slack: { text: 'x', blocks: [] } };

describe('ConsoleProvider', () => {
  it('should write the subject and text body to the writer when sending', async () => {
    const lines: string[] = [];
    const provider = new ConsoleProvider({ write: (t) => lines.push(t) });
    const result = await provider.send(message, { subscriberId: 'sub-1' }, { idempotencyKey: 'delivery:v1:sub-1:console:c1' });
    expect(result).toEqual({ status: 'sent', providerMessageId: 'delivery:v1:sub-1:console:c1' });
    expect(lines).toEqual(['=== alert for sub-1 ===\nSubject: R&D collaboration: A + B (consortium)\n\nType: consortium\nConfidence: 80%\n']);
  });

  it('should number messages when no idempotency key is given', async () => {
    const provider = new ConsoleProvider({ write: () => undefined });
    expect(await provider.send(message, { subscriberId: 's' })).toEqual({ status: 'sent', providerMessageId: 'console-1' });
    expect(await provider.send(message, { subscriberId: 's' })).toEqual({ status: 'sent', providerMessageId: 'console-2' });
  });

  it('should ask to retry instead of throwing when the writer fails', async () => {
    const provider = new ConsoleProvider({ write: () => { throw new Error('EPIPE'); } });
    expect(await provider.send(message, { subscriberId: 's' })).toEqual({ status: 'retry', code: DeliveryCode.ConsoleWriteFailed, message: 'EPIPE' });
  });

  it('should write nothing when the signal is already aborted', async () => {
    const lines: string[] = [];
    const ac = new AbortController();
    ac.abort();
    const provider = new ConsoleProvider({ write: (t) => lines.push(t) });
    expect(await provider.send(message, { subscriberId: 's' }, { signal: ac.signal })).toMatchObject({ status: 'retry', code: DeliveryCode.Aborted });
    expect(lines).toEqual([]);
  });
});
