import type { PartyType } from '@pharma-radar/contracts';
import type { Token } from './tokens';

/**
 * Definite descriptions that stand for an organisation named earlier in the article: "the pharma giant",
 * "the Swiss drugmaker", "the institute". Each head word lists the party types it can describe.
 */
const COMPANY: readonly PartyType[] = ['pharma', 'biotech', 'tech', 'cro', 'other'];
const HEADS = new Map<string, readonly PartyType[]>([
  // Trade press says "the biotech" for a biotech; "the drugmaker" is nearly always the pharma company.
  ['drugmaker', ['pharma']],
  ['giant', ['pharma', 'tech']],
  ['major', ['pharma']],
  ['pharma', ['pharma']],
  ['pharmaceutical', ['pharma']],
  ['biopharma', ['pharma', 'biotech']],
  ['biotech', ['biotech']],
  ['startup', ['biotech', 'tech']],
  ['company', COMPANY],
  ['firm', COMPANY],
  ['group', ['pharma', 'biotech', 'cro']],
  ['institute', ['academic', 'government', 'nonprofit', 'hospital']],
  ['university', ['academic']],
  ['college', ['academic']],
  ['school', ['academic']],
  ['hospital', ['hospital']],
  ['clinic', ['hospital']],
  ['agency', ['government']],
  ['ministry', ['government']],
  ['regulator', ['government']],
  ['foundation', ['nonprofit']],
  ['charity', ['nonprofit']],
]);

/** "giant", "major", "maker" take their type from the word before: "pharma giant", "tech giant", "drug maker". */
const QUALIFIED_HEADS = new Set(['giant', 'major', 'maker', 'developer', 'leader', 'player', 'specialist', 'centre', 'center', 'company', 'firm', 'group']);
const QUALIFIERS = new Map<string, readonly PartyType[]>([
  ['pharma', ['pharma']],
  ['pharmaceutical', ['pharma']],
  ['pharmaceuticals', ['pharma']],
  ['drug', ['pharma', 'biotech']],
  ['biotech', ['biotech']],
  ['biotechnology', ['biotech']],
  ['biopharma', ['pharma', 'biotech']],
  ['biopharmaceutical', ['pharma', 'biotech']],
  ['tech', ['tech']],
  ['technology', ['tech']],
  ['software', ['tech']],
  ['ai', ['tech']],
  ['medical', ['hospital', 'academic']],
  ['cancer', ['hospital', 'academic']],
  ['research', ['academic', 'nonprofit', 'government', 'hospital']],
  ['diagnostics', ['biotech', 'tech']],
]);

/** Words allowed between "the" and the head: nationality, place, size ("the Swiss", "the Boston-based", "the big"). */
const MAX_MODIFIERS = 3;
const PLAIN_MODIFIERS = new Set(['big', 'large', 'global', 'leading', 'major', 'small', 'young', 'clinical', 'stage', 'privately', 'publicly',
  'held', 'private', 'listed', 'traded', 'based', 'headquartered', 'owned', 'family', 'german', 'japanese', 'french', 'swiss', 'british', 'danish']);

/**
 * What may follow the head for the phrase to end there: "the pharma giant said", "the institute's", "the company,".
 * "the pharma industry" or "the biotech sector" continue the phrase and describe no one.
 */
const FOLLOWERS = new Set(['will', 'would', 'could', 'can', 'may', 'shall', 'should', 'must', 'has', 'have', 'had', 'is', 'was', 'are', 'were',
  'said', 'says', 'and', 'or', 'also', 'which', 'who', 'that', 'to', 'with', 'in', 'on', 'for', 'of', 'at', 'by', 'from', 'as', 'into', 'under',
  'its', 's', 'plans', 'expects', 'announced', 'announces', 'agreed', 'agrees', 'added', 'noted', 'gains', 'receives', 'obtains', 'pays', 'gets',
  'retains', 'holds', 'brings', 'provides', 'contributes', 'leads', 'led', 'becomes', 'gave', 'gives', 'signed', 'signs', 'now', 'already', 'then',
  'did', 'does', 'first', 'last', 'recently', 'previously', 'itself', 'whose', 'where', 'when', 'after', 'before', 'while', 'but', 'than']);
/** Nouns that continue the phrase: "the pharma industry", "the biotech's pipeline" is fine, "the biotech sector" is not. */
const CONTINUES = new Set(['industry', 'industries', 'sector', 'sectors', 'market', 'markets', 'space', 'world', 'landscape', 'business', 'deal',
  'field', 'community', 'arena', 'model', 'unit', 'division', 'arm', 'team', 'stock', 'stocks', 'shares', 'executives', 'giants', 'biotechs',
  'pharmas', 'firms', 'groups', 'labs', 'institutes', 'hospitals', 'universities', 'companies', 'drugmakers', 'partners', 'partnership',
  'startups', 'agencies', 'foundations', 'charities', 'majors', 'makers', 'developers', 'players', 'leaders', 'clinics', 'schools', 'colleges']);

export interface Descriptor {
  /** Token range of the whole phrase, "the" included; end exclusive. */
  tokenStart: number;
  tokenEnd: number;
  types: readonly PartyType[];
}

function headTypes(tokens: readonly Token[], at: number, modifiersFrom: number): readonly PartyType[] | null {
  const head = tokens[at].lower;
  const before = at > modifiersFrom ? tokens[at - 1].lower : '';
  if (head === 'maker' && before === 'drug') return HEADS.get('drugmaker')!;
  if (QUALIFIED_HEADS.has(head) && QUALIFIERS.has(before)) return QUALIFIERS.get(before)!;
  return HEADS.get(head) ?? null;
}

/**
 * Definite descriptions in a sentence, longest first at each "the". Plurals ("the companies"), possessive
 * determiners ("its partner") and numbers ("the two companies") never match: they refer to several parties or none.
 */
export function findDescriptors(s: string, tokens: readonly Token[], claimed: Uint8Array): Descriptor[] {
  const out: Descriptor[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    if (tokens[i].lower !== 'the' || claimed[i]) continue;
    let best: Descriptor | null = null;
    for (let j = i + 1; j < tokens.length && j <= i + 1 + MAX_MODIFIERS; j++) {
      if (claimed[j]) break;
      const types = headTypes(tokens, j, i + 1);
      // A capitalised head is part of a name ("the Company Limited", "the Institute of Cancer Research").
      if (types && tokens[j].text[0] === tokens[j].lower[0] && endsPhrase(s, tokens, j)) best = { tokenStart: i, tokenEnd: j + 1, types };
      if (!isModifier(tokens[j])) break;
    }
    if (best) {
      out.push(best);
      i = best.tokenEnd - 1;
    }
  }
  return out;
}

function isModifier(t: Token): boolean {
  if (QUALIFIERS.has(t.lower) || PLAIN_MODIFIERS.has(t.lower)) return true;
  // Nationalities and places are capitalised: "the Swiss drugmaker", "the Cambridge biotech".
  return t.text[0] !== t.lower[0] && t.text.length > 1;
}

/** Whether the noun phrase ends at the head; "the company Foo" names Foo, "the pharma industry" no one. */
function endsPhrase(s: string, tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1];
  if (!next) return true;
  const gap = s.slice(tokens[at].end, next.start);
  if (gap.trim() !== '' && gap.trim() !== "'") return !/^[-/]/.test(gap.trim());
  if (next.text[0] !== next.lower[0]) return false;
  if (CONTINUES.has(next.lower)) return false;
  return FOLLOWERS.has(next.lower) || /(?:ed|s)$/.test(next.lower);
}

/** The single earlier organisation the description fits, or null when none or several do. */
export function resolveDescriptor<T extends { name: string; type: PartyType }>(types: readonly PartyType[], earlier: readonly T[]): T | null {
  let found: T | null = null;
  for (const org of earlier) {
    if (!types.includes(org.type)) continue;
    if (found && found.name !== org.name) return null;
    found = org;
  }
  return found;
}
