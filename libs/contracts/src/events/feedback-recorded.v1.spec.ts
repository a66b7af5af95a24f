import { feedbackEventId, feedbackKey, feedbackRecordedV1 } from './feedback-recorded.v1';

describe('feedback.recorded v1', () => {
  const payload = { subscriberId: 't1.alice', collaborationId: 'collab-1', verdict: 'relevant', recordedAt: '2026-12-07T12:00:00.000Z' };
  const envelope = { id: 'e1', type: 'feedback.recorded', version: 1, occurredAt: '2026-12-07T12:00:00.000Z', correlationId: 'c', payload };

  it('should accept the two verdicts and refuse any other', () => {
    expect(feedbackRecordedV1.safeParse(envelope).success).toBe(true);
    expect(feedbackRecordedV1.safeParse({ ...envelope, payload: { ...payload, verdict: 'not_relevant' } }).success).toBe(true);
    expect(feedbackRecordedV1.safeParse({ ...envelope, payload: { ...payload, verdict: 'spam' } }).success).toBe(false);
  });

  it('should give one id per subscriber, collaboration and verdict, and different ids when any of them differs', () => {
    const id = feedbackEventId('t1.alice', 'collab-1', 'relevant');
    expect(feedbackEventId('t1.alice', 'collab-1', 'relevant')).toBe(id);
    expect(new Set([
      id,
      feedbackEventId('t1.alice', 'collab-1', 'not_relevant'),
      feedbackEventId('t1.bob', 'collab-1', 'relevant'),
      feedbackEventId('t1.alice', 'collab-2', 'relevant'),
      // The boundary between the two ids cannot move: "a:b" + "c" is not "a" + "b:c".
      feedbackEventId('t1.alice:collab', '1', 'relevant'),
    ]).size).toBe(5);
    expect(id.length).toBeLessThanOrEqual(200);
  });

  it('should key by subscriber then collaboration', () => {
    expect(feedbackKey('t1.alice', 'collab-1')).toBe('t1.alice:collab-1');
  });
});
