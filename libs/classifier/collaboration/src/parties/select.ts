import type { Party } from '@pharma-radar/contracts';
import type { ArticleEntities, SentenceEntities } from '../entities/extract';
import type { SentenceScore } from '../rules/score';
import type { Sentence } from '../text/sentences';

/** One sentence of the lead as the rules read it. */
export interface Analysed {
  sentence: Sentence;
  entities: SentenceEntities;
  score: SentenceScore;
}

// "ORG0 (NYSE: JNJ) unit ORG1": a ticker between the parent and its unit.
const PARENT_BEFORE = /ORG(\d+)(?:'s)?(?:\s*\([^()]{1,24}\))?\s+(?:unit|subsidiary|division|arm|affiliate|business)\s+ORG\d+|ORG(\d+)'s\s+ORG\d+/g;
// "ORG0, a public institution linked to ORG1": the body a party belongs to.
const PARENT_AFTER = /ORG\d+,?\s+(?:[^,;()]{0,60}?\s)?(?:affiliated|attached|linked|belonging|reporting)\s+(?:to|with)\s+(?:the\s+)?(?:[A-Z][\w-]*'s\s+)?ORG(\d+)|ORG\d+(?:\s*\([^()]{1,16}\))?,\s+(?:an?|the)\s+(?:wholly[- ]owned\s+)?(?:(?:U\.S\.|US|[A-Z][a-z]+)\s+)?(?:member|subsidiary|unit|division|part|arm|affiliate)\s+of\s+(?:the\s+)?ORG(\d+)|ORG\d+,\s+an?\s+ORG(\d+)\s+(?:company|unit|subsidiary)|ORG\d+(?:\s*\([^()]{1,16}\))?,\s+(?:now\s+)?part\s+of\s+(?:the\s+)?ORG(\d+)/g;
// An organisation that backs one of the parties ("partnerships supported by the Gates Foundation") is not itself a party.
// Lower-case on purpose: "Backed by X, seven companies will ..." opens a sentence about X's own consortium.
const BACKER = /\b(?:established|founded|created|set up|supported|backed|owned|spun out)\s+(?:jointly\s+|substantially\s+|largely\s+|mainly\s+|partly\s+)?(?:by|of)\s+([^;]*?)(?=,\s+(?:[a-z]+ed|will|has|have|is|are|which|to|said|says)\b|;|$)/g;
const COORDINATED = /\b(?:led|coordinated|headed|spearheaded|run) by\b|\bORG\d+\s+(?:will\s+)?(?:lead|leads|coordinate|coordinates)\b/i;
// "... complements its existing partnerships with X and Y, which are not part of the new effort": not members.
const OTHER_DEALS = /\b(?:existing|separate|other|previous|earlier|prior|ongoing) (?:partnerships?|collaborations?|alliances?|deals?|agreements?)\b|\bnot (?:part of|a party|involved)\b/i;
export const PARTNER_LIST = /\b(?:(?:project|consortium|programme|program|initiative|network) (?:also )?(?:includes|comprises)|brings? together|together with|joined by|with the participation of|participating (?:companies|institutions|organi[sz]ations|universities)|consortium (?:includes|comprises|consists of))\b|\b(?:partners|members|participants|collaborators)\b(?:\s+\S+){0,6}\s+(?:are|include|includes|including|comprise)\b|\bpartners in\b|\bpartners\s*[:\u2014-]/i;

function parentMentions(masked: string): Set<number> {
  const out = new Set<number>();
  BACKER.lastIndex = 0;
  let b: RegExpExecArray | null;
  while ((b = BACKER.exec(masked)) !== null) {
    for (const m of b[1].matchAll(/ORG(\d+)/g)) out.add(Number(m[1]));
    if (b[0].length === 0) BACKER.lastIndex++;
  }
  for (const re of [PARENT_BEFORE, PARENT_AFTER]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(masked)) !== null) {
      const k = m[1] ?? m[2] ?? m[3] ?? m[4];
      if (k !== undefined) out.add(Number(k));
    }
  }
  return out;
}

export function partiesIn(list: readonly (Analysed | undefined)[], articleNames: readonly string[] = [], body: readonly string[] = []): Party[] {
  const seen = new Map<string, Party>();
  for (const a of list) {
    if (!a) continue;
    const parents = parentMentions(a.entities.masked);
    // A parent is a parent wherever the sentence names it again ("Johnson & Johnson (NYSE: JNJ) unit Janssen").
    const parentNames = new Set([...parents].map((k) => a.entities.mentions[k]?.name));
    a.entities.mentions.forEach((m) => {
      if (parentNames.has(m.name) || m.appositive) return;
      const guessed = a.sentence.index === 0 && (m.source === 'pattern' || m.source === 'context') && isTitleCase(a.sentence.text);
      const name = guessed ? confirmedByBody(m.name, body) : m.name;
      if (name === null || seen.has(name)) return;
      seen.set(name, { name, type: m.type });
    });
  }
  return mergeShortForms([...seen.values()], articleNames);
}

const CONNECTOR = /^(?:of|for|and|the|de|du|des|der|für|&|at|in)$/i;

/** "Tarnwick University Announce Landmark Alliance": most longer words capitalised, so capitals do not mark names. */
export function isTitleCase(headline: string): boolean {
  const words = headline.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.6;
}

/**
 * A name guessed from a headline's capitals is a name only if the body writes it too: "Tarnwick University Announce
 * Landmark Alliance" is "Tarnwick University", and "Record-Breaking AI" is nobody. Without a body the headline stands.
 */
export function confirmedByBody(name: string, body: readonly string[]): string | null {
  if (body.length === 0) return name;
  const lower = name.toLowerCase();
  if (body.some((t) => t.toLowerCase().includes(lower))) return name;
  const words = name.split(' ');
  // "Hangzhou Qiming Pharmaceutical" in the headline, "Qiming Pharmaceutical" in the body.
  if (words.length >= 3 && body.some((t) => t.includes(words.slice(1).join(' ')))) return name;
  for (let n = words.length - 1; n >= 2; n--) {
    if (CONNECTOR.test(words[n - 1])) continue;
    const prefix = words.slice(0, n).join(' ');
    if (body.some((t) => t.includes(prefix))) return prefix;
  }
  return null;
}

const initials = (name: string) => name.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');

/** "IIT Hyderabad" for "Indian Institute of Technology Hyderabad", "KAIST" for "Korea Advanced Institute of Science and Technology". */
function isInitialismOf(short: string, long: string): boolean {
  const words = short.split(/\s+/);
  if (!/^[A-Z]{2,6}$/.test(words[0]) || long.length <= short.length) return false;
  return initials(long) === words[0] + words.slice(1).map((w) => w[0]).join('');
}

/**
 * A headline acronym ("Sun Pharma teams up with ICMR") is the party the text defines it as, and an initialism
 * ("IIT Hyderabad") is the institution the text spells out; each party is listed once.
 */
export function expandAcronyms(parties: readonly Party[], entities: ArticleEntities): Party[] {
  const out: Party[] = [];
  // Headline names that the body taught only later ("... to U.S.-based Spectrum", then "Spectrum Pharmaceuticals").
  const late = entities.headlineNamesLearnedLater().filter((p) => !parties.some((q) => q.name === p.name));
  for (const p of [...parties, ...late]) {
    const full = entities.expandAcronym(p.name) ?? parties.find((q) => isInitialismOf(p.name, q.name));
    const party = full ? { ...p, name: full.name, type: full.type } : p;
    if (!out.some((q) => q.name === party.name)) out.push(party);
  }
  return out;
}

/** "ModeX" and "ModeX Therapeutics" in one article are one party: keep the longer name. */
function mergeShortForms(parties: Party[], articleNames: readonly string[] = []): Party[] {
  // "Amberline" in the headline and "Amberline Neuroscience" in the body are one party under its full name.
  // Case aside: "Innocare" in a headline is "InnoCare Pharma" in the text.
  const opens = (long: string, short: string) => long.length > short.length && /^[ ,]/.test(long.slice(short.length)) && long.toLowerCase().startsWith(short.toLowerCase());
  const full = (p: Party): Party => {
    const longer = articleNames.find((n) => opens(n, p.name));
    return longer ? { ...p, name: longer } : p;
  };
  const named = parties.map((p) => (p.type === 'biotech' || p.type === 'tech' || p.type === 'other' ? full(p) : p));
  const unique = named.filter((p, i) => named.findIndex((q) => q.name === p.name) === i);
  // A short form inside the full name: "Jinsha Pharmaceutical" for "Chengdu Jinsha Pharmaceutical" (the city is dropped),
  // "Doherty Institute" for "Peter Doherty Institute for Infection and Immunity", "Yunfeng" for "Hangzhou Yunfeng Biotech".
  const inside = (long: string, short: string) => short.length >= 5 && long.length > short.length && ` ${long} `.includes(` ${short} `);
  // A guessed type (an unknown name read as a company) gives way to the institution that contains the name: "Oxford
  // and Novo Nordisk extend ..." over "the University of Oxford".
  const sameOrGuessed = (p: Party, q: Party) => q.type === p.type || p.type === 'biotech' || p.type === 'tech';
  return unique.filter((p) => !unique.some((q) => q !== p && (opens(q.name, p.name) || (inside(q.name, p.name) && sameOrGuessed(p, q)))));
}

/** Parties of a flagged announcement: the headline, the evidence sentence, and sentences that list partners. */
export function selectParties(analysed: readonly Analysed[], evidenceIndex: number, members = false): Party[] {
  // Full names found by pattern anywhere in the lead, for short forms used in the chosen sentences.
  const articleNames = analysed.flatMap((a) => a.entities.mentions.filter((m) => m.source === 'pattern').map((m) => m.name));
  const chosen: Analysed[] = [analysed[0], analysed[evidenceIndex]];
  for (const a of analysed.slice(1, 6)) if (PARTNER_LIST.test(a.entities.masked) && !a.score.past) chosen.push(a);
  if (members) {
    for (const a of analysed.slice(1, 8)) {
      const named = a.entities.mentions.filter((m) => m.source !== 'descriptor').length;
      // "The consortium is coordinated by Leiden University Medical Center": the coordinator is a member too.
      if (chosen.includes(a) || a.score.past || a.score.contradiction || OTHER_DEALS.test(a.entities.masked)) continue;
      if (named >= 2 || (named === 1 && COORDINATED.test(a.entities.masked))) chosen.push(a);
    }
  }
  const body = analysed.slice(1).map((a) => a.sentence.text);
  let parties = partiesIn(chosen, articleNames, body);
  for (let i = 1; parties.length < 2 && i < Math.min(analysed.length, 5); i++) {
    const a = analysed[i];
    if (chosen.includes(a) || a.score.past) continue;
    chosen.push(a);
    parties = partiesIn(chosen, articleNames, body);
  }
  return parties;
}
