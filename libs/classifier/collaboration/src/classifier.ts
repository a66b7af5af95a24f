import type { Classification, EventType, Party } from '@pharma-radar/contracts';
import { ArticleEntities, defaultGazetteer } from './entities/extract';
import { compileGazetteer, type CompiledGazetteer } from './entities/matcher';
import type { GazetteerEntry } from './entities/gazetteer';
import { GEOGRAPHIES, MODALITIES, THERAPEUTIC_AREAS, labelsIn } from './extract/areas';
import { extractFinancialTerms } from './extract/financial';
import { MODEL_VERSION } from './model-version';
import { rdEventType } from './rules/event-type';
import * as L from './rules/lexicon';
import { mayAnnounceCollaboration } from './rules/prefilter';
import { partyRoles } from './rules/roles';
import { negativeCategory, scoreSentence } from './rules/score';
import { confidenceFor, DECISION_THRESHOLD } from './scoring/calibration';
import { MAX_TEXT_CHARS, MAX_TITLE_CHARS, normalizeText } from './text/normalize';
import { withoutBoilerplate } from './text/boilerplate';
import { splitSentences } from './text/sentences';
import { expandAcronyms, PARTNER_LIST, partiesIn, selectParties, type Analysed } from './parties/select';
import type { ArticleInput } from './types';

export interface ClassifierOptions {
  modelVersion?: string;
  /** Replace the built-in gazetteer (tests, or a customer's own watch list). */
  gazetteer?: readonly GazetteerEntry[];
}

/** Announcements sit at the top of a release; reading further only adds background and boilerplate. */
const LEAD_SENTENCES = 10;
const MAX_PARTIES = 50;

/** What the rules concluded, before it is shaped into a Classification. Exposed for the eval and tests. */
export interface Decision {
  score: number;
  positive: boolean;
  eventType: EventType;
  evidenceIndex: number;
}

const FUNDING_ROUND = /\b(?:series [a-f]|seed|(?:funding|financing) round|rais(?:es|ed)|closes|IPO)\b/i;
/** Questions and labelled opinion: "Why pharma keeps ...", "Analysis: ...", "Can X predict ...?". */
const OPINION_HEADLINE = /^(?:(?:analysis|opinion|commentary|explainer|perspective|feature|editorial|column)\s*[:|-]\s*)?(?:how|why|what)\b|\?\s*$|^(?:analysis|opinion|commentary|explainer|perspective|editorial|column)\s*[:|-]/i;

export class CollaborationClassifier {
  private readonly modelVersion: string;
  private readonly gazetteer: CompiledGazetteer;

  constructor(opts: ClassifierOptions = {}) {
    this.modelVersion = opts.modelVersion ?? MODEL_VERSION;
    this.gazetteer = opts.gazetteer ? compileGazetteer(opts.gazetteer) : defaultGazetteer();
  }

  /** Canonical name for any alias the gazetteer knows ("AZ" → "AstraZeneca"); unknown names come back unchanged. */
  canonicalName(name: string): string {
    return new ArticleEntities(this.gazetteer).canonical(name);
  }

  classify(input: ArticleInput): Classification {
    const title = normalizeText(input?.title, MAX_TITLE_CHARS);
    const text = withoutBoilerplate(normalizeText(input?.text, MAX_TEXT_CHARS));
    if (!mayAnnounceCollaboration(title, text)) {
      return this.result({ positive: false, eventType: negativeCategory(title) ?? 'other', score: 0, evidence: '', parties: [], lead: title });
    }

    const entities = new ArticleEntities(this.gazetteer);
    const sentences = splitSentences(title, text, LEAD_SENTENCES + 1);
    // Sentences past the opening with no deal vocabulary cannot carry the announcement: skip their entity work.
    const extracted = sentences.map((s) => (s.index <= 3 || L.PREFILTER.test(s.text) ? entities.extract(s.text, s.index) : { mentions: [], masked: s.text }));
    const rd = extracted.map((e) => L.RD_STRONG.test(e.masked) || L.RD_WEAK.test(e.masked));
    const analysed: Analysed[] = sentences.map((sentence, i) => ({
      sentence,
      entities: extracted[i],
      score: scoreSentence(extracted[i].masked, extracted[i].mentions, rd[0] || rd[i - 1] === true || rd[i + 1] === true),
    }));
    const decision = decide(analysed);

    const evidence = analysed[decision.evidenceIndex];
    // Areas and geographies matter for flags; for everything else the headline is enough and much cheaper.
    const lead = decision.positive
      ? [title, ...analysed.slice(1, 3).map((a) => a.sentence.text), evidence.sentence.text, analysed[decision.evidenceIndex + 1]?.sentence.text ?? ''].join(' ')
      : title;
    let countries: string[] | undefined;
    const articleCountries = () => (countries ??= labelsIn(analysed.slice(0, 6).map((a) => a.sentence.text).join(' '), GEOGRAPHIES));
    let found = decision.positive ? selectParties(analysed, decision.evidenceIndex) : partiesIn([analysed[0], evidence]);
    const qualified = () => expandAcronyms(found, entities).map((p) => ({ ...p, ...(entities.qualify(p.name, articleCountries) ?? {}) }));
    let parties = qualified();
    let eventType = decision.eventType;
    if (decision.positive) {
      const wider = analysed.slice(0, 5).map((a) => a.entities.masked);
      const focus = decision.evidenceIndex === 0 ? title : `${title} | ${evidence.sentence.text}`;
      eventType = rdEventType(focus, wider, parties);
      // A consortium names its members across the lead, not only in the announcing sentence.
      if (eventType === 'consortium') {
        found = selectParties(analysed, decision.evidenceIndex, true);
        parties = qualified();
      }
    }
    // Names before qualification ("Department of Health" without its country): roles are read off the mentions.
    const named = found.map((p) => p.name);
    let withRoles = parties;
    if (decision.positive) {
      const roles = partyRoles(analysed.slice(0, 6).filter((a) => !a.score.past).map((a) => ({ text: a.sentence.text, mentions: a.entities.mentions })), eventType);
      withRoles = parties.map((p, k) => {
        // Roles are keyed by the names the mentions gave; a party may since carry its full name ("Amberline" → "Amberline Neuroscience").
        const role = roles.get(named[k]) ?? [...roles].find(([name]) => named[k].startsWith(`${name} `))?.[1];
        return role ? { ...p, role } : p;
      });
    }
    return this.result({
      positive: decision.positive,
      eventType,
      score: decision.score,
      evidence: evidence.sentence.text,
      parties: withRoles,
      lead,
      financialSentences: decision.positive ? analysed.filter((a) => !a.score.past).map((a) => a.sentence.text) : undefined,
    });
  }

  private result(r: {
    positive: boolean; eventType: EventType; score: number; evidence: string; parties: Party[]; lead: string; financialSentences?: string[];
  }): Classification {
    return {
      is_rd_collaboration: r.positive,
      event_type: r.eventType,
      parties: r.parties.slice(0, MAX_PARTIES),
      therapeutic_areas: labelsIn(r.lead, THERAPEUTIC_AREAS),
      modalities: labelsIn(r.lead, MODALITIES),
      geographies: labelsIn(r.lead, GEOGRAPHIES),
      // A flagged deal whose announcement names no money has, as far as the news goes, undisclosed terms.
      financial_terms: r.financialSentences ? extractFinancialTerms(r.financialSentences) ?? { undisclosed: true, text: '' } : null,
      confidence: confidenceFor(r.score),
      evidence: r.evidence.slice(0, 4000),
      model_version: this.modelVersion,
    };
  }
}

/** Best announcement sentence plus document-level corroboration and contradiction. */
function decide(analysed: readonly Analysed[]): Decision {
  const title = analysed[0];
  const body = analysed.slice(1);
  let best = 0;
  for (let i = 1; i < analysed.length; i++) if (analysed[i].score.score > analysed[best].score.score) best = i;
  let score = analysed[best].score.score;

  if (best === 0 && body.some((a) => a.score.score >= 3)) score += 1;
  if (best !== 0 && (title.score.core || title.score.orgs >= 2)) score += 0.5;
  if (body.some((a) => L.ANAPHORA.test(a.entities.masked))) score += 0.5;
  // "A consortium of five partners will compare ... . Coordinated by A, the project also includes B and C.": the
  // announcement names no one, the next sentence names the partners.
  const next = analysed[best + 1];
  if (analysed[best].score.core && analysed[best].score.orgs === 0 && next && next.entities.mentions.filter((m) => m.source !== 'descriptor').length >= 2
    && PARTNER_LIST.test(next.entities.masked)) score += 1;
  if (!L.DEAL_MONEY.test(analysed[best].entities.masked) && analysed.some((a) => L.DEAL_MONEY.test(a.entities.masked))) score += 0.5;

  // A release announces its deal in the headline or its opening sentences; one mentioned only further down under a
  // headline with no deal word at all is background ("its collaborations on malaria", "run in collaboration with").
  if (best >= 3 && !L.PREFILTER.test(title.sentence.text)) score -= 1.5;
  // The body tells of a deal made long ago and nothing new: a feature story, not an announcement.
  const bodyDeals = body.filter((a) => a.score.core || L.STRONG_NOUN.test(a.entities.masked));
  if (bodyDeals.some((a) => a.score.past) && bodyDeals.every((a) => a.score.past || a.score.score < 3)) score -= 2;

  // A headline deal the body explains as something else ("partner on adherence programme" / "to offer a programme
  // at 260 pharmacies"): the body has the detail, so its category stands, and a follow-up sentence about the same
  // deal ("the collaboration runs for two years") does not make it R&D again.
  const bodyAnnouncements = body.filter((a) => a.score.core && !a.score.past);
  const explainedAway = (best === 0 || !analysed[best].score.core) && !title.score.rd && bodyAnnouncements.length > 0 && bodyAnnouncements.every((a) => a.score.contradiction !== null);
  if (explainedAway) score -= 3;
  // "Genexa will not participate in Hanbit's research": a licence or data deal the text says has no joint work.
  if (body.some((a) => L.NO_JOINT_WORK.test(a.entities.masked))) score -= 3;

  const titleNegative = negativeCategory(title.sentence.text);
  // A feature's question or commentary headline over a body that plainly announces a new deal between named parties
  // ("Can gut bacteria predict ...?" / "X and Y have started a research collaboration") is still that announcement.
  const announcedBelow = best !== 0 && analysed[best].score.core && analysed[best].score.orgs >= 2 && !analysed[best].score.past && analysed[best].score.score >= 5;
  const commentaryHeadline = titleNegative === 'general_commentary' && announcedBelow;
  // "X closes $62 million Series B" over "alongside the financing, X has entered a research collaboration with Y".
  const roundHeadline = titleNegative === 'financing' && FUNDING_ROUND.test(title.sentence.text) && announcedBelow && !analysed[best].score.contradiction;
  if (titleNegative && !title.score.core && !commentaryHeadline && !roundHeadline) score -= titleNegative === 'general_commentary' ? 3 : 2.5;
  // The headline sets the topic: a manufacturing or acquisition headline is not rescued by a friendly quote below.
  if (title.score.contradiction && best !== 0) score -= 3;
  if (titleNegative === 'general_commentary' && !commentaryHeadline && OPINION_HEADLINE.test(title.sentence.text)) score -= 3;

  const positive = score >= DECISION_THRESHOLD;
  let evidenceIndex = best;
  // The sentence that names the agreement is the better evidence than the one with its price, when nearly as strong.
  if (analysed[best].score.moneyOnly) {
    const worded = analysed.findIndex((a) => a.score.core && !a.score.moneyOnly && !a.score.past && a.score.score >= analysed[best].score.score - 1);
    if (worded >= 0) evidenceIndex = worded;
  }
  if (positive && best === 0) {
    const bodyBest = body.reduce<Analysed | null>((acc, a) => (a.score.score >= 4 && (!acc || a.score.score > acc.score.score) ? a : acc), null);
    if (bodyBest) evidenceIndex = bodyBest.sentence.index;
  }
  let eventType: EventType = 'research_collaboration';
  if (!positive) {
    eventType = analysed[best].score.contradiction ?? titleNegative ?? (explainedAway ? bodyAnnouncements[0].score.contradiction : null)
      ?? negativeCategory(analysed.slice(1, 3).map((a) => a.sentence.text).join(' '))
      ?? (L.STRONG_NOUN.test(title.sentence.text) || L.COLLAB_VERB.test(title.sentence.text) ? 'general_commentary' : 'other');
    if (!analysed[best].score.core && evidenceIndex === best && best !== 0) evidenceIndex = 0;
  }
  return { score, positive, eventType, evidenceIndex };
}

const shared = new CollaborationClassifier();

/** Synchronous, pure and deterministic: the same input always gives the same result. */
export function classify(input: ArticleInput): Classification {
  return shared.classify(input);
}

/** Canonical organisation name under the built-in gazetteer. */
export function canonicalOrgName(name: string): string {
  return shared.canonicalName(name);
}
