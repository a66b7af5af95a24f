import type { EventType, Party } from '@pharma-radar/contracts';
import type { Analysed } from '../parties/select';
import * as L from '../rules/lexicon';
import CUE_FILE from './cues.json';

/** Sparse feature vector: name → value. Names are stable strings so the weights file reads as data. */
export type Features = Map<string, number>;

/** What the rules concluded about one item, as the learned decision reads it. */
export interface RuleEvidence {
  analysed: readonly Analysed[];
  /** The rules' total score (sentence points plus document signals). */
  score: number;
  best: number;
  signals: readonly string[];
  /** The non-R&D category the headline alone reads as, if any. */
  titleNegative: EventType | null;
  /** Parties the item would have if flagged. */
  parties: readonly Party[];
}

/**
 * Lexicon cues read where they occur: in the headline ("t:") or in the two sentences after it ("l:"). Each is one of
 * the rules' named patterns; the learned layer decides how much each counts, and where.
 */
const CUES: readonly (readonly [string, RegExp])[] = [
  ['strong_noun', L.STRONG_NOUN], ['announce_verb', L.ANNOUNCE_VERB], ['collab_verb', L.COLLAB_VERB], ['noun_with_org', L.NOUN_WITH_ORG],
  ['rd_strong', L.RD_STRONG], ['rd_weak', L.RD_WEAK], ['announcement', L.ANNOUNCEMENT], ['renewal', L.RENEWAL],
  ['deal_money', L.DEAL_MONEY], ['upfront_payment', L.UPFRONT_PAYMENT], ['past_or_existing', L.PAST_OR_EXISTING],
  ['past_deal_verb', L.PAST_DEAL_VERB], ['negated', L.NEGATED], ['acquisition', L.ACQUISITION], ['rights', L.ACQUISITION_OF_RIGHTS],
  ['termination', L.TERMINATION], ['manufacturing', L.MANUFACTURING], ['milestone_earned', L.MILESTONE_EARNED],
  ['option_exercise', L.OPTION_EXERCISE], ['no_joint_work', L.NO_JOINT_WORK], ['service_provider', L.SERVICE_PROVIDER],
  ['commercial', L.COMMERCIAL], ['financing', L.FINANCING], ['funding_only', L.FUNDING_ONLY], ['clinical_result', L.CLINICAL_RESULT],
  ['regulatory', L.REGULATORY], ['commentary', L.COMMENTARY], ['science', L.SCIENCE], ['licensing', L.LICENSING],
  ['codev', L.EXPLICIT_CODEV], ['consortium', L.CONSORTIUM], ['many_parties', L.MANY_PARTIES], ['partner_descriptor', L.PARTNER_DESCRIPTOR],
  ['joint_facility', L.JOINT_FACILITY], ['policy', L.POLICY], ['launch', L.LAUNCH], ['royalty_sale', L.ROYALTY_SALE],
];

/**
 * Each family of cues.json as one case-insensitive pattern, matched where no word character or hyphen is next to it.
 * When every phrase starts with a word character, `\b(?<!-)` in front says the same as `(?<![\w-])` and lets V8
 * reject a position inside a word at once: about a quarter faster on the real leads.
 */
export const CUE_FAMILIES: readonly (readonly [string, RegExp])[] = Object.entries(CUE_FILE as Record<string, unknown>)
  .filter((entry): entry is [string, string[]] => entry[0] !== 'why' && Array.isArray(entry[1]))
  .map(([family, phrases]) => {
    const before = phrases.every(startsWithWordChar) ? '\\b(?<!-)' : '(?<![\\w-])';
    return [family, new RegExp(`${before}(?:${phrases.join('|')})(?![\\w-])`, 'i')] as const;
  });

/**
 * Whether every match of a phrase (a pattern source) begins with a word character: a letter or digit, `\w` or `\d`,
 * or a plain group whose every branch does, none of them optional. Conservative: any other shape says no.
 */
export function startsWithWordChar(phrase: string): boolean {
  return topLevelBranches(phrase).every((branch) => {
    let end: number;
    if (/^[A-Za-z0-9]/.test(branch)) end = 1;
    else if (/^\\[wd]/.test(branch)) end = 2;
    else if (branch.startsWith('(') && !branch.startsWith('(?')) {
      const close = closingParen(branch);
      if (close < 0 || !startsWithWordChar(branch.slice(1, close))) return false;
      end = close + 1;
    } else return false;
    return !/^[?*{]/.test(branch.slice(end));
  });
}

/** Index of the parenthesis that closes the group opened at 0, or -1. */
function closingParen(source: string): number {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') return -1; // a character class: not worth reading here
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** A pattern split at its own `|`, not at those of nested groups. */
function topLevelBranches(body: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      // A character class: its `(` and `|` are characters.
      while (i + 1 < body.length && body[++i] !== ']') if (body[i] === '\\') i++;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      branches.push(body.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(body.slice(start));
  return branches;
}

const INDUSTRY = new Set(['pharma', 'biotech', 'tech', 'cro']);
const PUBLIC = new Set(['academic', 'hospital', 'government', 'nonprofit']);

/** Words of a masked sentence: organisation masks become one token, numbers another, so no name or figure is learned. */
export function words(masked: string): string[] {
  return masked
    .toLowerCase()
    .replace(/\borg\d+\b/g, ' ORG ')
    .replace(/[$€£¥]\s?\d[\d.,]*\s*(?:million|billion|m|bn)?/g, ' MONEY ')
    .replace(/\b\d[\d.,]*\b/g, ' NUM ')
    .split(/[^a-zA-Z&'-]+/)
    .map((w) => (EDGE_CHARS.has(w[0]) || EDGE_CHARS.has(w[w.length - 1]) ? w.replace(/^['-]+|['-]+$/g, '') : w))
    .filter((w) => w.length > 1 || w === '&');
}

/** Characters trimmed off a word's ends; most words have none, and skip the replace. */
const EDGE_CHARS = new Set(["'", '-']);

/** Word prefixes of the n-gram features: `tw:deal` (a unigram), `tw:research_deal` (a bigram). */
export const NGRAM_PREFIXES = ['tw', 'ew', 'sw'] as const;
export type NgramPrefix = (typeof NGRAM_PREFIXES)[number];

/** The name of an n-gram feature. Words never hold `_` or `:` (see `words`), so the name splits back unambiguously. */
export const ngramName = (prefix: NgramPrefix, first: string, second?: string) => (second === undefined ? `${prefix}:${first}` : `${prefix}:${first}_${second}`);

/**
 * Where `emitFeatures` sends each feature, in order: into a Map (`featuresOf`), or straight into a model's score
 * (the learned decision), which then never builds the names of the many n-grams that have no weight.
 */
export interface FeatureSink {
  on(name: string, value: number): void;
  /** The word n-grams of one text, value 1, in the order `forEachNgram` gives them. */
  ngrams(prefix: NgramPrefix, words: readonly string[]): void;
}

/** Each word, then the bigram it starts: the order the n-grams take in the vector. */
export function forEachNgram(ws: readonly string[], visit: (first: string, second?: string) => void): void {
  for (let i = 0; i < ws.length; i++) {
    visit(ws[i]);
    if (i + 1 < ws.length) visit(ws[i], ws[i + 1]);
  }
}

const bucket = (n: number, top: number) => (n >= top ? `${top}+` : String(n));

export interface FeatureOptions {
  /** Word unigrams and bigrams of the masked headline and announcement sentence. */
  ngrams: boolean;
  /** The rules' hand-set total and threshold as features (else only their parts). */
  ruleTotal?: boolean;
  /** Word n-grams of the first body sentence too. */
  leadNgrams?: boolean;
}

/** The rules' evidence as a sparse vector. Pure and deterministic. */
export function featuresOf(e: RuleEvidence, opts: FeatureOptions): Features {
  const f: Features = new Map();
  emitFeatures(e, opts, {
    on: (name, value) => f.set(name, value),
    ngrams: (prefix, ws) => forEachNgram(ws, (first, second) => f.set(ngramName(prefix, first, second), 1)),
  });
  return f;
}

/** The features of `featuresOf`, each sent to `sink` in the order the vector holds them. */
export function emitFeatures(e: RuleEvidence, opts: FeatureOptions, sink: FeatureSink): void {
  const on = (name: string, value = 1) => sink.on(name, value);
  const { analysed, best } = e;
  const title = analysed[0];
  const top = analysed[best];

  if (opts.ruleTotal !== false) {
    on('rule:score', Math.max(-8, Math.min(12, e.score)) / 4);
    on(e.score >= 4.5 ? 'rule:flag' : 'rule:no_flag');
  }
  on(`best:at_${best === 0 ? 'title' : best === 1 ? 's1' : best <= 3 ? 's2_3' : 's4_plus'}`);
  on('best:points', top.score.score / 4);
  if (top.score.core) on('best:core');
  if (top.score.rd) on('best:rd');
  if (top.score.past) on('best:past');
  if (top.score.moneyOnly) on('best:money_only');
  on(`best:orgs_${bucket(top.score.orgs, 3)}`);
  if (top.score.contradiction) on(`best:contra_${top.score.contradiction}`);

  if (title.score.core) on('title:core');
  if (title.score.rd) on('title:rd');
  if (title.score.past) on('title:past');
  on(`title:orgs_${bucket(title.score.orgs, 3)}`);
  if (title.score.contradiction) on(`title:contra_${title.score.contradiction}`);
  if (e.titleNegative) on(`title:neg_${e.titleNegative}`);
  if (title.sentence.text.includes('?')) on('title:question');

  for (const s of e.signals) on(`doc:${s}`);
  // A headline alone says nothing about a body: counting its absent sentences as zero would read as evidence.
  const body = analysed.slice(1);
  if (body.length === 0) on('body:empty');
  else {
    on(`body:announcements_${bucket(body.filter((a) => a.score.core && !a.score.past && !a.score.contradiction).length, 3)}`);
    on(`body:past_deals_${bucket(body.filter((a) => a.score.past && (a.score.core || L.STRONG_NOUN.test(a.entities.masked))).length, 2)}`);
    on(`body:contradicted_${bucket(body.filter((a) => a.score.contradiction).length, 2)}`);
  }

  const lead = analysed.slice(1, 3).map((a) => a.entities.masked).join(' ');
  for (const [name, re] of CUES) {
    if (re.test(title.entities.masked)) on(`t:${name}`);
    if (re.test(lead)) on(`l:${name}`);
  }

  const evidenceText = best !== 0 ? top.sentence.text : '';
  const leadText = analysed.slice(1, 3).map((a) => a.sentence.text).join(' ');
  for (const [family, re] of CUE_FAMILIES) {
    if (re.test(title.sentence.text)) on(`cue:${family}@title`);
    if (re.test(leadText)) on(`cue:${family}@lead`);
    if (evidenceText && re.test(evidenceText)) on(`cue:${family}@evidence`);
  }

  const types = new Set(e.parties.map((p) => p.type));
  on(`parties:${bucket(e.parties.length, 4)}`);
  for (const t of types) on(`ptype:${t}`);
  const industry = [...types].some((t) => INDUSTRY.has(t));
  const pub = [...types].some((t) => PUBLIC.has(t));
  if (industry && pub) on('pair:industry_public');
  else if (industry) on('pair:industry_only');
  else if (pub) on('pair:public_only');

  if (opts.ngrams) {
    sink.ngrams('tw', words(title.entities.masked));
    if (best !== 0) sink.ngrams('ew', words(top.entities.masked));
    if (opts.leadNgrams && analysed[1] && best !== 1) sink.ngrams('sw', words(analysed[1].entities.masked));
  }
}
