import type { PartyType } from '@pharma-radar/contracts';
import { findDescriptors, resolveDescriptor } from './descriptors';
import { compileGazetteer, findGazetteerMentions, nameKey, type CompiledGazetteer, type OrgMention } from './matcher';
import { isGenericName, nameShapeProblem } from './name-shape';
import { findContextMentions, findPatternMentions, findPluralHeadMentions, NATIONALITIES, NOT_NAME } from './patterns';
import { isCapitalised, tokenize, type Token } from './tokens';

export interface SentenceEntities {
  mentions: OrgMention[];
  /** The sentence with every named mention replaced by ORG<k>, k indexing `mentions`; descriptions are left as written. */
  masked: string;
}

export interface OrgRecord {
  name: string;
  type: PartyType;
  firstSentence: number;
}

const APPOSITIVE_GAP = /^\s*\(\s*(?:the\s+)?(?:[A-Z][\w-]*\s+)?$/;
const ACRONYM_DEF = /^\s*\(\s*(?:the\s+)?"?([A-Z][A-Za-z0-9&*-]{1,9})"?\s*\)/;
const GENERIC_WORDS = new Set(['The', 'This', 'That', 'University', 'Institute', 'Hospital', 'College', 'Foundation', 'National', 'International', 'Global', 'American', 'European', 'Bio', 'Pharma', 'Medical', 'Research', 'Health']);

/**
 * Article-scoped entity state: names introduced once ("Vanderbilt University Medical Center (VUMC)",
 * "Entos Pharmaceuticals") are recognised again by their short form later in the same article.
 */
export class ArticleEntities {
  private readonly aliases = new Map<string, { name: string; type: PartyType }>();
  private readonly acronyms = new Map<string, { name: string; type: PartyType }>();
  readonly orgs = new Map<string, OrgRecord>();
  private headline: { sentence: string; tokens: Token[]; claimed: Uint8Array } | null = null;

  constructor(private readonly gazetteer: CompiledGazetteer) {}

  canonical(name: string): string {
    return this.gazetteer.byCanonicalKey.get(nameKey(name))?.name ?? name;
  }

  /** "Department of Health" in an article about South Africa → "Department of Health (South Africa)". */
  qualify(name: string, countries: () => readonly string[]): { name: string; type: PartyType } | null {
    // Countries come lazily: finding them scans the lead, and almost no name needs them.
    const options = this.gazetteer.byQualifiedBase.get(nameKey(name));
    if (!options) return null;
    const hit = options.find((o) => countries().some((c) => c.includes(o.country)));
    return hit ? { name: hit.entry.name, type: hit.entry.type } : null;
  }

  extract(sentence: string, sentenceIndex: number): SentenceEntities {
    const tokens = tokenize(sentence);
    const mentions = findGazetteerMentions(sentence, tokens, this.gazetteer).map((m) => withCountryUnit(sentence, tokens, m));
    const claimed = new Uint8Array(tokens.length);
    const claim = (m: OrgMention) => { for (let k = m.tokenStart; k < m.tokenEnd; k++) claimed[k] = 1; };
    mentions.forEach(claim);
    for (const m of this.findAliasMentions(sentence, tokens, claimed)) { mentions.push(m); claim(m); }
    for (const m of findPluralHeadMentions(sentence, tokens, claimed)) { mentions.push(m); claim(m); }
    for (const m of findPatternMentions(sentence, tokens, claimed)) {
      const known = this.gazetteer.byCanonicalKey.get(nameKey(m.name));
      mentions.push(known ? { ...m, name: known.name, type: known.type } : m);
      claim(m);
    }
    for (const m of findContextMentions(sentence, tokens, claimed)) { mentions.push(m); claim(m); }
    for (const m of findListMembers(sentence, tokens, claimed, mentions)) { mentions.push(m); claim(m); }
    joinUniversityHospitals(sentence, mentions);
    this.repairNames(sentence, mentions);
    for (const m of this.findDescriptorMentions(sentence, tokens, claimed, mentions)) { mentions.push(m); claim(m); }
    mentions.sort((a, b) => a.start - b.start);
    for (let k = 1; k < mentions.length; k++) {
      if (APPOSITIVE_GAP.test(sentence.slice(mentions[k - 1].end, mentions[k].start))) mentions[k].appositive = true;
    }
    for (const m of mentions) this.remember(sentence, m, sentenceIndex);
    if (sentenceIndex === 0) this.headline = { sentence, tokens, claimed };
    return { mentions, masked: mask(sentence, mentions) };
  }

  /**
   * Names in the headline that only the body taught: "Hanmi licenses poziotinib to U.S.-based Spectrum" once the body
   * has said "Spectrum Pharmaceuticals", "DGIST and ..." once it has spelled the acronym out.
   */
  headlineNamesLearnedLater(): { name: string; type: PartyType }[] {
    if (!this.headline) return [];
    const { sentence, tokens, claimed } = this.headline;
    return this.findAliasMentions(sentence, tokens, claimed).map((m) => ({ name: m.name, type: m.type }));
  }

  /**
   * Boundaries and shapes of names read by pattern or context. A generic tail right after a name belongs to it
   * ("University of Florida (UF) Research Foundation", "Karolinska University Hospital", "RIKEN Innovation Co."); a
   * name that is still only generic words, a legal form, a person's title or a document is dropped.
   */
  private repairNames(sentence: string, mentions: OrgMention[]): void {
    mentions.sort((a, b) => a.start - b.start);
    for (let k = 1; k < mentions.length; k++) {
      const [a, b] = [mentions[k - 1], mentions[k]];
      if (b.source !== 'pattern' || a.source === 'descriptor' || !isGenericName(b.name) || !TAIL_GAP.test(sentence.slice(a.end, b.start))) continue;
      const name = `${sentence.slice(a.start, a.end).replace(LEGAL_TAIL, '')} ${b.name}`;
      const known = this.gazetteer.byCanonicalKey.get(nameKey(name));
      mentions.splice(k - 1, 2, { ...b, name: known?.name ?? name, type: known?.type ?? b.type, start: a.start, tokenStart: a.tokenStart });
      k--;
    }
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k];
      if (m.source === 'gazetteer' || m.source === 'descriptor' || this.gazetteer.byCanonicalKey.has(nameKey(m.name))) continue;
      if (nameShapeProblem(m.name)) mentions.splice(k, 1);
    }
  }

  private remember(sentence: string, m: OrgMention, sentenceIndex: number): void {
    if (!this.orgs.has(m.name)) this.orgs.set(m.name, { name: m.name, type: m.type, firstSentence: sentenceIndex });
    const def = ACRONYM_DEF.exec(sentence.slice(m.end, m.end + 16));
    if (def && def[1] !== m.name) {
      this.aliases.set(def[1], { name: m.name, type: m.type });
      this.acronyms.set(def[1], { name: m.name, type: m.type });
    }
    // "LegoChem Biosciences" written for the gazetteer's "LigaChem Biosciences": "LegoChem" later is the same company.
    const written = m.source === 'gazetteer' && COMPANY_TYPES.has(m.type) ? sentence.slice(m.start, m.end).split(/[\s-]+/) : [];
    if (written.length >= 2 && written[0].length >= 5 && /^[A-Z]/.test(written[0]) && !GENERIC_WORDS.has(written[0]) && !NATIONALITIES.has(written[0])
      && !this.gazetteer.byCanonicalKey.has(nameKey(written[0])) && !this.aliases.has(written[0])) {
      this.aliases.set(written[0], { name: m.name, type: m.type });
    }
    if (m.source === 'pattern' || m.source === 'context') {
      const first = m.name.split(/[\s-]+/)[0];
      if (first.length >= 4 && /^[A-Z]/.test(first) && !GENERIC_WORDS.has(first) && first !== m.name) {
        if (!this.aliases.has(first)) this.aliases.set(first, { name: m.name, type: m.type });
      }
    }
  }

  /** The full name behind an acronym the article defines, also where the acronym came first ("ICMR" in the headline). */
  expandAcronym(name: string): { name: string; type: PartyType } | null {
    return this.acronyms.get(name) ?? null;
  }

  /** "the pharma giant", "the institute": the one organisation named earlier in the article that the description fits. */
  private findDescriptorMentions(sentence: string, tokens: Token[], claimed: Uint8Array, found: readonly OrgMention[]): OrgMention[] {
    const out: OrgMention[] = [];
    for (const d of findDescriptors(sentence, tokens, claimed)) {
      const start = tokens[d.tokenStart].start;
      const org = resolveDescriptor(d.types, [...this.orgs.values(), ...found.filter((m) => m.start < start)]);
      if (!org) continue;
      out.push({ name: org.name, type: org.type, start, end: tokens[d.tokenEnd - 1].end, tokenStart: d.tokenStart, tokenEnd: d.tokenEnd, source: 'descriptor' });
    }
    return out;
  }

  private findAliasMentions(sentence: string, tokens: Token[], claimed: Uint8Array): OrgMention[] {
    if (this.aliases.size === 0) return [];
    const out: OrgMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (claimed[i] || !isCapitalised(tokens[i])) continue;
      const hit = this.aliases.get(tokens[i].text);
      if (!hit) continue;
      // "Chengdu Jinsha Pharmaceutical" after a headline's "Jinsha Pharmaceutical": the longer name is read whole below.
      // A sentence's first word is capitalised anyway, so it does not count as part of a name (i > 1).
      const prev = tokens[i - 1];
      if (prev && !claimed[i - 1] && isCapitalised(prev) && !NOT_NAME.has(prev.text) && spaceBetween(sentence, prev, tokens[i]) && i > 1) continue;
      // The short form may open the full name again ("Quillfish" in "Quillfish Therapeutics Inc."): take all of it.
      const full = tokenize(hit.name);
      let n = 1;
      if (full.length > 1 && full.every((t, k) => tokens[i + k]?.lower === t.lower && !claimed[i + k])) n = full.length;
      out.push({ name: hit.name, type: hit.type, start: tokens[i].start, end: tokens[i + n - 1].end, tokenStart: i, tokenEnd: i + n, source: 'acronym' });
      i += n - 1;
    }
    return out;
  }
}

// What may stand between a name and its generic tail: a space, or the name's acronym ("University of Florida (UF) Research Foundation").
const TAIL_GAP = /^ (?:\([A-Za-z&.-]{1,10}\) )?$/;
const LEGAL_TAIL = /,?\s+(?:Inc|Ltd|Co|Corp|AG|AB|SA|NV|plc)\.?$/;

const COUNTRY_UNITS = new Set(['Japan', 'China', 'India', 'Taiwan', 'Korea', 'Brasil', 'Brazil', 'Gulf', 'Canada', 'Australia', 'UK', 'Deutschland',
  'Germany', 'France', 'Italia', 'Italy', 'España', 'Spain', 'México', 'Mexico', 'Russia', 'Singapore', 'Israel', 'Türkiye', 'Turkey', 'Egypt',
  'Polska', 'Poland', 'Vietnam', 'Thailand', 'Indonesia', 'Philippines', 'Malaysia', 'Nordics', 'Benelux', 'Ireland', 'Schweiz', 'Argentina', 'Colombia']);
const COMPANY_TYPES = new Set(['pharma', 'biotech', 'cro', 'tech']);

/** "Pfizer Japan", "Novartis India": a company's country unit signs as itself, and the country is not another party. */
function withCountryUnit(sentence: string, tokens: Token[], m: OrgMention): OrgMention {
  const next = tokens[m.tokenEnd];
  if (!next || !COMPANY_TYPES.has(m.type) || !COUNTRY_UNITS.has(next.text) || next.start !== m.end + 1 || sentence[m.end] !== ' ') return m;
  return { ...m, name: `${m.name} ${next.text}`, end: next.end, tokenEnd: m.tokenEnd + 1 };
}

/**
 * "Fudan University Shanghai Cancer Center", "Peking University Third Hospital": a hospital named after the university
 * it belongs to, written with no separator, is one institution (the hospital), not the university and a second party.
 * So is the Chinese form "West China Hospital of Sichuan University", "Zhongshan Hospital, Fudan University".
 */
function joinUniversityHospitals(sentence: string, mentions: OrgMention[]): void {
  for (let k = 0; k < mentions.length; k++) {
    const uni = mentions[k];
    if (uni.type !== 'academic' || !/\bUniversity(?: School of Medicine| Medical School| Medical College)?$/.test(uni.name)) continue;
    const k2 = mentions.findIndex((h) => h.type === 'hospital' && h.source === 'pattern' && h.start === uni.end + 1 && sentence[uni.end] === ' ');
    if (k2 >= 0) {
      const hospital = mentions[k2];
      mentions[k] = { ...hospital, name: sentence.slice(uni.start, hospital.end), start: uni.start, tokenStart: uni.tokenStart };
      mentions.splice(k2, 1);
      continue;
    }
    const k3 = mentions.findIndex((h) => h.type === 'hospital' && /\bHospital$/.test(h.name) && /^(?:,| of) $/.test(sentence.slice(h.end, uni.start)));
    if (k3 >= 0) {
      const hospital = mentions[k3];
      mentions[k3] = { ...hospital, name: sentence.slice(hospital.start, uni.end), end: uni.end, tokenEnd: uni.tokenEnd };
      mentions.splice(k, 1);
      k--;
    }
  }
}

const LIST_GAP = /^(?:,\s*|,?\s+and\s+)(?:the\s+)?$/;
// Words right before a list that say its items are the members: "Members A, B and C", "participation from A and B".
const MEMBER_CUE = /\b(?:members?|participants?|partners?|participation (?:from|of)|including|includes|joined by|comprising|together with|such as)\s*:?\s*(?:the\s+)?$/i;
const LIST_CONNECTORS = new Set(['of', 'for', '&']);

interface ListItem { tokenStart: number; tokenEnd: number; named: boolean }

/**
 * Unknown names listed with known ones: "Members Chiba University, Tohoku University, Kurobe Bioprocess and Sakura
 * Cell Systems". A list of three or more with two named organisations, or any list after a word that calls its items
 * members or partners, lists organisations; an unknown item of two or more capitalised words is one of them.
 */
function findListMembers(s: string, tokens: Token[], claimed: Uint8Array, mentions: readonly OrgMention[]): OrgMention[] {
  if (mentions.length === 0 || !/,| and /.test(s)) return [];
  const items: ListItem[] = [];
  for (let i = 0; i < tokens.length;) {
    const m = claimed[i] ? mentions.find((x) => x.tokenStart === i && x.source !== 'descriptor') : undefined;
    if (m) { items.push({ tokenStart: i, tokenEnd: m.tokenEnd, named: true }); i = m.tokenEnd; continue; }
    if (claimed[i] || !isCapitalised(tokens[i]) || NOT_NAME.has(tokens[i].text)) { i++; continue; }
    let j = i + 1;
    while (j < tokens.length && !claimed[j] && spaceBetween(s, tokens[j - 1], tokens[j]) && (isCapitalised(tokens[j]) || LIST_CONNECTORS.has(tokens[j].lower))) j++;
    while (j > i + 1 && LIST_CONNECTORS.has(tokens[j - 1].lower)) j--;
    items.push({ tokenStart: i, tokenEnd: j, named: false });
    i = j;
  }
  const out: OrgMention[] = [];
  for (let k = 0; k < items.length;) {
    let e = k;
    while (e + 1 < items.length && LIST_GAP.test(s.slice(tokens[items[e].tokenEnd - 1].end, tokens[items[e + 1].tokenStart].start))) e++;
    const list = items.slice(k, e + 1);
    const named = list.filter((x) => x.named).length;
    const cued = MEMBER_CUE.test(s.slice(Math.max(0, tokens[list[0].tokenStart].start - 40), tokens[list[0].tokenStart].start));
    if (list.length >= 2 && named >= 1 && ((list.length >= 3 && named >= 2) || cued)) {
      for (const x of list) {
        if (x.named || x.tokenEnd - x.tokenStart < 2) continue;
        const name = s.slice(tokens[x.tokenStart].start, tokens[x.tokenEnd - 1].end);
        if (nameShapeProblem(name) || NATIONALITIES.has(tokens[x.tokenStart].text) || COUNTRY_UNITS.has(tokens[x.tokenEnd - 1].text)) continue;
        // "Ann Arbor software company Iris Analytics": a place describing the name that follows.
        if (tokens[x.tokenEnd] && !isCapitalised(tokens[x.tokenEnd]) && [1, 2, 3].some((d) => claimed[x.tokenEnd + d])) continue;
        out.push({ name, type: 'biotech', start: tokens[x.tokenStart].start, end: tokens[x.tokenEnd - 1].end, tokenStart: x.tokenStart, tokenEnd: x.tokenEnd, source: 'context' });
      }
    }
    k = e + 1;
  }
  return out;
}

/** Two tokens of one name: a single space between them. */
function spaceBetween(sentence: string, left: Token, right: Token): boolean {
  return sentence.slice(left.end, right.start) === ' ';
}

/**
 * Descriptions ("the institute") stay as words: they name a party for the party list and roles, but a sentence
 * that only refers back to the partners is not a second announcement of the deal, so the rules must not count them.
 */
function mask(sentence: string, mentions: OrgMention[]): string {
  if (mentions.length === 0) return sentence;
  let out = '';
  let at = 0;
  mentions.forEach((m, k) => {
    if (m.start < at || m.source === 'descriptor') return;
    out += `${sentence.slice(at, m.start)}ORG${k}`;
    at = m.end;
  });
  return out + sentence.slice(at);
}

let shared: CompiledGazetteer | null = null;
export function defaultGazetteer(): CompiledGazetteer {
  shared ??= compileGazetteer();
  return shared;
}
