import type { Watchlist } from './subscriber';
import { boundedEditDistance } from './edit-distance';

/**
 * What the classifier can emit, handed in as data: this library stays free of the classifier, and the
 * composition root decides where the vocabulary comes from (libs/notifier/api reads the classifier's own lists).
 */
export interface Vocabulary {
  /** Therapeutic-area labels, each with the classifier's pattern so a synonym ("cancer") can point at its label. */
  therapeuticAreas: readonly { label: string; pattern?: RegExp }[];
  geographies: readonly string[];
  eventTypes: readonly string[];
  partyTypes: readonly string[];
  companies: readonly { name: string; aliases: readonly string[] }[];
  /** How the classifier normalises organisation names ("AstraZeneca PLC" and "Astrazeneca" share one key). */
  nameKey: (name: string) => string;
}

export type VocabularyProblemCode = 'UNKNOWN_THERAPEUTIC_AREA' | 'UNKNOWN_GEOGRAPHY' | 'UNKNOWN_COMPANY';

export interface VocabularyProblem {
  path: string;
  code: VocabularyProblemCode;
  message: string;
  suggestion?: string;
  allowed?: readonly string[];
}

/** A value the check rewrote to the classifier's spelling, reported back so the user sees what will match. */
export interface Resolution {
  path: string;
  input: string;
  resolved: string;
}

export interface VocabularyCheck {
  ok: boolean;
  /** The watchlist with every known value in the classifier's spelling; only meaningful when ok. */
  watchlist: Watchlist;
  problems: VocabularyProblem[];
  resolved: Resolution[];
  /** Accepted but worth telling: a company the gazetteer does not know can still be read from the news. */
  warnings: { path: string; message: string }[];
}

export interface VocabularyChecker {
  check(watchlist: Watchlist): VocabularyCheck;
}

// Region codes resolve through Intl so 'US' and 'GB' find 'United States' and 'United Kingdom' without a table here.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function createVocabularyChecker(v: Vocabulary): VocabularyChecker {
  const areaLabels = v.therapeuticAreas.map((a) => a.label);
  const areaByLower = new Map(areaLabels.map((l) => [l.toLowerCase(), l]));
  const geoByLower = new Map(v.geographies.map((g) => [g.toLowerCase(), g]));
  // Keys without spaces too, so "Astra Zeneca" and "Astrazeneca" land on the same entry.
  const compact = (s: string) => v.nameKey(s).replace(/ /g, '');
  const companyByKey = new Map<string, string>();
  for (const c of v.companies) {
    for (const n of [c.name, ...c.aliases.map((a) => a.replace(/^=/, ''))]) {
      const k = compact(n);
      if (k && !companyByKey.has(k)) companyByKey.set(k, c.name);
    }
  }
  const companyKeys = [...companyByKey.keys()].map((k) => ({ key: k, histogram: histogramOf(k) }));

  const nearestCompany = (key: string): string | undefined => {
    // Short names are too easily one edit from another real company to call a typo.
    if (key.length < 5) return undefined;
    const max = key.length < 9 ? 1 : key.length < 16 ? 2 : 3;
    const histogram = histogramOf(key);
    let best: { d: number; name: string } | undefined;
    for (const k of companyKeys) {
      const bound = best ? Math.min(best.d, max) : max;
      // Cheap lower bounds first: one edit changes the length by at most 1 and the letter counts by at most 2.
      if (Math.abs(k.key.length - key.length) > bound || histogramDistance(histogram, k.histogram, 2 * bound) > 2 * bound) continue;
      const d = boundedEditDistance(key, k.key, bound);
      if (d <= bound && (!best || d < best.d)) best = { d, name: companyByKey.get(k.key)! };
    }
    return best?.name;
  };

  const nearestLabel = (input: string, labels: readonly string[]): string | undefined => {
    const lower = input.toLowerCase();
    let best: { d: number; label: string } | undefined;
    for (const l of labels) {
      const d = boundedEditDistance(lower, l.toLowerCase(), 2);
      if (d <= 2 && (!best || d < best.d)) best = { d, label: l };
    }
    return best?.label;
  };

  return {
    check(watchlist) {
      const problems: VocabularyProblem[] = [];
      const resolved: Resolution[] = [];
      const warnings: { path: string; message: string }[] = [];
      const out: Watchlist = { ...watchlist };

      if (watchlist.therapeuticAreas) {
        out.therapeuticAreas = watchlist.therapeuticAreas.map((input, i) => {
          const path = `watchlist.therapeuticAreas[${i}]`;
          const label = areaByLower.get(input.trim().toLowerCase());
          if (label) return label;
          const suggestion = v.therapeuticAreas.find((a) => a.pattern?.test(input))?.label ?? nearestLabel(input, areaLabels);
          problems.push({ path, code: 'UNKNOWN_THERAPEUTIC_AREA', message: 'not a therapeutic area the classifier emits', suggestion, allowed: areaLabels });
          return input;
        });
      }

      if (watchlist.geographies) {
        out.geographies = watchlist.geographies.map((input, i) => {
          const path = `watchlist.geographies[${i}]`;
          const trimmed = input.trim();
          let label = geoByLower.get(trimmed.toLowerCase());
          if (!label && /^[A-Za-z]{2}$/.test(trimmed)) {
            const name = safeRegionName(trimmed.toUpperCase());
            label = name ? geoByLower.get(name.toLowerCase()) : undefined;
          }
          if (label) {
            if (label !== input) resolved.push({ path, input, resolved: label });
            return label;
          }
          problems.push({ path, code: 'UNKNOWN_GEOGRAPHY', message: 'not a geography the classifier emits', suggestion: nearestLabel(trimmed, v.geographies), allowed: v.geographies });
          return input;
        });
      }

      if (watchlist.companies) {
        // Suggestions cost a scan of the gazetteer each; past this many unknown names a body is not a typo.
        let suggestionsLeft = MAX_COMPANY_SUGGESTIONS;
        out.companies = watchlist.companies.map((c, i) => {
          const path = `watchlist.companies[${i}]`;
          const name = typeof c === 'string' ? c : c.name;
          const key = compact(name);
          const known = companyByKey.get(key);
          if (known) {
            if (known !== name) resolved.push({ path, input: name, resolved: known });
            return typeof c === 'string' ? known : { ...c, name: known };
          }
          if (typeof c !== 'string' && c.verbatim) return c;
          const suggestion = suggestionsLeft-- > 0 ? nearestCompany(key) : undefined;
          if (suggestion) {
            problems.push({ path, code: 'UNKNOWN_COMPANY', message: `not a company the classifier knows; did you mean ${suggestion}? (send {"name": ..., "verbatim": true} to keep it as written)`, suggestion });
          } else {
            warnings.push({ path, message: 'not in the classifier gazetteer: matched only when the news names it exactly so' });
          }
          return c;
        });
      }

      return { ok: problems.length === 0, watchlist: out, problems, resolved, warnings };
    },
  };
}

const MAX_COMPANY_SUGGESTIONS = 50;

/** Counts of a-z, 0-9 and anything else in a normalised key. */
function histogramOf(key: string): Uint8Array {
  const h = new Uint8Array(37);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + c - 48 : 36;
    if (h[slot] < 255) h[slot]++;
  }
  return h;
}

/** Sum of count differences, stopping once past `stopAbove` (a substitution moves it by 2, an insertion by 1). */
function histogramDistance(a: Uint8Array, b: Uint8Array, stopAbove: number): number {
  let sum = 0;
  for (let i = 0; i < a.length && sum <= stopAbove; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
}

function safeRegionName(code: string): string | undefined {
  try {
    const name = regionNames.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}
