import { formatBacktest, runBacktest } from '@pharma-radar/classifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';
import { KafkaBus } from '@pharma-radar/platform-messaging';

/** `backtest [--from ISO] [--to ISO] [--json]`: the current model over stored articles; alerts nobody. */
export async function backtestCommand(args: { from?: string; to?: string; json?: boolean }, write: (s: string) => void, source: NodeJS.ProcessEnv = process.env): Promise<number> {
  const infra = infraConfig(readEnv(commonEnv, source));
  if (!infra.kafka) {
    write('backtest replays the stored topics: set KAFKA_BROKERS (the embedded bus keeps nothing between runs)\n');
    return 2;
  }
  const range = { from: parseDate(args.from, '--from'), to: parseDate(args.to, '--to') };
  const bus = new KafkaBus({ brokers: infra.kafka.brokers, clientId: `${infra.kafka.clientId}-backtest`, ensureTopics: false });
  await bus.start();
  try {
    const report = await runBacktest(bus, range);
    write(args.json ? JSON.stringify(report) + '\n' : formatBacktest(report));
    return 0;
  } finally {
    await bus.stop();
  }
}

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO-8601 date, got ${JSON.stringify(value)}`);
  return d;
}
