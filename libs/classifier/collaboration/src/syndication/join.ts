import { nameKey } from '../entities/matcher';
import { withoutBoilerplate } from '../text/boilerplate';
import { moneyAmounts } from '../extract/financial';
import { fnv1a, minhash, similarity, words } from './minhash';

/**
 * The pure half of the syndication index: what an announcement is reduced to, under which keys it is
 * found, and when two of them are copies of one announcement. Stores (in memory, Redis) only keep
 * entries under keys and hand candidates back; every decision is made here.
 */

export interface SyndicationDoc {
  id: string;
  title: string;
  text: string;
  /** Party names (canonical) from the classification. */
  parties: readonly (string | { name: string })[];
  /** ISO date or date-time; missing dates are allowed but need stronger text evidence. */
  published?: string | null;
  /** The classification's event type: a rewrite about the same parties must also be the same kind of news. */
  eventType?: string;
}

/** What the index keeps of an announcement: small, plain JSON. */
export interface SyndicationEntry {
  id: string;
  sig: number[];
  /** nameKey of each party, sorted. */
  parties: string[];
  /** Per party, the hashed distinctive words of its name (same order as `parties`). */
  partyWords: string[][];
  /**
   * Hashed distinct words of the title and the opening of the text (before any "About <Company>" section):
   * is the other copy's party named in this copy's news at all? (Entries from before this rule hold every word.)
   */
  words: string[];
  /**
   * Hashed topic words of the headline: neither party names nor deal vocabulary ("shingles", "vaccine"). Two deals
   * between the same parties differ here. Absent in entries from before this rule: no evidence either way.
   */
  headline?: string[];
  at: number | null;
  eventType?: string;
  /** Money figures mentioned, in millions: two deals between the same parties differ in their terms. */
  amounts: number[];
}

export interface SyndicationOptions {
  numHashes?: number;
  /** Copies further apart than this are different news, however similar. */
  windowDays?: number;
  /** Rewritten text that shares a party: a trade-press rewrite. */
  textThreshold?: number;
  /** Same parties, loosely similar text: a rewrite in other words. */
  partyTextThreshold?: number;
  /** Near-identical text: the same release re-posted (parties must still agree). */
  verbatimThreshold?: number;
  /** LSH: `bands` keys of `rows` MinHash values each. 20 x 3 finds pairs at similarity 0.5 with p = 0.93. */
  bands?: number;
  rows?: number;
}

export type ResolvedSyndicationOptions = Required<SyndicationOptions>;

export function syndicationOptions(opts: SyndicationOptions = {}): ResolvedSyndicationOptions {
  return {
    numHashes: opts.numHashes ?? 128,
    windowDays: opts.windowDays ?? 7,
    textThreshold: opts.textThreshold ?? 0.22,
    partyTextThreshold: opts.partyTextThreshold ?? 0.02,
    verbatimThreshold: opts.verbatimThreshold ?? 0.5,
    bands: opts.bands ?? 20,
    rows: opts.rows ?? 3,
  };
}

const DAY_MS = 86_400_000;

// Words that say what kind of organisation, not which one: "Kestrel Pharma" is named by "kestrel".
const GENERIC_NAME_WORDS = new Set([
  'the', 'of', 'and', 'for', 'de', 'du', 'la', 'le', 'der', 'und', 'inc', 'ltd', 'limited', 'llc', 'corp', 'corporation', 'co', 'plc', 'ag', 'gmbh',
  'sa', 'se', 'nv', 'bv', 'kk', 'holding', 'holdings', 'group', 'company', 'pharma', 'pharmaceutical', 'pharmaceuticals', 'therapeutics', 'bio',
  'biotech', 'biosciences', 'bioscience', 'biopharma', 'sciences', 'science', 'health', 'healthcare', 'medical', 'labs', 'laboratories',
]);

const hashWord = (w: string): string => fnv1a(w, 0x5bd1e995).toString(36);

function partyName(p: string | { name: string }): string {
  return typeof p === 'string' ? p : p.name;
}

/** Money figures in millions, as the classifier's money extraction reads them ("$1,250 million", "€1.2 billion"). */
function amountsIn(text: string): number[] {
  return [...new Set(moneyAmounts(text).map((a) => Math.round(a.value / 1e5) / 10))].sort((a, b) => a - b);
}

// Where a release's news ends: its "About <Company>." section, however it is punctuated, and the other boilerplate.
const ABOUT_SECTION = /(?:[.!?"”)]\s+|\n\s*)About (?:the )?[A-Z]/;
/** Enough of the opening to hold the announcing sentences, not the partner lists further down. */
const LEAD_CHARS = 500;

function leadOf(text: string): string {
  const news = withoutBoilerplate(text);
  const about = ABOUT_SECTION.exec(news);
  return (about ? news.slice(0, about.index) : news).slice(0, LEAD_CHARS);
}

// Words a headline shares with any deal announcement: they say that there is a deal, not which one.
const DEAL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'at', 'as', 'from', 'into', 'its', 'their', 'his', 'her', 'up',
  'over', 'new', 'next', 'co', 'is', 'are', 'be', 'has', 'have', 'will', 'after', 'amid', 'deal', 'deals', 'pact', 'agreement', 'agreements',
  'collaboration', 'collaborations', 'collaborate', 'collaborates', 'partnership', 'partnerships', 'partner', 'partners', 'partnering',
  'alliance', 'research', 'strategic', 'sign', 'signs', 'signed', 'ink', 'inks', 'enter', 'enters', 'entered', 'announce', 'announces',
  'announced', 'team', 'teams', 'join', 'joins', 'forces', 'expand', 'expands', 'extend', 'extends', 'multi', 'year', 'worth', 'million',
  'billion', 'upfront', 'milestone', 'milestones', 'today', 'says', 'said', 'company', 'companies', 'firm',
]);

function stem(w: string): string {
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** What a headline is about beyond who and "a deal": its distinctive words, stemmed and hashed. */
function topicWords(title: string, partyWords: ReadonlySet<string>): string[] {
  return [...new Set(words(title).filter((w) => !/^\d+$/.test(w) && !DEAL_WORDS.has(w) && !GENERIC_NAME_WORDS.has(w) && !partyWords.has(w)).map(stem))].map(hashWord);
}

function timeOf(published: string | null | undefined): number | null {
  if (!published) return null;
  const t = Date.parse(published);
  return Number.isFinite(t) ? t : null;
}

export function syndicationEntry(doc: SyndicationDoc, opts: ResolvedSyndicationOptions = syndicationOptions()): SyndicationEntry {
  const body = `${doc.title} ${doc.text}`;
  const byKey = new Map<string, string[]>();
  const nameWords = new Set<string>();
  for (const p of doc.parties) {
    const name = partyName(p);
    const key = nameKey(name);
    for (const w of words(name)) nameWords.add(w);
    if (!key || byKey.has(key)) continue;
    byKey.set(key, [...new Set(words(name).filter((w) => !GENERIC_NAME_WORDS.has(w)))].map(hashWord));
  }
  const parties = [...byKey.keys()].sort();
  const lead = `${doc.title} ${leadOf(doc.text)}`;
  // A headline of names and deal words only ("X and Y team up"): the announcing sentence says what it is about.
  const headline = topicWords(doc.title, nameWords);
  return {
    id: doc.id,
    sig: minhash(body, opts.numHashes),
    parties,
    partyWords: parties.map((k) => byKey.get(k)!),
    words: [...new Set(words(lead))].map(hashWord),
    headline: headline.length > 0 ? headline : topicWords(lead.slice(0, doc.title.length + 200), nameWords),
    at: timeOf(doc.published),
    eventType: doc.eventType,
    amounts: amountsIn(body),
  };
}

/**
 * Keys an entry is filed under and looked up by: one per LSH band of its signature (finds near-identical
 * copies whatever their parties) and one per party (finds rewrites about the same organisations).
 */
export function syndicationKeys(entry: SyndicationEntry, opts: ResolvedSyndicationOptions = syndicationOptions()): string[] {
  const keys: string[] = [];
  const empty = entry.sig.every((h) => h === 0xffffffff);
  if (!empty) {
    for (let b = 0; b < opts.bands && (b + 1) * opts.rows <= entry.sig.length; b++) {
      keys.push(`b${b}:${fnv1a(entry.sig.slice(b * opts.rows, (b + 1) * opts.rows).join(','), b).toString(36)}`);
    }
  }
  for (const p of entry.parties) keys.push(`p:${p}`);
  return keys;
}

/** Every party of `a` is also a party of `b`, or at least named in `b`'s text. */
function partiesCovered(a: SyndicationEntry, b: SyndicationEntry, bWords: ReadonlySet<string>): boolean {
  return a.parties.every((key, i) => b.parties.includes(key) || (a.partyWords[i] ?? []).every((w) => bWords.has(w)));
}

const near = (x: number, y: number, tolerance: number) => Math.abs(x - y) <= tolerance * Math.max(x, y);
const sum = (xs: readonly number[]) => xs.reduce((t, x) => t + x, 0);

/**
 * No figures on one side is no evidence either way; it only never vetoes. Figures on both must share one, or one
 * side's total is the sum of the other's split ("$1.25 billion" = "$50 million upfront and $1.2 billion"), or
 * their largest figures (the deal's headline value) agree within 10%.
 */
function termsCompatible(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  if (a.some((x) => b.some((y) => near(x, y, 0.01)))) return true;
  const [maxA, maxB] = [Math.max(...a), Math.max(...b)];
  return near(maxA, sum(b), 0.01) || near(maxB, sum(a), 0.01) || near(maxA, maxB, 0.1);
}

/** The headlines share a topic word; an entry without a recorded headline (an older one) is no evidence. */
function headlinesAgree(a: SyndicationEntry, b: SyndicationEntry): boolean {
  if (!a.headline || !b.headline || a.headline.length === 0 || b.headline.length === 0) return true;
  return a.headline.some((w) => b.headline!.includes(w));
}

function sameParties(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2) return false;
  const overlap = a.filter((k) => b.includes(k)).length;
  return overlap >= 2 && overlap >= Math.min(a.length, b.length) - 1;
}

/**
 * Similarity if `a` and `b` are copies of one announcement, else null. Symmetric. Two announcements whose
 * parties differ never join, however formulaic the wording they share ("financial terms were not disclosed"):
 * each side's parties must be parties of, or named in the news of, the other (not its "About" section, which
 * lists the company's other partners). Below near-identical text, the headlines must also be about the same
 * thing: the same parties announce more than one deal, in releases that share datelines and boilerplate.
 */
export function joinSimilarity(a: SyndicationEntry, b: SyndicationEntry, opts: ResolvedSyndicationOptions = syndicationOptions()): number | null {
  const bothDated = a.at !== null && b.at !== null;
  if (bothDated && Math.abs(a.at! - b.at!) > opts.windowDays * DAY_MS) return null;
  if (!termsCompatible(a.amounts, b.amounts)) return null;
  if (!partiesCovered(a, b, new Set(b.words)) || !partiesCovered(b, a, new Set(a.words))) return null;
  const sim = similarity(a.sig, b.sig);
  if (sim >= opts.verbatimThreshold) return sim;
  const sameKind = !a.eventType || !b.eventType || a.eventType === b.eventType;
  if (!sameKind || !headlinesAgree(a, b)) return null;
  const shared = a.parties.some((k) => b.parties.includes(k));
  if (shared && sim >= opts.textThreshold) return sim;
  const partyThreshold = bothDated ? opts.partyTextThreshold : opts.partyTextThreshold * 1.5;
  if (sameParties(a.parties, b.parties) && sim >= partyThreshold) return sim;
  return null;
}

/** The candidate `entry` joins, most similar first; ties go to the earlier id for determinism. */
export function bestMatch<E extends SyndicationEntry>(entry: SyndicationEntry, candidates: Iterable<E>, opts: ResolvedSyndicationOptions = syndicationOptions()): { entry: E; similarity: number } | null {
  let best: { entry: E; similarity: number } | null = null;
  for (const c of candidates) {
    if (c.id === entry.id) continue;
    const sim = joinSimilarity(entry, c, opts);
    if (sim === null) continue;
    if (!best || sim > best.similarity || (sim === best.similarity && c.id < best.entry.id)) best = { entry: c, similarity: sim };
  }
  return best;
}

/** Untrusted store contents: an entry that does not have this shape is treated as absent. */
export function parseSyndicationEntry(raw: unknown): SyndicationEntry | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Partial<SyndicationEntry>;
  const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (typeof e.id !== 'string' || !Array.isArray(e.sig) || !e.sig.every((n) => typeof n === 'number')) return null;
  if (!strings(e.parties) || !Array.isArray(e.partyWords) || !e.partyWords.every(strings) || !strings(e.words)) return null;
  if (!(e.at === null || typeof e.at === 'number') || !Array.isArray(e.amounts)) return null;
  if (e.headline !== undefined && !strings(e.headline)) return null;
  return e as SyndicationEntry;
}
