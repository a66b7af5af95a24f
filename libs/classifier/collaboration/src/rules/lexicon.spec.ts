import * as L from './lexicon';

// Every pattern runs on untrusted text: none may backtrack badly on long, repetitive or near-miss input.
const hostile = [
  'a '.repeat(20_000),
  'collaboration '.repeat(5_000),
  'ORG1 and ORG2 and '.repeat(3_000),
  `${'signed '.repeat(3_000)}in 20`,
  `${'x'.repeat(50_000)}!`,
  'in talks '.repeat(4_000),
  'under '.repeat(8_000),
];

describe('lexicon patterns', () => {
  const patterns = Object.entries(L).filter((e): e is [string, RegExp] => e[1] instanceof RegExp);

  it.each(patterns)('should finish quickly when %s meets hostile input', (_name, re) => {
    const started = Date.now();
    for (const s of hostile) re.test(s);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('should let ordinary news out at the pre-filter when no deal word appears', () => {
    expect(L.PREFILTER.test('Pfizer beats estimates on strong quarter as Paxlovid sales rise')).toBe(false);
    expect(L.PREFILTER.test('Merck and Moderna team up on cancer vaccine')).toBe(true);
  });

  it('should read "formed in 2013" as the past but a plan "in 2027" not', () => {
    expect(L.PAST_DEAL_VERB.test('established a collaboration in 2013')).toBe(true);
    expect(L.PAST_DEAL_VERB.test('will start dosing patients in 2027')).toBe(false);
  });
});
