import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelledRecords, summariseFlag, type FlagSummary, type StoredFeedback } from '@pharma-radar/dashboard-service';
import { aFlag } from '@pharma-radar/testing';
import { evalCommand } from './eval';
import { feedbackOf, summariseFeedback, withoutRecall } from './feedback-eval';

// Invented flags as the dashboard keeps them, judged by invented subscribers, exported by the dashboard's own code.
const flags: FlagSummary[] = [
  ['k1', 'Kestrel Bio and Norrland University form research alliance on kidney fibrosis',
    'Kestrel Bio and Norrland University signed a three-year research collaboration to discover treatments for kidney fibrosis.'],
  ['k2', 'Ardent Therapeutics and Halvorsen Institute to co-develop sepsis antibody',
    'Ardent Therapeutics and the Halvorsen Institute entered a co-development agreement for a sepsis antibody.'],
  ['k3', 'Ormond Pharma opens packaging plant in Ohio', 'Ormond Pharma opened a packaging plant that will employ 200 people.'],
  ['k4', 'Vale Biologics reports third-quarter revenue', 'Vale Biologics reported third-quarter revenue of $40 million.'],
  ['k5', 'Tessel Therapeutics and Brightwater Hospital partner on sepsis markers',
    'Tessel Therapeutics and Brightwater Hospital will collaborate on research into sepsis markers.'],
].map(([id, title, evidence]) => ({ ...summariseFlag(aFlag().id(id).withClassification({ evidence, model_version: 'flags-of-the-time' }).build()), title }));

let minute = 0;
const verdict = (subscriberId: string, collaborationId: string, v: StoredFeedback['verdict']): StoredFeedback =>
  ({ id: `${subscriberId}/${collaborationId}`, subscriberId, collaborationId, verdict: v, recordedAt: `2026-12-07T12:${String(minute++).padStart(2, '0')}:00.000Z` });
const feedback = [
  verdict('alice', 'k1', 'relevant'), verdict('bob', 'k1', 'relevant'),
  verdict('alice', 'k2', 'relevant'),
  verdict('alice', 'k3', 'not_relevant'),
  verdict('bob', 'k4', 'not_relevant'),
  verdict('alice', 'k5', 'relevant'), verdict('carol', 'k5', 'not_relevant'),
];

function exportedFile(): string {
  const { records } = labelledRecords(feedback, new Map(flags.map((f) => [f.collaborationId, f])));
  const path = join(mkdtempSync(join(tmpdir(), 'eval-feedback-')), 'feedback.jsonl');
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

describe('eval on a file exported from subscriber feedback', () => {
  it('should report the subscriber-judged precision, leave out the borderline item, and print no recall', async () => {
    let out = '';
    expect(await evalCommand({ files: [exportedFile()] }, (s) => { out += s; })).toBe(0);
    expect(out).toContain('records 5  (borderline skipped for the flag: 1)');
    expect(out).toContain('subscriber feedback: 5 flagged items judged, 7 subscriber verdicts; 1 borderline');
    expect(out).toContain('subscriber-judged precision of the flags at the time: relevant / (relevant + not relevant) = 2 / (2 + 2) = 0.500');
    expect(out).toMatch(/^model \S+ on the same items: flags \d of them, P (\d\.\d{3}|n\/a) = the precision subscribers would see now/m);
    expect(out).toContain('recall is not defined on feedback');
    expect(out).toMatch(/^is_rd_collaboration {4}P \d\.\d{3} {2}R {3}n\/a {2}F1 {3}n\/a {2}\(tp \d+, fp \d+, fn \d+\)/m);
  });

  it('should leave the report of an ordinary labelled file as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'eval-plain-')), 'plain.jsonl');
    writeFileSync(path, JSON.stringify({ id: 'p1', title: 'Sanofi and Stanford University sign research collaboration on lupus', text: '', label: 'rd_collaboration', parties: [] }) + '\n');
    let out = '';
    expect(await evalCommand({ files: [path] }, (s) => { out += s; })).toBe(0);
    expect(out).toMatch(/is_rd_collaboration {4}P \d\.\d{3} {2}R \d\.\d{3} {2}F1 \d\.\d{3}/);
    expect(out).not.toContain('subscriber');
    expect(out).not.toContain('n/a');
  });

  it('should mark the feedback file\'s summary line without recall when it is evaluated with other files', async () => {
    const plain = join(mkdtempSync(join(tmpdir(), 'eval-plain-')), 'plain.jsonl');
    writeFileSync(plain, JSON.stringify({ id: 'p1', title: 'Sanofi completes acquisition of Calyx Bio', text: '', label: 'not_rd_collaboration', parties: [] }) + '\n');
    let out = '';
    const file = exportedFile();
    expect(await evalCommand({ files: [plain, file] }, (s) => { out += s; })).toBe(0);
    expect(out).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: records 5[^\\n]*\\n {2}is_rd_collaboration {4}P \\d\\.\\d{3} {2}R {3}n/a`));
    expect(out).toContain("the total's recall counts the feedback items too");
  });
});

describe('feedback helpers', () => {
  it('should read feedback only from records whose source is subscriber feedback', () => {
    const fb = { verdict: 'relevant', subscribers: 1, relevant: 1, not_relevant: 0 };
    expect(feedbackOf({ source: 'subscriber feedback', feedback: fb })).toEqual(fb);
    expect(feedbackOf({ source: 'Fierce Biotech', feedback: fb })).toBeNull();
    expect(feedbackOf({ source: 'subscriber feedback', feedback: { verdict: 'maybe' } })).toBeNull();
  });

  it('should count a mixed item as borderline, not for either side', () => {
    const s = summariseFeedback([
      { feedback: { verdict: 'relevant', subscribers: 2, relevant: 2, not_relevant: 0 }, borderline: false },
      { feedback: { verdict: 'mixed', subscribers: 3, relevant: 2, not_relevant: 1 }, borderline: true },
      { feedback: { verdict: 'not_relevant', subscribers: 1, relevant: 0, not_relevant: 1 }, borderline: false },
    ]);
    expect(s).toEqual({ items: 3, verdicts: 6, borderline: 1, relevant: 1, notRelevant: 1 });
  });

  it('should replace only the flag\'s recall and F1, keeping the counts', () => {
    const line = 'is_rd_collaboration    P 0.750  R 1.000  F1 0.857  (tp 3, fp 1, fn 0)  tn 1  acc 0.800\nparties (gold +)       P 1.000  R 0.500  F1 0.667  (tp 1, fp 0, fn 1)';
    expect(withoutRecall(line)).toBe('is_rd_collaboration    P 0.750  R   n/a  F1   n/a  (tp 3, fp 1, fn 0)  tn 1  acc 0.800\nparties (gold +)       P 1.000  R 0.500  F1 0.667  (tp 1, fp 0, fn 1)');
  });
});
