import type { EventType } from '@pharma-radar/contracts';
import type { OrgMention } from '../entities/matcher';
import { LEGAL_FORM_WORDS } from '../entities/patterns';

const LEGAL_FORM_AFTER_ORG = new RegExp(String.raw`(ORG\d+),?\s+(?:${LEGAL_FORM_WORDS.join('|')})\b\.?`, 'g');

/**
 * Who does what in the deal, where the text says so. Roles come only from explicit structure ("X grants Y an
 * exclusive licence", "Y will pay X $40 million upfront", "funded by X", "led by X"); a party whose role the text
 * does not state gets none rather than a guess.
 */
export type PartyRole = 'licensor' | 'licensee' | 'funder' | 'coordinator';

export interface RoleSentence {
  text: string;
  mentions: readonly OrgMention[];
}

type Assign = (a: number, b: number | undefined, eventType: EventType) => [number, PartyRole][];

const GAP = String.raw`[^.;]{0,80}?`;
const RIGHTS = String.raw`(?:an?\s+|the\s+)?(?:(?:exclusive|non-exclusive|global|worldwide|royalty-bearing|sublicensable|,)\s+)*(?:licen[cs]es?|rights?|options?)`;

/** The subject, directly or through a reporting clause: "ORG0 said on Monday it has granted ...". */
const SUBJ = String.raw`ORG(\d+)(?:\s+(?:said|says|announced|announces)\b[^.;"]{0,40}?\b(?:it|that it))?\s+`;

const RULES: readonly (readonly [RegExp, Assign])[] = [
  // "ORG0 grants ORG1 an exclusive licence", "ORG0 has granted ORG1 worldwide rights"
  [new RegExp(String.raw`${SUBJ}(?:has\s+|will\s+|have\s+)?(?:grant(?:s|ed)?|give[sn]?|gave)\s+ORG(\d+)\s+${RIGHTS}`, 'i'), (a, b) => [[a, 'licensor'], [b!, 'licensee']]],
  // "ORG0 licenses its antibody to ORG1", "ORG0 out-licensed rights to ORG1"
  // "ORG0 has licensed rights to ORG1's degrader": rights to the other's asset, so ORG0 takes the licence.
  [new RegExp(String.raw`${SUBJ}(?:has\s+|will\s+)?(?:in-)?licen[cs]e[sd]?\s+${GAP}\brights?\b${GAP}\bto\s+ORG(\d+)'s?\s`, 'i'), (a, b) => [[a, 'licensee'], [b!, 'licensor']]],
  [new RegExp(String.raw`${SUBJ}(?:has\s+|will\s+)?(?:out-)?(?:licen[cs]e[sd]?|grant(?:s|ed)?)\b${GAP}\bto\s+ORG(\d+)(?!'s?\s)`, 'i'), (a, b) => [[a, 'licensor'], [b!, 'licensee']]],
  // "ORG1 in-licenses ... from ORG0", "ORG1 gains exclusive rights to ... from ORG0"
  [new RegExp(String.raw`${SUBJ}(?:has\s+|will\s+)?(?:in-licen[cs]e[sd]?|licen[cs]e[sd]?|(?:acquire[sd]?|obtain(?:s|ed)?|gain(?:s|ed)?|receive[sd]?|secure[sd]?|get|gets|got|take[sn]?|took)\s+${GAP}\b(?:licen[cs]es?|rights?|options?))\b${GAP}\bfrom\s+ORG(\d+)`, 'i'), (a, b) => [[a, 'licensee'], [b!, 'licensor']]],
  // "ORG0 will pay ORG1 $50 million upfront": the payer licenses in a licensing deal, funds the work otherwise.
  [new RegExp(String.raw`${SUBJ}(?:will\s+|could\s+|would\s+|may\s+|has\s+agreed\s+to\s+|agreed\s+to\s+|is\s+to\s+|is\s+paying\s+|has\s+paid\s+)?(?:pay|pays|paid|paying|(?:make|makes|made|making)\s+(?:an?\s+|the\s+)?(?:\S+\s+){0,3}?(?=up-?front|up front|milestone|royalt|payment))\s*(?:ORG(\d+)\s+)?${GAP}(?:up-?front|up front|milestone|royalt|payment)`, 'i'),
    (a, b, type) => (type === 'licensing_with_rd' ? [[a, 'licensee'], ...(b === undefined ? [] : [[b, 'licensor'] as [number, PartyRole]])] : [[a, 'funder']])],
  // "ORG0 is paid $20 million upfront by ORG1": the passive names the payer last.
  [new RegExp(String.raw`${SUBJ}(?:is|was|will\s+be|has\s+been)\s+paid\b${GAP}\bby\s+ORG(\d+)`, 'i'),
    (a, b, type) => (type === 'licensing_with_rd' ? [[a, 'licensor'], [b!, 'licensee']] : [[b!, 'funder']])],
  // "ORG0 will receive $20 million upfront", "ORG0 is eligible to receive up to $1bn in milestones"
  [new RegExp(String.raw`${SUBJ}(?:will\s+|is\s+eligible\s+to\s+|could\s+|may\s+|stands\s+to\s+)?(?:receive|receives|received|get|gets|earn|earns|collect|collects)\s+${GAP}(?:up-?front|up front|milestone|royalt|payment)`, 'i'),
    (a, _b, type) => (type === 'licensing_with_rd' ? [[a, 'licensor']] : [])],
  // "funded by ORG0", "ORG0 will fund the research", "ORG0 will provide $5 million in funding"
  [/\b(?:funded|financed|sponsored|bankrolled)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?ORG(\d+)/i, (a) => [[a, 'funder']]],
  [new RegExp(String.raw`${SUBJ}(?:will\s+|is\s+to\s+|has\s+agreed\s+to\s+)?(?:fund|funds|finance|finances|provide[sd]?\s+${GAP}\b(?:funding|financing|grant))\b`, 'i'), (a) => [[a, 'funder']]],
  // "led by ORG0", "ORG0 will coordinate the consortium"
  [/\b(?:led|coordinated|spearheaded|headed)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?ORG(\d+)(?:\s*\([^)]{0,40}\))?(?:\s*(?:,|and|&)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?ORG(\d+))?/i,
    (a, b) => [[a, 'coordinator'], ...(b === undefined ? [] : [[b, 'coordinator'] as [number, PartyRole]])]],
  [/ORG(\d+)\s+(?:will\s+)?(?:lead|leads|coordinate[sd]?|spearhead(?:s|ed)?)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:consortium|consortia|project|initiative|effort|programme|program|study|network|alliance|partnership)\b/i, (a) => [[a, 'coordinator']]],
];

/** Every mention as ORG<k>, descriptions included: "The institute will receive" is the institute receiving. */
function maskAll(text: string, mentions: readonly OrgMention[]): string {
  let out = '';
  let at = 0;
  mentions.forEach((m, k) => {
    if (m.start < at) return;
    out += `${text.slice(at, m.start)}ORG${k}`;
    at = m.end;
  });
  // "ORG0 Inc. licensed", "ORG0. licensed" (suffix inside the mention): the subject ends at the name.
  return (out + text.slice(at))
    .replace(LEGAL_FORM_AFTER_ORG, '$1')
    .replace(/(ORG\d+)\.(?=\s+[a-z])/g, '$1');
}

/** Roles by party name; a party the text gives two conflicting roles keeps neither. */
export function partyRoles(sentences: readonly RoleSentence[], eventType: EventType): Map<string, PartyRole> {
  const roles = new Map<string, PartyRole | null>();
  for (const s of sentences) {
    if (s.mentions.length === 0) continue;
    const masked = maskAll(s.text, s.mentions);
    for (const [re, assign] of RULES) {
      const m = re.exec(masked);
      if (!m) continue;
      const a = Number(m[1]);
      const b = m[2] === undefined ? undefined : Number(m[2]);
      if (a === b) continue;
      for (const [k, role] of assign(a, b, eventType)) {
        const name = s.mentions[k]?.name;
        if (!name) continue;
        const had = roles.get(name);
        roles.set(name, had === undefined || had === role ? role : null);
      }
    }
  }
  const out = new Map<string, PartyRole>();
  for (const [name, role] of roles) if (role) out.set(name, role);
  return out;
}
