import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';
import { configureLogging, LogLevel } from '@pharma-radar/platform-logging';
import { DeadLetterFilter, KafkaBus, MessageBus, REPLAYABLE_TOPICS, replayDeadLetters } from '@pharma-radar/platform-messaging';

export interface ReplayArgs {
  topics: string[];
  reasons: string[];
  groups: string[];
  since?: string;
  until?: string;
  dryRun: boolean;
}

/**
 * `replay`: re-drives dead letters of the pipeline topics to their original topics after a fix.
 * One JSON line per matching dead letter, then {"summary": ...}. Exit 1 when any was refused (a
 * truncated one cannot be replayed whole), 2 on bad arguments. `bus` is for tests (topic suffix).
 */
export async function replayCommand(args: ReplayArgs, write: (s: string) => void, source: NodeJS.ProcessEnv = process.env, bus?: MessageBus): Promise<number> {
  const unknown = args.topics.filter((t) => !REPLAYABLE_TOPICS.includes(t as (typeof REPLAYABLE_TOPICS)[number]));
  if (unknown.length) {
    process.stderr.write(`replay: --topic must be one of ${REPLAYABLE_TOPICS.join(', ')}; got ${unknown.join(', ')}\n`);
    return 2;
  }
  const filter: DeadLetterFilter & { dryRun: boolean } = {
    topics: args.topics, reasons: args.reasons, groups: args.groups,
    since: parseDate(args.since, '--since'), until: parseDate(args.until, '--until'), dryRun: args.dryRun,
  };

  let own: KafkaBus | undefined;
  if (!bus) {
    // stdout carries only the JSON lines, so scripts can read them; logs (kafkajs warnings) go to stderr.
    configureLogging({ service: 'cli-replay', level: (source.LOG_LEVEL as LogLevel) || 'warn', destination: process.stderr });
    const infra = infraConfig(readEnv(commonEnv, source));
    if (!infra.kafka) {
      process.stderr.write('replay reads the stored dead-letter topic: set KAFKA_BROKERS (the embedded bus keeps nothing between runs)\n');
      return 2;
    }
    own = new KafkaBus({ brokers: infra.kafka.brokers, clientId: `${infra.kafka.clientId}-replay`, ensureTopics: false });
    await own.start();
  }
  try {
    const totals = await replayDeadLetters(bus ?? own!, filter, (line) => write(JSON.stringify(line) + '\n'));
    write(JSON.stringify({ summary: totals }) + '\n');
    return totals.refused > 0 ? 1 : 0;
  } finally {
    await own?.stop();
  }
}

/** Repeatable or comma-separated: `--topic a --topic b` and `--topic a,b` both give [a, b]. */
export function parseReplayArgs(args: readonly string[]): ReplayArgs | string {
  const out: ReplayArgs = { topics: [], reasons: [], groups: [], dryRun: false };
  const lists: Record<string, string[]> = { '--topic': out.topics, '--reason': out.reasons, '--group': out.groups };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') out.dryRun = true;
    else if (a in lists || a === '--since' || a === '--until') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `${a} needs a value`;
      if (a === '--since') out.since = value;
      else if (a === '--until') out.until = value;
      else lists[a].push(...value.split(',').map((v) => v.trim()).filter(Boolean));
    } else return `unknown argument ${a}`;
  }
  return out;
}

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${name} must be an ISO-8601 date, got ${JSON.stringify(value)}`);
  return d;
}
