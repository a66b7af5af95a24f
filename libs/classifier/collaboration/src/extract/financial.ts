import type { FinancialTerms } from '@pharma-radar/contracts';

const UNDISCLOSED = /\b(?:(?:financial )?terms (?:of the (?:[\w-]+ )?(?:deal|agreement|collaboration|transaction|partnership) )?(?:were|was|have|has|are|is|weren't|wasn't) (?:not |n't )?(?:been )?(?:undisclosed|disclosed|released|revealed|made public)|(?:financial|deal) (?:terms|details) (?:were|was|are|have|remain)(?: not)? (?:undisclosed|disclosed|confidential)|undisclosed (?:sum|amount|terms|upfront|up-front|fee|payments?|financial)|(?:did|does|do) not disclose|didn't disclose|declined to disclose|not disclosed|not been disclosed|not (?:been )?(?:made public|revealed)|without disclosing|no financial (?:terms|details))\b/i;

// "$50 million", "€1.2 billion", "US$411.3 million", "$140m", "R370-million", "85 million euro", "$1,250 million", "€1,5 bn".
const MONEY = /(US\$|USD\s?|EUR\s?|CHF\s?|GBP\s?|JPY\s?|RMB\s?|CNY\s?|NIS\s?|Rs\.?\s?|R(?=\d)|[$€£¥])\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:\s?|-)(million|billion|bn|mn|m|b|k|thousand|crore)?\b|\b(\d+(?:\.\d+)?)(?:\s?|-)(million|billion)\s+(dollars|euros?|pounds|yen|francs|yuan|rand)\b/gi;

const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SCALE: Record<string, number> = { million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, k: 1e3, thousand: 1e3, crore: 1e7 };
const CURRENCY: Record<string, string> = {
  'us$': 'USD', usd: 'USD', $: 'USD', eur: 'EUR', '€': 'EUR', chf: 'CHF', gbp: 'GBP', '£': 'GBP', jpy: 'JPY', '¥': 'JPY', rmb: 'CNY', cny: 'CNY',
  nis: 'ILS', rs: 'INR', 'rs.': 'INR', r: 'ZAR', dollars: 'USD', euro: 'EUR', euros: 'EUR', pounds: 'GBP', yen: 'JPY', francs: 'CHF', yuan: 'CNY', rand: 'ZAR',
};

export interface Amount {
  value: number;
  currency: string;
  index: number;
  end: number;
}

/** Every money amount a text states, with its currency and place; shared with the syndication index's terms check. */
export function moneyAmounts(s: string): Amount[] {
  const out: Amount[] = [];
  MONEY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONEY.exec(s)) !== null) {
    const cur = (m[1] ?? m[6] ?? '').trim().toLowerCase();
    // A comma before exactly three digits groups thousands ("$1,250 million"); any other is a decimal point ("€1,5 bn").
    const digits = m[2] ?? m[4] ?? '';
    const num = Number(THOUSANDS.test(digits) ? digits.replace(/,/g, '') : digits.replace(',', '.'));
    const scaleWord = (m[3] ?? m[5] ?? '').toLowerCase();
    if (!Number.isFinite(num)) continue;
    // A bare "$40" without a scale in deal news is a share price, not a deal term.
    if (!scaleWord && num < 1000) continue;
    // "(£5.1m)" after an amount is a currency conversion of it, not a second term.
    if (/\(\s*(?:about |approx\.? |around |~)?$/.test(s.slice(Math.max(0, m.index - 10), m.index))) continue;
    out.push({ value: num * (SCALE[scaleWord] ?? 1), currency: CURRENCY[cur] ?? 'USD', index: m.index, end: m.index + m[0].length });
  }
  return out;
}

type Slot = 'upfront' | 'milestones' | 'total';

/** Labels an amount by the words of its clause: "$12M upfront", "up to $300M in milestones", "worth $1B". */
function slotOf(s: string, a: Amount): Slot | null {
  const before = s.slice(Math.max(0, a.index - 50), a.index).toLowerCase();
  const after = s.slice(a.end, a.end + 80).toLowerCase().split(/[.;]/)[0];
  const clauseAfter = after.split(/[,;]|\band\b(?! milestone)/)[0];
  const beforeClause = before.split(/[,;]/).pop() ?? '';
  const near = `${beforeClause} ${clauseAfter}`;
  if (/^\s*(?:in )?(?:combined )?(?:up-?front|up front) and (?:[\w-]+ )?milestone|^\s*(?:in )?up-?front,? (?:and )?(?:potential )?milestone/.test(after)) return 'total';
  if (/^\s*(?:in )?(?:up-?front|up front|initial payment|near-term)/.test(after) || /(?:up-?front|up front)(?: payments?| fees?| cash)?(?: of)?\s*$|\b(?:an )?initial(?:ly)?\s*$/.test(before)) return 'upfront';
  if (/^[^$€£¥]{0,60}milestone/.test(after) || /milestone[^$€£¥]{0,20}$/.test(beforeClause)) return 'milestones';
  if (/\b(?:worth|valued|total|totalling|totaling|in total|up to|potential(?:ly)?|deal value|aggregate|biobucks)\b/.test(near)) return 'total';
  if (/\b(?:deal|collaboration|partnership|agreement|pact|programme|program|funding|fund|investment|invest|grant|pay|pays|paying|paid|receive|receives)\b/.test(near)) return 'total';
  return null;
}

const ROYALTIES = /\broyalt(?:y|ies)\b/i;

/** Money terms from the sentences that carry them; null when a text says nothing about money. */
export function extractFinancialTerms(sentences: readonly string[]): FinancialTerms | null {
  const terms: FinancialTerms = { undisclosed: false, text: '' };
  const carried: string[] = [];
  for (const s of sentences) {
    let used = false;
    if (UNDISCLOSED.test(s)) {
      terms.undisclosed = true;
      used = true;
    }
    if (ROYALTIES.test(s)) {
      terms.royalties = true;
      used = true;
    }
    for (const a of moneyAmounts(s)) {
      const slot = slotOf(s, a);
      if (!slot) continue;
      used = true;
      if (terms[slot] === undefined || a.value > (terms[slot] ?? 0)) terms[slot] = a.value;
      terms.currency ??= a.currency;
    }
    if (used && !carried.includes(s)) carried.push(s);
  }
  if (carried.length === 0) return null;
  if (terms.total === undefined && terms.upfront !== undefined && terms.milestones !== undefined) terms.total = terms.upfront + terms.milestones;
  if (terms.upfront !== undefined || terms.milestones !== undefined || terms.total !== undefined) {
    // "undisclosed upfront, up to $180M in milestones" still discloses something; keep both facts.
    terms.undisclosed = terms.undisclosed && /undisclosed|not disclosed/i.test(carried.join(' '));
  }
  terms.text = carried.join(' ').slice(0, 2000);
  return terms;
}
