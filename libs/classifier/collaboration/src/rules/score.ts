import type { EventType } from '@pharma-radar/contracts';
import type { OrgMention } from '../entities/matcher';
import { mentionsAny, THERAPEUTIC_AREAS } from '../extract/areas';
import * as L from './lexicon';

/** Non-R&D categories in the order they win when several are present. */
export const NEGATIVE_ORDER = [
  ['termination', L.TERMINATION],
  ['acquisition', L.ACQUISITION],
  ['manufacturing_supply', L.MANUFACTURING],
  ['regulatory', L.REGULATORY],
  ['clinical_result', L.CLINICAL_RESULT],
  ['safety', L.SAFETY],
  ['legal', L.LEGAL],
  ['personnel', L.PERSONNEL],
  ['restructuring', L.RESTRUCTURING],
  ['earnings', L.EARNINGS],
  ['commercial_deal', L.COMMERCIAL],
  ['financing', L.FINANCING],
  ['product_launch', L.LAUNCH],
  ['policy_pricing', L.POLICY],
  ['other', L.RANKING],
  ['science', L.SCIENCE],
  ['general_commentary', L.COMMENTARY],
] as const satisfies readonly (readonly [EventType, RegExp])[];

export interface SentenceScore {
  score: number;
  core: boolean;
  rd: boolean;
  orgs: number;
  /** A category that contradicts a collaboration inside this very sentence. */
  contradiction: EventType | null;
  past: boolean;
  /** The sentence announces only through money a new deal pays, without naming the agreement. */
  moneyOnly?: boolean;
}

const DISCLOSURE = /\b(?:(?:did|does|do|were|was|have|has|are|is|had)\s+)?(?:not|n't|never|no)\s+(?:been\s+|yet\s+|financial\s+)?(?:disclos|reveal|releas|provid|made public|terms|details)\w*[^.;]*/gi;

// Double quotes, or single quotes as some outlets write them ('a reliable partner', said the CEO).
const QUOTE = /\b(?:said|says|added|commented|noted|stated)\b[^"]{0,40}"|"[^"]{10,}"\s*,?\s*(?:said|says|added|commented)\b|\b(?:said|says|added|commented|noted|stated)\b(?: that)?[^"']{0,40}\s'[A-Za-z]|'[^'"]{10,}[.,!?]'\s*,?\s*(?:said|says|added|commented)\b/i;

function distinctOrgs(masked: string, mentions: readonly OrgMention[]): number {
  const names = new Set<string>();
  const re = /ORG(\d+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked)) !== null) {
    const mention = mentions[Number(m[1])];
    if (mention) names.add(mention.name);
  }
  return names.size;
}

const NOT_RENEWED = /\b(?:not|n't|never)\s+(?:be\s+|been\s+)?(?:expand|extend|renew|broaden|deepen)\w*/gi;
const REGULATOR = /Food and Drug Administration|Medicines Agency|Medicines and Healthcare products|Pharmaceuticals and Medical Devices Agency|National Medical Products Administration|Health Canada|Therapeutic Goods|ANVISA|Swissmedic|Ministry of Food and Drug Safety|Food and Drug Authority|CDSCO|\bregulator/i;
const REGULATORY_WORK = /\b(?:reviews?|inspections?|scientific advice|reliance|approvals?|assessments?|guidance|regulatory)\b/i;
const RELATIVE_CLAUSE = /,\s+(?:which|who)\b[^,;]*,/g;
const PARTNER_AS_NOUN_ALL = new RegExp(L.PARTNER_AS_NOUN.source, 'gi');
const JOINT_WORK = /\b(?:jointly|joint (?:research|work|development|discovery)|together|collaborat\w* (?:with|on)|co-develop\w*)\b/i;

const DRUG_DEVELOPERS = new Set(['pharma', 'biotech']);
const RESEARCH_PARTNERS = new Set(['pharma', 'biotech', 'academic', 'hospital', 'nonprofit']);

/**
 * A drug developer and another drug developer or research institution among the named parties of the sentence;
 * with milestone-style money a technology company counts too (AI drug-design deals are paid that way, IT contracts are not).
 */
function researchPair(masked: string, mentions: readonly OrgMention[], dealMoney: boolean): boolean {
  const types = new Map<string, string>();
  for (const m of masked.matchAll(/ORG(\d+)/g)) {
    const mention = mentions[Number(m[1])];
    if (mention) types.set(mention.name, mention.type);
  }
  const list = [...types.values()];
  return list.some((t, i) => DRUG_DEVELOPERS.has(t) && list.some((u, j) => j !== i && (RESEARCH_PARTNERS.has(u) || (dealMoney && u === 'tech'))));
}

/**
 * Points for one sentence. A new agreement (deal noun + announcing verb, or a collaboration verb) between named
 * parties about research or development scores high; the same words about the past, about manufacturing or an
 * acquisition, or negated, score low.
 */
export function scoreSentence(sentence: string, mentions: readonly OrgMention[], neighbourRd: boolean): SentenceScore {
  // A relative clause tells of something else ("X, which licensed the drug in 2022 for $150 million, will now ...",
  // "Y, which last year licensed an antigen, said it had entered a collaboration"): score the main clause.
  const masked = sentence.replace(RELATIVE_CLAUSE, ',');
  const strongNoun = L.STRONG_NOUN.test(masked);
  const verb = L.ANNOUNCE_VERB.test(masked);
  const collabVerb = L.COLLAB_VERB.test(masked) && !(L.PARTNER_AS_NOUN.test(masked) && !L.COLLAB_VERB.test(masked.replace(PARTNER_AS_NOUN_ALL, '')));
  const nounWithOrg = L.NOUN_WITH_ORG.test(masked);
  const dealMoney = L.DEAL_MONEY.test(masked);
  // Upfront, milestones and royalties are the vocabulary of licensing deals: with a deal noun they announce one.
  const dealish = strongNoun || collabVerb || nounWithOrg || dealMoney || L.WEAK_NOUN.test(masked);
  if (!dealish && !L.JOINT_FACILITY.test(masked)) {
    const past = L.PAST_OR_EXISTING.test(masked) || L.PAST_DEAL_VERB.test(masked);
    return { score: 0, core: false, rd: false, orgs: 0, contradiction: null, past };
  }
  const orgs = distinctOrgs(masked, mentions);
  const wordedCore = (strongNoun && verb) || collabVerb || nounWithOrg || (strongNoun && dealMoney && orgs >= 1) || (orgs >= 2 && L.JOINT_FACILITY.test(masked));
  // Money only a new deal pays announces one too, but a sentence that names the agreement stays the better evidence.
  const moneyCore = !wordedCore && orgs >= 1 && L.UPFRONT_PAYMENT.test(masked);
  const core = wordedCore || moneyCore;
  const weakCore = !core && ((verb && L.WEAK_NOUN.test(masked)) || strongNoun || dealMoney);
  const rdStrong = L.RD_STRONG.test(masked);
  const rdWeak = rdStrong || L.RD_WEAK.test(masked) || mentionsAny(masked, THERAPEUTIC_AREAS) || L.TARGET_SYMBOL.test(masked);
  // "which would not be expanded" is no renewal.
  const past = (L.PAST_OR_EXISTING.test(masked) || L.PAST_DEAL_VERB.test(masked)) && !L.RENEWAL.test(masked.replace(NOT_RENEWED, ''));
  const result: SentenceScore = { score: 0, core, rd: rdWeak, orgs, contradiction: null, past, moneyOnly: moneyCore };
  if (!core && !weakCore) return result;

  let s = wordedCore ? 3 : moneyCore ? 2 : 1.5;
  if (rdStrong) s += 1.5;
  else if (rdWeak) s += 1;
  else if (neighbourRd) s += 0.5;
  if (orgs >= 2) s += 1;
  else if (orgs === 1) s += L.PARTNER_DESCRIPTOR.test(masked) ? 0.75 : 0.25;
  else s -= L.PARTNER_DESCRIPTOR.test(masked) ? 0.5 : 1.5;
  if (L.ANNOUNCEMENT.test(masked)) s += 0.5;
  if (dealMoney) s += 0.5;
  // A question is speculation or commentary, not an announcement.
  if (masked.includes('?')) s -= 2;
  if (past) s -= 3;
  if (L.NEGATED.test(masked.replace(DISCLOSURE, ''))) s -= 3;
  // Quotes restate an announcement in warm words ("pleased to collaborate"); they do not make one.
  if (QUOTE.test(masked)) s -= 1;

  // A deal with no research or development content anywhere near it (IT, real estate, sponsorship) is not R&D.
  // Two drug developers (or one and a research institution) working together are doing R&D unless told otherwise.
  // Many universities and companies forming one group are a research consortium whatever the topic words.
  if (!rdWeak && !neighbourRd && !researchPair(masked, mentions, dealMoney) && !L.MANY_PARTIES.test(masked)) s = Math.min(s, 3.5);

  // Two regulators working together on reviews or inspections is regulatory cooperation, not drug R&D.
  const regulatorsOnly = mentions.length >= 2 && mentions.every((m) => REGULATOR.test(m.name));
  const contradiction = regulatorsOnly && REGULATORY_WORK.test(masked) ? 'regulatory' : contradictionIn(masked);
  if (contradiction) {
    result.contradiction = contradiction;
    s -= contradiction === 'commercial_deal' ? 3 : 4;
  }
  result.score = s;
  return result;
}

/** Categories that overrule collaboration wording inside the same sentence. */
function contradictionIn(masked: string): EventType | null {
  if (L.TERMINATION.test(masked)) return 'termination';
  if (L.PRODUCTION.test(masked)) return 'manufacturing_supply';
  if (L.RANKING.test(masked)) return 'other';
  if (L.SAFETY_STRONG.test(masked)) return 'safety';
  if (L.MILESTONE_EARNED.test(masked)) return 'other';
  if (L.PATENT_LICENCE.test(masked)) return 'other';
  if (L.ACQUISITION.test(masked) && !L.ACQUISITION_OF_RIGHTS.test(masked)) return 'acquisition';
  if (L.OPTION_EXERCISE.test(masked) && !JOINT_WORK.test(masked)) return 'other';
  const rdWork = /\b(?:research|discover\w*|develop\w*|clinical)\b/i.test(masked);
  if (L.MANUFACTURING.test(masked) && !rdWork) return 'manufacturing_supply';
  if (/\bto manufacture\b|\bto (?:make|produce) (?:the |its |a )?(?:[\w-]+ ){0,3}(?:antibod\w*|drug|vaccine|product|batches|doses|substance)|\bmanufacturing (?:deal|agreement|contract)\b/i.test(masked)) return 'manufacturing_supply';
  if (L.ROYALTY_SALE.test(masked)) return 'financing';
  if (L.COMMERCIAL.test(masked) && !rdWork) return 'commercial_deal';
  // A company hired to run a sponsor's trial is a service provider, whatever the research words around it.
  if (L.SERVICE_PROVIDER.test(masked)) return 'commercial_deal';
  if (/^(?:how|why|what)\b|\?\s*$|\b(?:how to|why we|discuss\w*|playbook|you)\b/i.test(masked)) return 'general_commentary';
  if (L.NON_RD_TOPIC.test(masked) && !L.RD_STRONG.test(masked)) return 'other';
  if (L.LEGAL_STRONG.test(masked)) return 'legal';
  if (L.RESTRUCTURING_STRONG.test(masked)) return 'restructuring';
  if (L.PERSONNEL_STRONG.test(masked)) return 'personnel';
  if (L.LAUNCH_STRONG.test(masked)) return 'product_launch';
  if (L.FUNDING_ONLY.test(masked) && !JOINT_WORK.test(masked)) return 'financing';
  if (L.POLICY_STRONG.test(masked)) return 'policy_pricing';
  if (L.EARNINGS_STRONG.test(masked)) return 'earnings';
  // "subject to regulatory approval" and "regulatory milestones" belong to deal language; an approval does not.
  // "approved and shelved compounds" describes what is screened, not an approval.
  const withoutDealTerms = masked.replace(/\bsubject to (?:[\w-]+ ){0,3}approvals?|\b(?:regulatory|approval|sales) milestones?|\bupon approval|\bregulatory (?:filings?|submissions?)|\b(?:already |previously )?approved (?:and [\w-]+ )?(?:drugs?|compounds?|medicines?|products?|therap\w*|treatments?)\b/gi, '');
  if (L.REGULATORY.test(withoutDealTerms)) return 'regulatory';
  if (L.CLINICAL_RESULT.test(masked)) return 'clinical_result';
  return null;
}

/** The non-R&D category a headline or lead sentence is about, or null. */
export function negativeCategory(text: string): EventType | null {
  // Selling a royalty stream is financing, although it is worded as a sale ("agreed to sell part of its royalty").
  if (L.ROYALTY_SALE.test(text)) return 'financing';
  for (const [type, re] of NEGATIVE_ORDER) {
    if (type === 'acquisition' && L.ACQUISITION_OF_RIGHTS.test(text)) continue;
    if (re.test(text)) return type;
  }
  return null;
}
