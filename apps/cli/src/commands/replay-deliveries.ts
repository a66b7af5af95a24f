import { BullJobQueue, deliveryLedgerOn, notifierConfig, notifierEnv, redriveDeadDeliveries } from '@pharma-radar/notifier-service';
import { commonEnv, infraConfig, readEnv } from '@pharma-radar/platform-config';
import { KafkaBus } from '@pharma-radar/platform-messaging';

/**
 * `replay --deliveries [--dry-run]`: after a fix, re-drives every delivery the notifier gave up on.
 * Reads the ledger topic, makes each dead delivery pending again there and queues a fresh job on the
 * notifier's Redis queue; a running notifier's workers pick it up.
 */
export async function replayDeliveriesCommand(
  args: { dryRun: boolean },
  write: (s: string) => void,
  source: NodeJS.ProcessEnv = process.env,
  /** Tests run on their own topics. */
  isolation: { topicSuffix?: string } = {},
): Promise<number> {
  const e = readEnv({ ...commonEnv, ...notifierEnv }, source);
  const infra = infraConfig(e);
  const config = notifierConfig(e, null);
  if (!infra.kafka || !config.redis) {
    write('replay --deliveries needs KAFKA_BROKERS (the ledger) and REDIS_URL (the delivery queue) of the running notifier\n');
    return 2;
  }
  const bus = new KafkaBus({ brokers: infra.kafka.brokers, clientId: `${infra.kafka.clientId}-replay-deliveries`, ensureTopics: false, topicSuffix: isolation.topicSuffix });
  await bus.start();
  const ledger = deliveryLedgerOn(bus, infra.kafka);
  try {
    await ledger.start();
    const dead = ledger.inState('dead');
    if (args.dryRun) {
      write(JSON.stringify({ dryRun: true, deadDeliveries: dead.length, keys: dead.map((r) => r.key) }) + '\n');
      return 0;
    }
    const queue = new BullJobQueue({ redisUrl: config.redis.url, prefix: `${config.redis.keyPrefix}bull`, concurrency: 1, stalledIntervalMs: 30_000, keepCompletedSeconds: 7 * 86_400 });
    try {
      write(JSON.stringify(await redriveDeadDeliveries(ledger, queue)) + '\n');
    } finally {
      await queue.close();
    }
    return 0;
  } finally {
    await ledger.stop();
    await bus.stop();
  }
}
