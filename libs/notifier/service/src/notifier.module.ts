import { DynamicModule, Module } from '@nestjs/common';
import { AppError, ErrorCode } from '@pharma-radar/contracts';
import { ChannelProvider, ConsoleProvider, SlackWebhookProvider, SmtpProvider } from '@pharma-radar/notifier-channels';
import { parseSubscribers } from '@pharma-radar/notifier-subscriptions';
import { AlertDispatcher, CHANNEL_PROVIDERS, SUBSCRIBERS } from './alert-dispatcher';
import { NotifierConfig } from './config';

@Module({})
export class NotifierModule {
  /** Subscribers are validated here, at boot: a bad watchlist stops the start with every problem listed. */
  static forRoot(config: NotifierConfig, deps: { consoleWrite?: (text: string) => void } = {}): DynamicModule {
    const parsed = parseSubscribers(config.subscribers, { allowedWebhookPrefixes: config.allowedWebhookPrefixes });
    if (!parsed.ok) throw new AppError(ErrorCode.ConfigInvalid, `Invalid subscribers:\n  - ${parsed.errors.join('\n  - ')}`);
    const providers: ChannelProvider[] = [new SlackWebhookProvider({ allowedWebhookPrefixes: config.allowedWebhookPrefixes })];
    if (config.smtp) providers.push(new SmtpProvider({ smtpUrl: config.smtp.url, from: config.smtp.from }));
    if (config.console) providers.push(new ConsoleProvider({ write: deps.consoleWrite ?? ((t) => process.stdout.write(t)) }));
    return {
      module: NotifierModule,
      controllers: [AlertDispatcher],
      providers: [
        { provide: SUBSCRIBERS, useValue: parsed.subscribers },
        { provide: CHANNEL_PROVIDERS, useValue: providers },
      ],
    };
  }
}
