import { createServer } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';

const KAFKA_IMAGE = 'apache/kafka:4.1.1';
const REDIS_IMAGE = 'redis:7.4-alpine';
const CLUSTER_ID = '4L6g3nShT-eMCtK--X86sw';

export interface ContainerService {
  address: string;
  stop(): Promise<void>;
}

/** Rejects within about 0.2 s where no Docker/Podman answers, so probing costs nothing on this machine. */
export async function containerRuntimeAvailable(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * apache/kafka:4.1.1 through a GenericContainer: @testcontainers/kafka 12.2 only drives Confluent images
 * (it runs /etc/confluent/docker/run and reads the tag as a Confluent version), so it cannot start this one.
 * The advertised listener must name the port clients use, so the host port is chosen first and mapped 1:1.
 */
export async function startKafkaContainer(): Promise<ContainerService> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const port = await freePort();
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      CLUSTER_ID,
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  const address = `${host}:${port}`;
  try {
    await waitForAdmin(address, 60_000);
  } catch (error) {
    await container.stop();
    throw error;
  }
  return {
    address,
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startRedisContainer(): Promise<ContainerService> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer(REDIS_IMAGE).start();
  return {
    address: container.getConnectionUrl(),
    stop: async () => {
      await container.stop();
    },
  };
}

// "Kafka Server started" in the log is not yet a broker that answers metadata requests.
async function waitForAdmin(broker: string, timeoutMs: number): Promise<void> {
  const admin = new Kafka({
    clientId: 'pharma-radar-test-setup',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      return;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
