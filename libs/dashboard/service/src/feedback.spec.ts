import { aFlag } from '@pharma-radar/testing';
import { currentVerdicts, feedbackViews, labelledRecords, summariseFlag, type FlagSummary, type StoredFeedback } from './feedback';

const at = (minute: number) => `2026-12-07T12:${String(minute).padStart(2, '0')}:00.000Z`;
const fb = (subscriberId: string, collaborationId: string, verdict: StoredFeedback['verdict'], minute: number): StoredFeedback =>
  ({ id: `${subscriberId}/${collaborationId}/${verdict}`, subscriberId, collaborationId, verdict, recordedAt: at(minute) });
const flag = (id: string, title: string): FlagSummary => ({
  ...summariseFlag(aFlag().id(id).withClassification({ evidence: `${title}, the evidence.`, model_version: 'm-1', confidence: 0.8 }).build()),
  title,
});

describe('currentVerdicts', () => {
  it('should keep the newest verdict per subscriber and collaboration, newest first, and fold repeats', () => {
    const newestFirst = [
      fb('alice', 'c1', 'relevant', 5), // changed her mind back
      fb('bob', 'c1', 'relevant', 4),
      fb('alice', 'c1', 'not_relevant', 3),
      fb('bob', 'c1', 'relevant', 2), // a redelivered copy
      fb('alice', 'c2', 'not_relevant', 1),
    ];
    expect(currentVerdicts(newestFirst).map((f) => [f.subscriberId, f.collaborationId, f.verdict])).toEqual([
      ['alice', 'c1', 'relevant'],
      ['bob', 'c1', 'relevant'],
      ['alice', 'c2', 'not_relevant'],
    ]);
  });
});

describe('feedbackViews', () => {
  it('should join each verdict with its flag, or null when the flag is unknown', () => {
    const views = feedbackViews([fb('alice', 'c1', 'relevant', 1), fb('alice', 'gone', 'relevant', 0)], new Map([['c1', flag('c1', 'Title one')]]));
    expect(views[0]).toMatchObject({ subscriberId: 'alice', collaborationId: 'c1', verdict: 'relevant', flag: { title: 'Title one', evidence: 'Title one, the evidence.', modelVersion: 'm-1', confidence: 0.8 } });
    expect(views[1].flag).toBeNull();
  });
});

describe('labelledRecords', () => {
  const flags = new Map([['c1', flag('c1', 'One')], ['c2', flag('c2', 'Two')], ['c3', flag('c3', 'Three')], ['c4', flag('c4', 'Four')]]);

  it('should label relevant as a collaboration and not relevant as other, in the eval schema', () => {
    const { records } = labelledRecords([fb('alice', 'c1', 'relevant', 2), fb('alice', 'c2', 'not_relevant', 1)], flags);
    expect(records[0]).toMatchObject({
      id: 'c1', title: 'One', text: 'One, the evidence.', label: 'rd_collaboration', event_type: 'research_collaboration', borderline: false,
      parties: ['AstraZeneca', 'N.N. Petrov Institute of Oncology'], source: 'subscriber feedback',
      feedback: { verdict: 'relevant', subscribers: 1, relevant: 1, not_relevant: 0 }, model_version: 'm-1', confidence: 0.8,
    });
    expect(records[1]).toMatchObject({ id: 'c2', label: 'not_rd_collaboration', event_type: 'other', borderline: false, feedback: { verdict: 'not_relevant', subscribers: 1 } });
  });

  it('should mark a collaboration borderline where subscribers disagree, labelled by the majority and a tie as not a collaboration', () => {
    const { records } = labelledRecords([
      fb('alice', 'c3', 'relevant', 5), fb('bob', 'c3', 'relevant', 4), fb('carol', 'c3', 'not_relevant', 3),
      fb('alice', 'c4', 'relevant', 2), fb('bob', 'c4', 'not_relevant', 1),
    ], flags);
    expect(records.map((r) => [r.id, r.label, r.borderline, r.feedback])).toEqual([
      ['c3', 'rd_collaboration', true, { verdict: 'mixed', subscribers: 3, relevant: 2, not_relevant: 1 }],
      ['c4', 'not_rd_collaboration', true, { verdict: 'mixed', subscribers: 2, relevant: 1, not_relevant: 1 }],
    ]);
  });

  it('should leave out, and name, collaborations whose flag is unknown', () => {
    const out = labelledRecords([fb('alice', 'unknown', 'relevant', 2), fb('alice', 'c1', 'relevant', 1)], flags);
    expect(out.records.map((r) => r.id)).toEqual(['c1']);
    expect(out.withoutFlag).toEqual(['unknown']);
  });
});
