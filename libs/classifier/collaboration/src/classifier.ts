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
import { detectLanguage } from './language/detect';
import { emitFeatures, featuresOf, type Features, type RuleEvidence } from './model/features';
import { LearnedDecision, type WeightsFile } from './model/learned';
import WEIGHTS from './model/weights.json';
import { expandAcronyms, PARTNER_LIST, partiesIn, selectParties, type Analysed } from './parties/select';
import type { ArticleInput } from './types';

export interface ClassifierOptions {
  modelVersion?: string;
  /** Replace the built-in gazetteer (tests, or a customer's own watch list). */
  gazetteer?: readonly GazetteerEntry[];
  /** Weights of the learned decision (default: the committed model/weights.json); cross-validation passes each fold's. */
  weights?: WeightsFile;
  /** 'rules' decides by the hand-set score threshold alone: the baseline the learned layer is measured against. */
  decision?: 'learned' | 'rules';
}

/** Announcements sit at the top of a release; reading further only adds background and boilerplate. */
const LEAD_SENTENCES = 10;
const MAX_PARTIES = 50;

/** What the rules concluded, before the learned layer weighs it. Exposed for the eval and tests. */
export interface RuleDecision {
  score: number;
  /** The best announcement sentence by the rules' points. */
  best: number;
  /** Document-level corroboration and contradiction that fired, by name: features of the learned decision. */
  signals: string[];
  /** The category the item has when it is not flagged. */
  negativeType: EventType;
  /** The non-R&D category the headline alone reads as, if any. */
  titleNegative: EventType | null;
  /** The evidence sentence if the item is flagged, and if it is not. */
  flaggedEvidence: number;
  unflaggedEvidence: number;
}

type Analysis =
  | { kind: 'unreadable'; title: string; language: string }
  | { kind: 'prefiltered'; title: string }
  | { kind: 'analysed'; title: string; entities: ArticleEntities; analysed: Analysed[]; rules: RuleDecision; candidates: Party[]; evidence: RuleEvidence };

/** The weights `npm run train` wrote, as data. */
export const COMMITTED_WEIGHTS = WEIGHTS as WeightsFile;

/** Text the rules cannot read gets a low confidence, never a confident negative. */
const UNREADABLE_CONFIDENCE = 0.5;

const FUNDING_ROUND = /\b(?:series [a-f]|seed|(?:funding|financing) round|rais(?:es|ed)|closes|IPO)\b/i;
/** Questions and labelled opinion: "Why pharma keeps ...", "Analysis: ...", "Can X predict ...?". */
const OPINION_HEADLINE = /^(?:(?:analysis|opinion|commentary|explainer|perspective|feature|editorial|column)\s*[:|-]\s*)?(?:how|why|what)\b|\?\s*$|^(?:analysis|opinion|commentary|explainer|perspective|editorial|column)\s*[:|-]/i;

export class CollaborationClassifier {
  private readonly modelVersion: string;
  private readonly gazetteer: CompiledGazetteer;
  private readonly learned: LearnedDecision;
  private readonly useRules: boolean;

  constructor(opts: ClassifierOptions = {}) {
    this.modelVersion = opts.modelVersion ?? (opts.decision === 'rules' ? `${MODEL_VERSION}+rules-only` : MODEL_VERSION);
    this.gazetteer = opts.gazetteer ? compileGazetteer(opts.gazetteer) : defaultGazetteer();
    this.learned = new LearnedDecision(opts.weights ?? COMMITTED_WEIGHTS);
    this.useRules = opts.decision === 'rules';
  }

  /** Canonical name for any alias the gazetteer knows ("AZ" → "AstraZeneca"); unknown names come back unchanged. */
  canonicalName(name: string): string {
    return new ArticleEntities(this.gazetteer).canonical(name);
  }

  /**
   * The rules' reading of an item: sentences, organisations, sentence points, document signals and the learned
   * decision's evidence; or why it was not read (a language the rules cannot read, or no deal vocabulary at all).
   */
  private analyse(input: ArticleInput): Analysis {
    const title = normalizeText(input?.title, MAX_TITLE_CHARS);
    const text = withoutBoilerplate(normalizeText(input?.text, MAX_TEXT_CHARS));
    const language = detectLanguage(title, text);
    if (language !== 'en') return { kind: 'unreadable', title, language };
    if (!mayAnnounceCollaboration(title, text)) return { kind: 'prefiltered', title };

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
    const rules = decide(analysed);
    const candidates = selectParties(analysed, rules.flaggedEvidence);
    const evidence: RuleEvidence = { analysed, score: rules.score, best: rules.best, signals: rules.signals, titleNegative: rules.titleNegative, parties: candidates };
    return { kind: 'analysed', title, entities, analysed, rules, candidates, evidence };
  }

  /** The learned decision's input for one item; null when the item never reaches it (pre-filter, unreadable). */
  features(input: ArticleInput): Features | null {
    const a = this.analyse(input);
    return a.kind === 'analysed' ? featuresOf(a.evidence, this.learned.featureOptions) : null;
  }

  classify(input: ArticleInput): Classification {
    const a = this.analyse(input);
    if (a.kind === 'unreadable') {
      // Not a confident negative: the rules cannot read this text, and say so.
      return this.result({ positive: false, eventType: 'other', confidence: UNREADABLE_CONFIDENCE, evidence: '', parties: [], lead: '', language: a.language });
    }
    if (a.kind === 'prefiltered') {
      return this.result({ positive: false, eventType: negativeCategory(a.title) ?? 'other', confidence: this.learned.prefilteredConfidence, evidence: '', parties: [], lead: a.title });
    }
    const { title, analysed, entities, rules } = a;
    const learned = this.learned.decideEmitted((sink) => emitFeatures(a.evidence, this.learned.featureOptions, sink));
    const positive = this.useRules ? rules.score >= DECISION_THRESHOLD : learned.positive;
    const decision = {
      positive,
      evidenceIndex: positive ? rules.flaggedEvidence : rules.unflaggedEvidence,
      eventType: positive ? ('research_collaboration' as EventType) : rules.negativeType,
    };

    const evidence = analysed[decision.evidenceIndex];
    // Areas and geographies matter for flags; for everything else the headline is enough and much cheaper.
    const lead = decision.positive
      ? [title, ...analysed.slice(1, 3).map((a) => a.sentence.text), evidence.sentence.text, analysed[decision.evidenceIndex + 1]?.sentence.text ?? ''].join(' ')
      : title;
    let countries: string[] | undefined;
    const articleCountries = () => (countries ??= labelsIn(analysed.slice(0, 6).map((a) => a.sentence.text).join(' '), GEOGRAPHIES));
    let found = decision.positive ? a.candidates : partiesIn([analysed[0], evidence]);
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
    const result = this.result({
      positive: decision.positive,
      eventType,
      confidence: this.useRules ? confidenceFor(rules.score) : learned.confidence,
      evidence: evidence.sentence.text,
      parties: withRoles,
      lead,
      financialSentences: decision.positive ? analysed.filter((x) => !x.score.past).map((x) => x.sentence.text) : undefined,
    });
    return this.useRules ? result : { ...result, why: learned.why };
  }

  private result(r: {
    positive: boolean; eventType: EventType; confidence: number; evidence: string; parties: Party[]; lead: string; financialSentences?: string[];
    language?: string;
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
      confidence: Math.round(r.confidence * 1000) / 1000,
      language: r.language ?? 'en',
      evidence: r.evidence.slice(0, 4000),
      model_version: this.modelVersion,
    };
  }
}

/** Best announcement sentence plus document-level corroboration and contradiction. */
function decide(analysed: readonly Analysed[]): RuleDecision {
  const title = analysed[0];
  const body = analysed.slice(1);
  let best = 0;
  for (let i = 1; i < analysed.length; i++) if (analysed[i].score.score > analysed[best].score.score) best = i;
  let score = analysed[best].score.score;
  const signals: string[] = [];
  const signal = (name: string, on: boolean, points: number) => {
    if (!on) return;
    signals.push(name);
    score += points;
  };

  signal('title_and_body_agree', best === 0 && body.some((a) => a.score.score >= 3), 1);
  signal('title_supports_body', best !== 0 && (title.score.core || title.score.orgs >= 2), 0.5);
  signal('anaphora', body.some((a) => L.ANAPHORA.test(a.entities.masked)), 0.5);
  // "A consortium of five partners will compare ... . Coordinated by A, the project also includes B and C.": the
  // announcement names no one, the next sentence names the partners.
  const next = analysed[best + 1];
  signal('partners_listed_next', analysed[best].score.core && analysed[best].score.orgs === 0 && !!next
    && next.entities.mentions.filter((m) => m.source !== 'descriptor').length >= 2 && PARTNER_LIST.test(next.entities.masked), 1);
  signal('deal_money_elsewhere', !L.DEAL_MONEY.test(analysed[best].entities.masked) && analysed.some((a) => L.DEAL_MONEY.test(a.entities.masked)), 0.5);

  // A release announces its deal in the headline or its opening sentences; one mentioned only further down under a
  // headline with no deal word at all is background ("its collaborations on malaria", "run in collaboration with").
  signal('late_mention_plain_headline', best >= 3 && !L.PREFILTER.test(title.sentence.text), -1.5);
  // The body tells of a deal made long ago and nothing new: a feature story, not an announcement.
  const bodyDeals = body.filter((a) => a.score.core || L.STRONG_NOUN.test(a.entities.masked));
  signal('body_tells_old_deal', bodyDeals.some((a) => a.score.past) && bodyDeals.every((a) => a.score.past || a.score.score < 3), -2);

  // A headline deal the body explains as something else ("partner on adherence programme" / "to offer a programme
  // at 260 pharmacies"): the body has the detail, so its category stands, and a follow-up sentence about the same
  // deal ("the collaboration runs for two years") does not make it R&D again.
  const bodyAnnouncements = body.filter((a) => a.score.core && !a.score.past);
  const explainedAway = (best === 0 || !analysed[best].score.core) && !title.score.rd && bodyAnnouncements.length > 0 && bodyAnnouncements.every((a) => a.score.contradiction !== null);
  signal('body_explains_away', explainedAway, -3);
  // "Genexa will not participate in Hanbit's research": a licence or data deal the text says has no joint work.
  signal('no_joint_work', body.some((a) => L.NO_JOINT_WORK.test(a.entities.masked)), -3);

  const titleNegative = negativeCategory(title.sentence.text);
  // A feature's question or commentary headline over a body that plainly announces a new deal between named parties
  // ("Can gut bacteria predict ...?" / "X and Y have started a research collaboration") is still that announcement.
  const announcedBelow = best !== 0 && analysed[best].score.core && analysed[best].score.orgs >= 2 && !analysed[best].score.past && analysed[best].score.score >= 5;
  const commentaryHeadline = titleNegative === 'general_commentary' && announcedBelow;
  // "X closes $62 million Series B" over "alongside the financing, X has entered a research collaboration with Y".
  const roundHeadline = titleNegative === 'financing' && FUNDING_ROUND.test(title.sentence.text) && announcedBelow && !analysed[best].score.contradiction;
  signal('commentary_headline_over_announcement', commentaryHeadline, 0);
  signal('round_headline_over_announcement', roundHeadline, 0);
  signal('negative_headline', !!titleNegative && !title.score.core && !commentaryHeadline && !roundHeadline, titleNegative === 'general_commentary' ? -3 : -2.5);
  // The headline sets the topic: a manufacturing or acquisition headline is not rescued by a friendly quote below.
  signal('contradicting_headline', !!title.score.contradiction && best !== 0, -3);
  signal('opinion_headline', titleNegative === 'general_commentary' && !commentaryHeadline && OPINION_HEADLINE.test(title.sentence.text), -3);

  let evidenceIndex = best;
  // The sentence that names the agreement is the better evidence than the one with its price, when nearly as strong.
  if (analysed[best].score.moneyOnly) {
    const worded = analysed.findIndex((a) => a.score.core && !a.score.moneyOnly && !a.score.past && a.score.score >= analysed[best].score.score - 1);
    if (worded >= 0) evidenceIndex = worded;
  }
  const unflaggedEvidence = !analysed[best].score.core && evidenceIndex === best && best !== 0 ? 0 : evidenceIndex;
  let flaggedEvidence = evidenceIndex;
  if (best === 0) {
    const bodyBest = body.reduce<Analysed | null>((acc, a) => (a.score.score >= 4 && (!acc || a.score.score > acc.score.score) ? a : acc), null);
    if (bodyBest) flaggedEvidence = bodyBest.sentence.index;
  }
  const negativeType: EventType = analysed[best].score.contradiction ?? titleNegative ?? (explainedAway ? bodyAnnouncements[0].score.contradiction : null)
    ?? negativeCategory(analysed.slice(1, 3).map((a) => a.sentence.text).join(' '))
    ?? (L.STRONG_NOUN.test(title.sentence.text) || L.COLLAB_VERB.test(title.sentence.text) ? 'general_commentary' : 'other');
  return { score, best, signals, negativeType, titleNegative, flaggedEvidence, unflaggedEvidence };
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
