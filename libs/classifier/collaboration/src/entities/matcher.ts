import type { PartyType } from '@pharma-radar/contracts';
import { GAZETTEER, type GazetteerEntry } from './gazetteer';
import { joinsName, tokenize, type Token } from './tokens';
import { NATIONALITIES } from './patterns';

export interface OrgMention {
  name: string;
  type: PartyType;
  start: number;
  end: number;
  /** Token index range in the sentence, end exclusive. */
  tokenStart: number;
  tokenEnd: number;
  source: 'gazetteer' | 'pattern' | 'context' | 'acronym' | 'descriptor';
  /** A second name for the mention before it ("EPFL (the Federal Institute of Technology in Lausanne)"). */
  appositive?: boolean;
}

interface AliasPattern {
  tokens: string[];
  /** Token indexes written after a comma in the alias ("Agency for Science, Technology and Research"). */
  commaBefore: ReadonlySet<number>;
  caseSensitive: boolean;
  entry: GazetteerEntry;
}

export interface CompiledGazetteer {
  /** Aliases by their first token as written (case-sensitive aliases) and lower-cased (the others), longest first. */
  byFirstToken: Map<string, AliasPattern[]>;
  byFirstLowerToken: Map<string, AliasPattern[]>;
  byCanonicalKey: Map<string, GazetteerEntry>;
  /** Bare name key → entries qualified by a country, "Department of Health (South Africa)". */
  byQualifiedBase: Map<string, { country: string; entry: GazetteerEntry }[]>;
}

/** Lower-case, accent-free, punctuation-free and legal-suffix-free key used to compare names. */
export function nameKey(name: string): string {
  const key = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    // Dotted legal forms compare as written without dots: "S.A." and "SA", "K.K." and "KK", "Sp. z o.o.".
    .replace(/\b([a-z])\.(?=[a-z]\.?)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:the|inc|ltd|limited|llc|corp|corporation|co|plc|ag|gmbh|sa|se|nv|bv|kk|holdings?)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Legal forms that are also words ("as", "ab", "oy") only count at the end of a name.
  return key.replace(TRAILING_LEGAL_FORMS, '').trim();
}

const TRAILING_LEGAL_FORMS = /(?:\s+(?:pvt|private|sp z oo|sp zoo|as|a s|ltda|spa|s p a|sas|oy|oyj|ab|asa|aps|pty|srl|s r l|sl|bhd|sdn|sarl|kft|doo|d o o|sro|s r o|ooo|zao|pjsc|jsc|ojsc|tbk|pt))+$/;

function isCaseSensitive(alias: string): boolean {
  return alias.startsWith('=') || alias.replace(/[^\p{L}\p{N}]/gu, '').length <= 4 || alias === alias.toUpperCase();
}

export function compileGazetteer(entries: readonly GazetteerEntry[] = GAZETTEER): CompiledGazetteer {
  const byFirstToken = new Map<string, AliasPattern[]>();
  const byFirstLowerToken = new Map<string, AliasPattern[]>();
  const byCanonicalKey = new Map<string, GazetteerEntry>();
  for (const entry of entries) {
    for (const raw of [entry.name, ...entry.aliases]) {
      // A canonical name that is also a common word ("Affibody", "Curium") lists itself as '=Name' to match by case only.
      const caseSensitive = isCaseSensitive(raw) || entry.aliases.includes(`=${raw}`);
      const alias = raw.replace(/^=/, '');
      const written = tokenize(alias);
      const tokens = written.map((t) => (caseSensitive ? t.text : t.lower));
      if (tokens.length === 0) continue;
      const commaBefore = new Set(written.flatMap((t, k) => (k > 0 && alias.slice(written[k - 1].end, t.start).includes(',') ? [k] : [])));
      // Two maps rather than one with a marked key: the lookup per token then needs no string building.
      const index = caseSensitive ? byFirstToken : byFirstLowerToken;
      const list = index.get(tokens[0]) ?? [];
      list.push({ tokens, commaBefore, caseSensitive, entry });
      index.set(tokens[0], list);
      const k = nameKey(alias);
      if (k && !byCanonicalKey.has(k)) byCanonicalKey.set(k, entry);
    }
  }
  for (const index of [byFirstToken, byFirstLowerToken]) for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const byQualifiedBase = new Map<string, { country: string; entry: GazetteerEntry }[]>();
  for (const entry of entries) {
    const q = /^(.*\S)\s+\(([^)]+)\)$/.exec(entry.name);
    if (!q) continue;
    const base = nameKey(q[1]);
    byQualifiedBase.set(base, [...(byQualifiedBase.get(base) ?? []), { country: q[2], entry }]);
  }
  return { byFirstToken, byFirstLowerToken, byCanonicalKey, byQualifiedBase };
}

function matchAt(s: string, tokens: Token[], i: number, p: AliasPattern): number {
  const n = p.tokens.length;
  if (i + n > tokens.length) return 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[i + k];
    if ((p.caseSensitive ? t.text : t.lower) !== p.tokens[k]) return 0;
    if (k > 0 && !(p.commaBefore.has(k) ? /^,\s?$/.test(s.slice(tokens[i + k - 1].end, t.start)) : joinsName(s, tokens[i + k - 1], t))) return 0;
  }
  return n;
}

const INSTITUTION_TAIL = new Set(['Hospital', 'Hospitals', 'Medical', 'Cancer', 'Clinic', 'Children', 'School', 'Faculty', 'College', 'Institute', 'Centre', 'Center']);
const INSTITUTIONS = new Set(['academic', 'hospital', 'government', 'nonprofit']);

function continuesAsInstitution(s: string, tokens: Token[], next: number): boolean {
  const t = tokens[next];
  return t !== undefined && INSTITUTION_TAIL.has(t.text) && joinsName(s, tokens[next - 1], t);
}

/** Longest gazetteer alias starting at each token; a match may not run into a longer capitalised name. */
export function findGazetteerMentions(s: string, tokens: Token[], g: CompiledGazetteer): OrgMention[] {
  const out: OrgMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    let best: AliasPattern | null = null;
    let bestLen = 0;
    // Case-sensitive aliases first, as before: on a tie in length the earlier list keeps the match.
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? g.byFirstToken.get(t.text) : g.byFirstLowerToken.get(t.lower);
      if (!list) continue;
      for (const p of list) {
        if (p.tokens.length <= bestLen) break;
        const n = matchAt(s, tokens, i, p);
        if (n > bestLen) {
          best = p;
          bestLen = n;
        }
      }
    }
    // "Seoul National University" inside "Seoul National University Hospital": the longer institution wins.
    // Only an institution's name runs on like that; "GSK Medical Research Deal" is GSK.
    if (best && INSTITUTIONS.has(best.entry.type) && continuesAsInstitution(s, tokens, i + bestLen)) best = null;
    // "French National Cancer Institute" is not the (US) National Cancer Institute: a nationality names another body.
    if (best && INSTITUTIONS.has(best.entry.type) && t.text === 'National' && i > 0 && NATIONALITIES.has(tokens[i - 1].text) && tokens[i - 1].end + 1 === t.start) best = null;
    if (best) {
      const last = tokens[i + bestLen - 1];
      out.push({
        name: best.entry.name, type: best.entry.type, start: t.start, end: last.end,
        tokenStart: i, tokenEnd: i + bestLen, source: 'gazetteer',
      });
      i += bestLen;
    } else {
      i++;
    }
  }
  return out;
}
