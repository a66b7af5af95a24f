import type { AlertMessage } from '@pharma-radar/notifier-subscriptions';
import { emailContent } from '../email/smtp/email.serializer';
import { DeliveryCode, retry, type ChannelProvider, type DeliveryResult, type Recipient, type SendOptions } from '../provider';

export interface ConsoleProviderOptions {
  /** Receives one block of text per alert (stdout in the all-in-one mode, an array in tests). */
  write: (text: string) => void;
}

/** Prints alerts instead of delivering them: the embedded all-in-one mode and local demos. */
export class ConsoleProvider implements ChannelProvider {
  readonly channel = 'console' as const;
  private sequence = 0;

  constructor(private readonly options: ConsoleProviderOptions) {}

  async send(message: AlertMessage, recipient: Recipient, opts: SendOptions = {}): Promise<DeliveryResult> {
    if (opts.signal?.aborted) return retry(DeliveryCode.Aborted, 'send aborted before start');
    // The subscriber id is ours (validated charset), so it cannot break the framing line.
    // The mail's text part is the plain rendering; a pre-rendered message (a digest) is printed as given.
    const { subject, text } = message.alert ? emailContent(message.alert) : message;
    const block = `=== alert for ${recipient.subscriberId} ===\nSubject: ${subject}\n\n${text}\n`;
    try {
      this.options.write(block);
    } catch (err) {
      return retry(DeliveryCode.ConsoleWriteFailed, err instanceof Error ? err.message : 'write failed');
    }
    this.sequence += 1;
    return { status: 'sent', providerMessageId: opts.idempotencyKey ?? `console-${this.sequence}` };
  }
}
