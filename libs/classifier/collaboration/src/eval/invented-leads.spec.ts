import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalOrgName, classify } from '../classifier';
import { evaluate } from './evaluate';
import { parseLabelledRecord, type LabelledRecord } from './types';

function load(file: string): LabelledRecord[] {
  return readFileSync(join(__dirname, '__fixtures__', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = parseLabelledRecord(JSON.parse(line));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
      return parsed.record;
    });
}

// Quality floor on invented leads written apart from the dev set: a rule or weights change that loses ground fails here.
// These sets are training data of the learned decision, so the numbers are fitted, not estimates (those come from
// cross-validation: npm run train). Sets 1-4, 6 and 8-11 hold the product goals. Set 13 (hard calls both ways, written
// blind for the learned layer) first ran at P 0.889 R 0.812, party F1 0.771, before it joined the training data. Sets 5, 7 and 12 came from writers whose labels differ from ours on
// deal-type conventions (licence plus co-development), on what counts as a party (translated institution names) or on
// whether a funder or a CRO is a partner: their floors sit just under what the rules measure today, so they guard
// against losing ground.
describe.each([
  ['invented-leads.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-2.jsonl', 97, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-3.jsonl', 120, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-4.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-5.jsonl', 120, { party: 0.9, dealType: 0.8 }],
  ['invented-leads-6.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-7.jsonl', 100, { party: 0.78, dealType: 0.85 }],
  ['invented-leads-8.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-9.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-10.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-11.jsonl', 100, { party: 0.9, dealType: 0.85 }],
  ['invented-leads-12.jsonl', 80, { party: 0.9, dealType: 0.75, precision: 0.93 }],
  ['invented-leads-13.jsonl', 160, { party: 0.8, dealType: 0.75, precision: 0.9, recall: 0.85 }],
] as [string, number, { party: number; dealType: number; precision?: number; recall?: number }][])('eval on %s', (file, count, floor) => {
  const records = load(file);
  const report = evaluate(records, classify, { canonical: canonicalOrgName });

  it('should read every fixture record', () => {
    expect(records).toHaveLength(count);
  });

  it(`should keep flag precision at or above ${floor.precision ?? 0.95} and recall at or above ${floor.recall ?? 0.95}`, () => {
    expect(report.flag.precision).toBeGreaterThanOrEqual(floor.precision ?? 0.95);
    expect(report.flag.recall).toBeGreaterThanOrEqual(floor.recall ?? 0.95);
  });

  it(`should keep party F1 at or above ${floor.party} and deal-type accuracy at or above ${floor.dealType}`, () => {
    expect(report.parties.f1).toBeGreaterThanOrEqual(floor.party);
    expect(report.dealTypeAccuracy).toBeGreaterThanOrEqual(floor.dealType);
  });
});
