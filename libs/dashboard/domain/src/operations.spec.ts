import { channelsFromOutcomes, deadLettersByReason, deliveryDeadLettersByReason, deliveryStatus, groupLag, throughput } from './operations';
import type { DeadLetterV1, DeliveryRecordV1, OpsEventV1 } from '@pharma-radar/contracts';
import { aFlag } from '@pharma-radar/testing';

const dl = (code: string, at: string, extra: Partial<DeadLetterV1> = {}): DeadLetterV1 => ({
  originalTopic: 'pharma-radar.articles.ingested.v1', partition: 0, offset: '1', key: 'k', consumerGroup: 'pharma-radar.classifier',
  errorCode: code, errorMessage: `${code} at ${at}`, attempts: 5, valueBase64: null, headers: {}, failedAt: at, ...extra,
});
const rec = (key: string, channel: string, state: DeliveryRecordV1['state'], attempts: number, at: string, code: string | null = null): DeliveryRecordV1 => ({
  key, kind: 'alert', state, attempts, code, reason: code ? `${code} reason` : null, at, subscriberId: 'alice', channel, collaborationId: key, periodKey: null, notBefore: at, flag: aFlag().build(),
});

describe('deadLettersByReason', () => {
  it('should group by topic, group and code, newest group first, with the replay command and what can be replayed', () => {
    const groups = deadLettersByReason([
      dl('MESSAGE_NOT_JSON', '2026-12-01T00:00:00Z'),
      dl('HANDLER_FAILED', '2026-12-02T00:00:00Z'),
      dl('MESSAGE_NOT_JSON', '2026-12-03T00:00:00Z', { valueTruncated: true }),
    ]);
    expect(groups.map((g) => [g.reason, g.count, g.replayable, g.lastAt])).toEqual([
      ['MESSAGE_NOT_JSON', 2, 1, '2026-12-03T00:00:00Z'],
      ['HANDLER_FAILED', 1, 1, '2026-12-02T00:00:00Z'],
    ]);
    expect(groups[0].replayCommand).toBe('npm run -s cli -- replay --topic pharma-radar.articles.ingested.v1 --reason MESSAGE_NOT_JSON --group pharma-radar.classifier --dry-run');
  });
});

describe('deliveryStatus', () => {
  it('should count the latest state of each delivery per channel, pending after a failure as retrying, and disabled channels', () => {
    const ops: OpsEventV1[] = [
      { type: 'channel-disabled', subscriberId: 'bob', channel: 'slack', code: 'SLACK_CHANNEL_ARCHIVED', reason: 'archived', deliveryKey: 'x', at: '2026-12-01T00:00:00Z' },
      { type: 'channel-disabled', subscriberId: 'carol', channel: 'slack', code: 'SLACK_CHANNEL_ARCHIVED', reason: 'archived', deliveryKey: 'y', at: '2026-12-01T00:00:00Z' },
      { type: 'channel-enabled', subscriberId: 'carol', channel: 'slack', at: '2026-12-02T00:00:00Z' },
    ];
    const s = deliveryStatus([
      rec('a', 'email', 'pending', 0, '2026-12-01T00:00:00Z'),
      rec('a', 'email', 'sent', 1, '2026-12-01T00:00:01Z'),
      rec('b', 'email', 'pending', 2, '2026-12-01T00:00:02Z', 'SMTP_TEMPORARY'),
      rec('c', 'slack', 'dead', 9, '2026-12-01T00:00:03Z', 'SLACK_HTTP_500'),
      rec('d', 'slack', 'rejected', 1, '2026-12-01T00:00:04Z', 'SLACK_CHANNEL_ARCHIVED'),
      rec('e', 'slack', 'pending', 0, '2026-12-01T00:00:05Z'),
    ], ops);
    expect(s.map((c) => [c.channel, c.counts])).toEqual([
      ['email', { sent: 1, pending: 0, retrying: 1, failed: 0, disabled: 0 }],
      ['slack', { sent: 0, pending: 1, retrying: 0, failed: 2, disabled: 1 }],
    ]);
    expect(s[1].disabled.map((d) => d.subscriberId)).toEqual(['bob']);
    expect(s[1].lastFailure?.code).toBe('SLACK_CHANNEL_ARCHIVED');
  });
});

describe('channelsFromOutcomes', () => {
  it('should count settled outcomes per channel and leave what counters cannot know as null, not 0', () => {
    expect(channelsFromOutcomes([
      { channel: 'email', outcome: 'sent', value: 3 }, { channel: 'email', outcome: 'retry', value: 2 },
      { channel: 'slack', outcome: 'rejected', value: 1 }, { channel: 'slack', outcome: 'dead', value: 2 },
    ]).map((c) => [c.channel, c.counts])).toEqual([
      ['email', { sent: 3, pending: null, retrying: null, failed: 0, disabled: null }],
      ['slack', { sent: 0, pending: null, retrying: null, failed: 3, disabled: null }],
    ]);
  });
});

describe('deliveryDeadLettersByReason', () => {
  it('should group dead deliveries by channel and code, newest first', () => {
    const d = (channel: string, code: string, failedAt: string) => ({ key: 'k', subscriberId: 's', channel, collaborationIds: ['c'], periodKey: null, attempts: 9, code, reason: `${code}!`, firstAttemptAt: failedAt, failedAt });
    expect(deliveryDeadLettersByReason([d('slack', 'SLACK_HTTP_500', '2026-12-01T00:00:00Z'), d('email', 'SMTP_TIMEOUT', '2026-12-02T00:00:00Z'), d('slack', 'SLACK_HTTP_500', '2026-12-03T00:00:00Z')]))
      .toEqual([{ channel: 'slack', reason: 'SLACK_HTTP_500', count: 2, lastAt: '2026-12-03T00:00:00Z', lastMessage: 'SLACK_HTTP_500!' }, { channel: 'email', reason: 'SMTP_TIMEOUT', count: 1, lastAt: '2026-12-02T00:00:00Z', lastMessage: 'SMTP_TIMEOUT!' }]);
  });
});

describe('lag and throughput', () => {
  it('should sum lag over partitions, counting a partition never committed from its start', () => {
    expect(groupLag('g', 't', [{ partition: 0, high: '10', committed: '4' }, { partition: 1, high: '5', committed: '-1' }, { partition: 2, high: '3', committed: null }])).toEqual({ group: 'g', topic: 't', lag: 14, committedTotal: 4 });
  });

  it('should give records per second between two samples, and null without an earlier one', () => {
    expect(throughput(undefined, { committedTotal: 10, at: 1_000 })).toBeNull();
    expect(throughput({ committedTotal: 10, at: 1_000 }, { committedTotal: 40, at: 3_000 })).toBe(15);
  });
});
