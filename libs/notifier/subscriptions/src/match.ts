import type { CollaborationFlaggedV1 } from '@pharma-radar/contracts';
import type { Channel, Subscriber } from './subscriber';
import { companyKey, containsPhrase, wordsOf } from './text';

export interface Match {
  subscriber: Subscriber;
  channels: Channel[];
  /** Human-readable reasons, shown in the alert footer and in logs ("company: AstraZeneca"). */
  reasons: string[];
}

/**
 * Who should hear about `flag`. Within one watchlist criterion any value may match (companies A or B);
 * across criteria all given ones must match (company A *and* oncology). An empty watchlist means
 * everything; `minConfidence` is a filter, not a criterion. Inactive subscribers never match.
 */
export function matchSubscribers(flag: CollaborationFlaggedV1, subscribers: readonly Subscriber[]): Match[] {
  const facts = factsOf(flag);
  const matches: Match[] = [];
  for (const subscriber of subscribers) {
    const reasons = reasonsToAlert(facts, subscriber);
    if (reasons) matches.push({ subscriber, channels: [...new Set(subscriber.channels)], reasons });
  }
  return matches;
}

interface FlagFacts {
  confidence: number;
  eventType: string;
  parties: { name: string; key: string; type: string }[];
  areas: { name: string; words: string }[];
  geographies: { name: string; words: string }[];
  /** Title, evidence, areas, modalities, party names and money text, as one words-string. */
  searchable: string;
}

function factsOf(flag: CollaborationFlaggedV1): FlagFacts {
  const c = flag.classification;
  const searchable = [flag.title, c.evidence, c.financial_terms?.text ?? '', ...c.therapeutic_areas, ...c.modalities, ...c.parties.map((p) => p.name)]
    .map(wordsOf)
    .join('');
  return {
    confidence: c.confidence,
    eventType: c.event_type,
    parties: c.parties.map((p) => ({ name: p.name, key: companyKey(p.name), type: p.type })),
    areas: c.therapeutic_areas.map((a) => ({ name: a, words: wordsOf(a) })),
    geographies: c.geographies.map((g) => ({ name: g, words: wordsOf(g) })),
    searchable,
  };
}

/** A watchlist with its names and keywords already normalised: done once per subscriber, not per flag. */
interface CompiledWatchlist {
  /** One entry per watched company: its name's key and its aliases' keys; any of them may match. */
  companies: { keys: string[] }[];
  areas: string[];
  geographies: string[];
  keywords: { raw: string; words: string }[];
}
// Keyed by the subscriber object (treated as immutable), so a reloaded list is recompiled and the old one collected.
const compiled = new WeakMap<Subscriber, CompiledWatchlist>();

function compile(s: Subscriber): CompiledWatchlist {
  let c = compiled.get(s);
  if (!c) {
    c = {
      companies: (s.watchlist.companies ?? []).map((c) =>
        typeof c === 'string' ? { keys: [companyKey(c)] } : { keys: [c.name, ...(c.aliases ?? [])].map(companyKey) },
      ),
      areas: (s.watchlist.therapeuticAreas ?? []).map(wordsOf),
      geographies: (s.watchlist.geographies ?? []).map(wordsOf),
      keywords: (s.watchlist.keywords ?? []).map((raw) => ({ raw, words: wordsOf(raw) })),
    };
    compiled.set(s, c);
  }
  return c;
}

function reasonsToAlert(facts: FlagFacts, s: Subscriber): string[] | null {
  if (!s.active) return null;
  const w = s.watchlist;
  const c = compile(s);
  if (w.minConfidence !== undefined && facts.confidence < w.minConfidence) return null;

  const reasons: string[] = [];
  const criteria: Array<() => string[] | null> = [
    () => matchCompanies(facts, c.companies),
    () => matchAll(w.partyTypes, (t) => facts.parties.some((p) => p.type === t), (t) => `party type: ${t}`),
    () => matchAll(w.eventTypes, (t) => t === facts.eventType, (t) => `event type: ${t}`),
    () => matchAreas(facts, c.areas),
    () => matchLabels(facts.geographies, c.geographies, 'geography'),
    () => matchAll(c.keywords, (k) => containsPhrase(facts.searchable, k.words), (k) => `keyword: ${k.raw}`),
  ];
  let anyCriterion = false;
  for (const criterion of criteria) {
    const found = criterion();
    if (found === null) continue;
    anyCriterion = true;
    if (found.length === 0) return null;
    reasons.push(...found);
  }
  if (!anyCriterion) reasons.push('watchlist: all collaborations');
  if (w.minConfidence !== undefined) reasons.push(`confidence ${formatPct(facts.confidence)} ≥ ${formatPct(w.minConfidence)}`);
  return reasons;
}

/** Null when the criterion is not set (or empty); otherwise the reasons found (possibly none). */
function matchAll<T>(wanted: readonly T[] | undefined, hit: (v: T) => boolean, reason: (v: T) => string): string[] | null {
  if (!wanted || wanted.length === 0) return null;
  return wanted.filter(hit).map(reason);
}

function matchCompanies(facts: FlagFacts, companies: readonly { keys: string[] }[]): string[] | null {
  if (companies.length === 0) return null;
  const reasons: string[] = [];
  for (const { keys } of companies) {
    // Whole-word containment so "Roche" matches "F. Hoffmann-La Roche AG", but "Roch" does not.
    const party = facts.parties.find((p) => keys.some((key) => containsPhrase(p.key, key)));
    if (party) reasons.push(`company: ${party.name}`);
  }
  return reasons;
}

function matchAreas(facts: FlagFacts, areas: readonly string[]): string[] | null {
  return matchLabels(facts.areas, areas, 'therapeutic area');
}

function matchLabels(found: readonly { name: string; words: string }[], wanted: readonly string[], what: string): string[] | null {
  if (wanted.length === 0) return null;
  const reasons: string[] = [];
  for (const words of wanted) {
    const hit = found.find((a) => containsPhrase(a.words, words));
    if (hit) reasons.push(`${what}: ${hit.name}`);
  }
  return reasons;
}

function formatPct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
