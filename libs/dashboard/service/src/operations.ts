import { Controller, Get, Inject, Injectable, Optional, UseGuards } from '@nestjs/common';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { register } from 'prom-client';
import {
  ConsumerGroups, FEED_HEALTH_KEY, feedHealthV1, Topics, type ConsumerGroupId, type DeadLetterV1, type DeliveryDeadLetterV1, type DeliveryRecordV1, type FeedHealthV1, type OpsEventV1, type TopicName,
} from '@pharma-radar/contracts';
import { channelsFromOutcomes, deadLettersByReason, deliveryDeadLettersByReason, deliveryStatus, groupLag, throughput, type ChannelStatus, type DeadLetterGroup, type DeliveryDeadLetterGroup, type GroupLag, type ModelCard } from '@pharma-radar/dashboard-domain';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import type { InfraConfig } from '@pharma-radar/platform-config';
import { getLogger } from '@pharma-radar/platform-logging';
import { kafkaLogCreator, MESSAGE_BUS, MessageBus } from '@pharma-radar/platform-messaging';
import { DashboardAuthGuard } from './auth';
import { CollaborationsRepository } from './collaborations';
import { safeJson } from './stored';

/**
 * Which group reads which topic. WARNING: mirrors the @OnTopic handlers of every service (the README's topic table);
 * a group missing here is only missing from the operator view, never from the pipeline.
 */
export const CONSUMERS: ReadonlyArray<{ group: ConsumerGroupId; topic: TopicName; service: string }> = [
  { group: ConsumerGroups.classifier, topic: Topics.articlesIngested, service: 'classifier' },
  { group: ConsumerGroups.notifier, topic: Topics.collaborationsFlagged, service: 'notifier' },
  { group: ConsumerGroups.dashboardFlags, topic: Topics.collaborationsFlagged, service: 'dashboard' },
  { group: ConsumerGroups.dashboardClassified, topic: Topics.articlesClassified, service: 'dashboard' },
  { group: ConsumerGroups.dashboardFeedback, topic: Topics.feedbackRecorded, service: 'dashboard' },
  { group: ConsumerGroups.dashboardArticles, topic: Topics.articlesIngested, service: 'dashboard' },
];

/** What this process saw go by, per minute for the last 15: a throughput that exists on the embedded bus too. */
class Activity {
  private readonly minutes = new Map<string, Map<number, number>>();
  record(what: 'ingested' | 'classified' | 'flags', now = Date.now()): void {
    const m = Math.floor(now / 60_000);
    const byMinute = this.minutes.get(what) ?? new Map<number, number>();
    byMinute.set(m, (byMinute.get(m) ?? 0) + 1);
    for (const k of byMinute.keys()) if (k < m - 15) byMinute.delete(k);
    this.minutes.set(what, byMinute);
  }
  /** Events per minute over the last `window` whole minutes plus the current one. */
  perMinute(what: string, window = 5, now = Date.now()): number {
    const m = Math.floor(now / 60_000);
    let n = 0;
    for (const [k, v] of this.minutes.get(what) ?? []) if (k >= m - window) n += v;
    return n / (window + 1);
  }
}
export const activity = new Activity();

/** The figures of the model the classifier runs, when the process that serves the dashboard knows them. */
export const MODEL_CARD = Symbol('DASHBOARD_MODEL_CARD');
export const DASHBOARD_INFRA = Symbol('DASHBOARD_INFRA');

const NA = 'not available';
/** The notifier's outcome counter (libs/notifier/service delivery-worker). */
const DELIVERY_COUNTER = 'pharma_radar_notifier_deliveries_total';

export interface OperationsView {
  generatedAt: string;
  bus: 'kafka' | 'memory';
  consumers: { available: boolean; note?: string; groups: GroupLag[] };
  activity: { note: string; perMinute: { ingested: number; classified: number; flags: number } };
  deadLetters: { available: boolean; note?: string; total: number; groups: DeadLetterGroup[] };
  deliveries: {
    available: boolean; source: 'ledger' | 'process-counters' | null; note?: string; channels: ChannelStatus[]; replayCommand: string;
    /** Deliveries given up, from their own dead-letter topic (on the bus in every mode). */
    deadLetters: { available: boolean; note?: string; groups: DeliveryDeadLetterGroup[] };
  };
  feeds: FeedHealthV1[];
  model: { versionsSeen: Array<{ version: string; flags: number }>; card: ModelCard | null; note?: string };
}

/**
 * Reads what an operator needs from what exists: committed offsets and log ends (Kafka admin), the dead-letter,
 * ledger and ops-event topics read through (bus.replay), feed health from the store. Topic reads are whole-topic
 * scans, so the result is kept for `ttlMs` and concurrent requests share one read.
 */
@Injectable()
export class OperationsReader {
  private cached: { at: number; view: Promise<OperationsView> } | null = null;
  private previous = new Map<string, { committedTotal: number; at: number }>();
  private kafkaAdmin: Admin | null = null;
  private readonly log = getLogger('OperationsReader');
  private readonly ttlMs = 10_000;

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore,
    private readonly repo: CollaborationsRepository,
    @Inject(DASHBOARD_INFRA) private readonly infra: Pick<InfraConfig, 'kafka'>,
    @Optional() @Inject(MODEL_CARD) private readonly modelCard: ModelCard | null,
  ) {}

  read(now = Date.now()): Promise<OperationsView> {
    if (!this.cached || now - this.cached.at >= this.ttlMs) {
      const view = this.build();
      this.cached = { at: now, view };
      view.catch(() => (this.cached = null));
    }
    return this.cached.view;
  }

  async feeds(): Promise<FeedHealthV1[]> {
    const all = await this.store.hgetall(FEED_HEALTH_KEY);
    return Object.values(all)
      .map((raw) => safeJson(raw, feedHealthV1))
      .filter((f): f is FeedHealthV1 => f !== null)
      .sort((a, b) => a.feedId.localeCompare(b.feedId));
  }

  private async build(): Promise<OperationsView> {
    const [consumers, deadLetters, deliveries, feeds, versions] = await Promise.all([this.consumers(), this.deadLetters(), this.deliveries(), this.feeds(), this.repo.modelVersions()]);
    return {
      generatedAt: new Date().toISOString(),
      bus: this.bus.kind,
      consumers,
      activity: {
        note: 'events this dashboard process consumed, per minute over the last 5 minutes',
        perMinute: { ingested: activity.perMinute('ingested'), classified: activity.perMinute('classified'), flags: activity.perMinute('flags') },
      },
      deadLetters,
      deliveries,
      feeds,
      model: {
        versionsSeen: [...versions].map(([version, flags]) => ({ version, flags })).sort((a, b) => b.flags - a.flags),
        card: this.modelCard ?? null,
        ...(this.modelCard ? {} : { note: `evaluation figures ${NA} in this process: the classifier's model card is served by the all-in-one process only` }),
      },
    };
  }

  private async consumers(): Promise<OperationsView['consumers']> {
    if (!this.infra.kafka) return { available: false, note: `${NA} on the embedded bus: it keeps no consumer offsets`, groups: [] };
    try {
      const admin = await this.admin();
      const now = Date.now();
      const groups: GroupLag[] = [];
      for (const { group, topic } of CONSUMERS) {
        const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
        const byPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
        const lagNow = groupLag(group, topic, ends.map((e) => ({ partition: e.partition, high: e.high, committed: byPartition.get(e.partition) ?? null })));
        const key = `${group} ${topic}`;
        const sample = { committedTotal: lagNow.committedTotal, at: now };
        groups.push({ ...lagNow, perSecond: throughput(this.previous.get(key), sample) });
        this.previous.set(key, sample);
      }
      return { available: true, groups };
    } catch (err) {
      this.log.warn('consumer offsets not read', { reason: (err as Error).message });
      await this.closeAdmin();
      return { available: false, note: `${NA}: Kafka did not answer (${(err as Error).message})`, groups: [] };
    }
  }

  private async deadLetters(): Promise<OperationsView['deadLetters']> {
    try {
      const letters: DeadLetterV1[] = [];
      await this.bus.replay(Topics.deadLetters, {}, (e) => void letters.push(e.payload));
      return { available: true, total: letters.length, groups: deadLettersByReason(letters) };
    } catch (err) {
      return { available: false, note: `${NA}: ${(err as Error).message}`, total: 0, groups: [] };
    }
  }

  private async deliveries(): Promise<OperationsView['deliveries']> {
    const [status, deadLetters] = await Promise.all([this.deliveryStatus(), this.deliveryDeadLetters()]);
    return { ...status, deadLetters };
  }

  private async deliveryDeadLetters(): Promise<OperationsView['deliveries']['deadLetters']> {
    try {
      const letters: DeliveryDeadLetterV1[] = [];
      await this.bus.replay(Topics.deliveryDeadLetters, {}, (e) => void letters.push(e.payload));
      return { available: true, groups: deliveryDeadLettersByReason(letters) };
    } catch (err) {
      return { available: false, note: `${NA}: ${(err as Error).message}`, groups: [] };
    }
  }

  private async deliveryStatus(): Promise<Omit<OperationsView['deliveries'], 'deadLetters'>> {
    const replayCommand = 'npm run -s cli -- replay --deliveries --dry-run';
    if (this.bus.kind === 'memory') {
      // Embedded: the notifier keeps its ledger in its own memory, not on the bus; its counters are in this process.
      const metric = register.getSingleMetric(DELIVERY_COUNTER);
      if (!metric) return { available: false, source: null, note: `${NA}: no notifier in this process, and the embedded ledger is not shared`, channels: [], replayCommand };
      const values = (await metric.get()).values.map((v) => ({ channel: String(v.labels.channel), outcome: String(v.labels.outcome), value: v.value }));
      return {
        available: true, source: 'process-counters', replayCommand, channels: channelsFromOutcomes(values),
        note: 'settled deliveries counted by the notifier in this process since it started; pending, retrying and disabled are not available on the embedded bus',
      };
    }
    try {
      const ledger: DeliveryRecordV1[] = [];
      const ops: OpsEventV1[] = [];
      await Promise.all([
        this.bus.replay(Topics.deliveries, {}, (e) => void ledger.push(e.payload)),
        this.bus.replay(Topics.opsEvents, {}, (e) => void ops.push(e.payload)),
      ]);
      return { available: true, source: 'ledger', channels: deliveryStatus(ledger, ops), replayCommand };
    } catch (err) {
      return { available: false, source: null, note: `${NA}: ${(err as Error).message}`, channels: [], replayCommand };
    }
  }

  private async admin(): Promise<Admin> {
    if (this.kafkaAdmin) return this.kafkaAdmin;
    const kafka = this.infra.kafka as NonNullable<InfraConfig['kafka']>;
    const admin = new Kafka({ clientId: `${kafka.clientId}-dashboard-ops`, brokers: kafka.brokers, logLevel: logLevel.WARN, logCreator: kafkaLogCreator, retry: { retries: 2 } }).admin();
    await admin.connect();
    this.kafkaAdmin = admin;
    return admin;
  }

  private async closeAdmin(): Promise<void> {
    const admin = this.kafkaAdmin;
    this.kafkaAdmin = null;
    await admin?.disconnect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeAdmin();
  }
}

@Controller()
@UseGuards(DashboardAuthGuard)
export class OperationsController {
  constructor(private readonly reader: OperationsReader) {}

  @Get('api/operations')
  operations(): Promise<OperationsView> {
    return this.reader.read();
  }

  @Get('api/feeds')
  feeds(): Promise<FeedHealthV1[]> {
    return this.reader.feeds();
  }
}
