import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs';
import { getLogger } from '@pharma-radar/platform-logging';

/**
 * Makes sure the ledger topics are compacted. The messaging library creates every topic with time
 * retention only, and whichever service starts first creates them; without compaction the ledger
 * would forget deliveries after the retention and the rebuild would send them again.
 * Call after the bus has started (the topics exist then).
 */
export async function ensureCompacted(brokers: string[], topics: string[]): Promise<void> {
  const log = getLogger('EnsureCompacted');
  const admin = new Kafka({ clientId: 'pharma-radar-notifier-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy'] })),
    });
    const loose = described.resources
      .filter((r) => r.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue !== 'compact')
      .map((r) => r.resourceName);
    if (loose.length) {
      // Non-incremental alter: it resets the topic's other overrides, of which retention.ms is the
      // only one we set and which compaction does not use.
      await admin.alterConfigs({
        validateOnly: false,
        resources: loose.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] })),
      });
      log.info('topics switched to compaction', { topics: loose });
    }
  } finally {
    await admin.disconnect();
  }
}
