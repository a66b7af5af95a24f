// Readiness probe for kafka.sh: an open port is not a working broker, so one real admin call must succeed.
// Usage: node probe.cjs <host:port>; exit 0 when listTopics answered, 1 otherwise. No retries: the caller loops.
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2];
if (!broker) {
  console.error('usage: probe.cjs <host:port>');
  process.exit(2);
}

const admin = new Kafka({
  clientId: 'pharma-radar-infra-probe',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 0 },
}).admin();

admin
  .connect()
  .then(() => admin.listTopics())
  .then(() => admin.disconnect())
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
