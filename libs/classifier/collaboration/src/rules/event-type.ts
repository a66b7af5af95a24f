import type { EventType, Party } from '@pharma-radar/contracts';
import * as L from './lexicon';

const INSTITUTIONAL = new Set(['academic', 'hospital', 'government', 'nonprofit']);
const OPTION_TO_EXTEND = /\boptions? to (?:extend|renew|expand|prolong)\b/gi;
/** Joint development and commercialisation is shared development, whatever licence comes with it. */
const JOINT_DEVELOPMENT_AND_SALES = /\bjointly develop\w* and (?:co-)?commerciali[sz]e/i;

/**
 * Which of the four R&D deal kinds an announcement is. Structure first (many parties, public funding → consortium),
 * then explicit wording (co-develop/jointly, licence/option, research/discovery), then money shape.
 */
export function rdEventType(focus: string, widerSentences: readonly string[], parties: readonly Party[]): EventType {
  const wider = widerSentences.join(' ');
  const institutional = parties.filter((p) => INSTITUTIONAL.has(p.type)).length;
  const publicOrCharity = parties.some((p) => p.type === 'government' || p.type === 'nonprofit');
  const counted = widerSentences.some((s) => L.MANY_PARTIES.test(s) && (L.COLLAB_VERB.test(s) || L.STRONG_NOUN.test(s)));
  if (L.CONSORTIUM.test(focus) || L.CONSORTIUM.test(wider) || L.MANY_PARTIES.test(focus) || counted
    || (parties.length >= 4 && publicOrCharity) || (/join(?:s|ed|ing)? forces/i.test(focus) && parties.length >= 3)) {
    return 'consortium';
  }
  // With a university or public institute, "jointly research" is still research; only co-developing a product is not.
  const codev = institutional > 0 ? L.PRODUCT_CODEV : L.STRONG_CODEV;
  // "An option to extend the research agreement" is a term of the deal, not an option on a product.
  const licensed = L.LICENSING.test(focus.replace(OPTION_TO_EXTEND, ''));
  // A licence or option is the deal's structure even when the parties also research together ("licence and joint
  // research agreement", a joint development committee); only explicit co-development outranks it.
  if (licensed && !L.EXPLICIT_CODEV.test(focus) && !JOINT_DEVELOPMENT_AND_SALES.test(focus)) return 'licensing_with_rd';
  if (codev.test(focus) || codev.test(wider)) return 'co_development';
  if (licensed) return 'licensing_with_rd';
  if (institutional > 0) return 'research_collaboration';
  if (L.RESEARCH_DEAL.test(focus)) return 'research_collaboration';
  if (L.LICENSING.test(wider)) return 'licensing_with_rd';
  if (L.LICENSE_MONEY.test(wider)) return 'licensing_with_rd';
  if (L.RESEARCH_DEAL.test(wider)) return 'research_collaboration';
  if (L.DEVELOP.test(focus) || L.DEVELOP.test(wider)) return 'co_development';
  return 'research_collaboration';
}
