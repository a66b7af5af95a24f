import type { PartyType } from '@pharma-radar/contracts';
import type { OrgMention } from './matcher';
import { isCapitalised, joinsName, type Token } from './tokens';

// Lower-case words allowed inside a proper name ("University of Texas", "Institut für Virologie").
const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'des', 'di', 'da', 'del', 'della', 'der', 'für', 'fur', 'y', 'e', 'et', 'la', 'le', '&', 'at']);
// "and" and "the" only continue a name inside an "of" complement ("Department of Science and Technology").
const NEEDS_OF = new Set(['and', '&', 'the', 'y', 'e', 'et', 'at']);
const HYPHEN_PARTICLES = new Set(['sen', 'san', 'la', 'le', 'de', 'di', 'du', 'al', 'el', 'ul', 'bin', 'ibn', 'van', 'von']);
// Connectors that may not end a name and should not start one.
const WEAK_EDGE = new Set([...CONNECTORS]);

// Capitalised words that open a sentence or headline but are never part of a name.
export const NOT_NAME: ReadonlySet<string> = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'For', 'With', 'And', 'But', 'Or', 'Under', 'Per', 'As', 'By', 'From', 'To', 'This', 'That', 'These',
  'Its', 'Their', 'Our', 'We', 'It', 'They', 'He', 'She', 'After', 'Before', 'Following', 'Two', 'Three', 'Four', 'Five', 'Several', 'More', 'Most',
  'New', 'Leading', 'Both', 'Each', 'Today', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February',
  'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul',
  'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'Swiss', 'German', 'French', 'British', 'American', 'Japanese', 'Chinese', 'Korean', 'South',
  'North', 'Russian', 'Indian', 'Danish', 'Dutch', 'Belgian', 'Israeli', 'Canadian', 'Australian', 'Italian', 'Spanish', 'Swedish', 'Irish',
  'European', 'Asian', 'African', 'US', 'UK', 'U', 'S', 'EU', 'Global', 'Clinical', 'Biotech', 'Pharma', 'Pharmaceutical', 'Said', 'Also',
  'However', 'Meanwhile', 'Announces', 'Announced', 'Signs', 'Enters', 'Partner', 'Partners', 'Collaboration', 'Deal', 'Agreement',
  'Members', 'Researchers', 'Scientists', 'Officials', 'Participants', 'Investors', 'Analysts', 'Shares', 'Under', 'Terms', 'Another', 'Every', 'Latest', 'Next',
]);

// Title-case headline words that end a name: "Kumamoto University Regarding ...", "Ono Pharmaceutical Concludes ...".
const HEADLINE_BREAK = new Set(['Regarding', 'Concerning', 'About', 'Toward', 'Towards', 'Via', 'Using', 'Into', 'Against', 'Concludes', 'Signs', 'Announces',
  'Enters', 'Expands', 'Extends', 'Launches', 'Partners', 'Collaborates', 'Teams', 'Joins', 'Inks', 'Forms', 'Selects', 'Taps', 'Licenses', 'Acquires']);
export const NATIONALITIES: ReadonlySet<string> = new Set(['Swiss', 'German', 'French', 'British', 'American', 'Japanese', 'Chinese', 'Korean', 'Russian', 'Indian', 'Danish', 'Dutch',
  'Belgian', 'Israeli', 'Canadian', 'Australian', 'Italian', 'Spanish', 'Swedish', 'Irish', 'European', 'Asian', 'African',
  'Vietnamese', 'Thai', 'Indonesian', 'Malaysian', 'Singaporean', 'Filipino', 'Taiwanese', 'Brazilian', 'Mexican', 'Argentine', 'Chilean', 'Colombian', 'Polish', 'Turkish', 'Greek', 'Portuguese', 'Austrian', 'Norwegian', 'Finnish', 'Czech', 'Hungarian', 'Ukrainian', 'Egyptian', 'Saudi', 'Emirati', 'Nigerian', 'Kenyan', 'Pakistani']);

interface HeadRule {
  words: RegExp;
  type: PartyType;
}

// Order matters: a "University Hospital" is a hospital, a "University Medical Center" too.
const INSTITUTION_HEADS: readonly HeadRule[] = [
  { words: /^(?:Hospital|Hospitals|Hastanesi|Hôpital|Hopital|Klinikum|Clinic|Clinics|Infirmary|Charité|Health System|Healthcare System|Cancer Center|Cancer Centre|Medical Center|Medical Centre|Memorial Center|Memorial Centre|Children's|Ospedale|Hospitalier|Universitätsklinikum|UMC|MC)$/u, type: 'hospital' },
  { words: /^(?:University|Universities|Université|Universite|Universität|Universitat|Universidad|Università|Universita|Universiteit|Universidade|Uniwersytet|Universitet|Universitetet|Üniversitesi|Universitesi|Enstitüsü|Enstitüleri|College|Polytechnic|Politecnico|Institute|Institut|Instituto|Istituto|Institutet|Instytut|Academy|Akademie|Académie|School|Hochschule|Technion|ETH|Research Center|Research Centre|Research Centers|Research Centres)$/u, type: 'academic' },
  { words: /^(?:Ministry|Bakanlığı|Başkanlığı|Ministério|Ministère|Ministerium|Department|Agency|Administration|Authority|Commission|Council|Government|Bundesinstitut|Centers|Centres)$/u, type: 'government' },
  { words: /^(?:Foundation|Fondation|Fundação|Fundacao|Stiftung|Fundación|Fundacion|Fondazione|Trust|Charity|Society|Association|Initiative|Venture|Fund|Coalition)$/u, type: 'nonprofit' },
];

const CORPORATE_SUFFIX = new Set([
  'Inc', 'Incorporated', 'Ltd', 'Limited', 'LLC', 'Corp', 'Corporation', 'AG', 'GmbH', 'SA', 'SE', 'NV', 'BV', 'plc', 'PLC', 'Plc', 'KK', 'AB', 'ASA',
  'SpA', 'SAS', 'Co', 'Pty', 'ApS', 'Oy', 'AS', 'Biopharm', 'Therapeutics', 'Therapeutic', 'Biosciences', 'BioSciences', 'Bioscience', 'Biotherapeutics', 'Biotech', 'Biotechnology',
  'Biologics', 'Bio', 'Pharma', 'Pharmaceuticals', 'Pharmaceutical', 'Biopharma', 'Biopharmaceuticals', 'Biopharmaceutical', 'Biotherapeutic', 'Bioworks', 'Biomedical', 'Genomics', 'Genetics', 'Labs',
  'Laboratories', 'Diagnostics', 'Technologies', 'Biomedicines', 'Medicines', 'Sciences', 'Biosystems', 'Biologicals', 'Vaccines', 'Health', 'AI',
  'Neuro', 'Neuroscience', 'Neurosciences', 'Oncology', 'Omics', 'Vectors', 'Antivirals', 'Antibodies', 'Therapies', 'Immunotherapeutics', 'Biotherapies',
  'Cellworks', 'Dx', 'Peptides', 'Pharm', 'Proteomics', 'RNA',
]);
// Words that also occur in headlines ("... Across Biotech"): they end a name only after one or two words.
const WEAK_SUFFIX = new Set(['RNA', 'Bio', 'Biotech', 'Pharma', 'Health', 'AI', 'Sciences', 'Labs', 'Medicines', 'Vaccines', 'Genetics', 'Genomics', 'Therapeutics',
  'Peptides', 'Proteomics', 'Neuro', 'Neuroscience', 'Neurosciences', 'Oncology', 'Omics', 'Vectors', 'Antivirals', 'Antibodies', 'Therapies']);
/** Legal forms of companies; one list for stripping them from names here and from subjects in the role rules. */
export const LEGAL_FORM_WORDS: readonly string[] = ['Inc', 'Incorporated', 'Ltd', 'Limited', 'LLC', 'Corp', 'Corporation', 'AG', 'GmbH', 'SA', 'SE', 'NV',
  'BV', 'plc', 'PLC', 'Plc', 'KK', 'AB', 'ASA', 'SpA', 'SAS', 'Co', 'Pty', 'ApS', 'Oy', 'AS'];
const LEGAL_SUFFIX = new RegExp(String.raw`\s*,?\s+(?:Pty Ltd|${LEGAL_FORM_WORDS.join('|')})\.?$`);
const LEGAL_AFTER_COMMA = /^,\s*(?:Inc|Ltd|LLC|Corp|AG|GmbH|SA|NV|BV|plc|KK|AB|SpA|SAS|Pty|ApS|Oy)$/;
// What may follow such a legal form: "Bellwether RNA, Inc. today", not "Jane Doe, Co-Founder" or "Anna Berg, SE Asia head".
const AFTER_LEGAL_FORM = /^(?:[.,;:)]|\s+[a-z(]|\s*$)/;
// Legal forms, dotted or not, that are never a name of their own.
const LEGAL_FORMS = new Set([...LEGAL_FORM_WORDS, 'B', 'V', 'N', 'K']);
const SUBUNIT = /^(?:Department|Graduate|School|Faculty|Division|Laboratory|Institute|Center|Centre|Hospital)$/;
// "Halden Pharma", "Kinoshita Pharmaceutical": a company that names itself a pharmaceutical company.
const PHARMA_SUFFIX = new Set(['Pharma', 'Pharmaceutical', 'Pharmaceuticals', 'Pharm']);
const TECH_SUFFIX = new Set(['Technologies', 'Labs', 'AI', 'Health']);
// A suffix that follows one of these is a generic phrase, not a company ("Life Sciences", "Infectious Disease Vaccines").
const GENERIC_BEFORE_SUFFIX = new Set(['Consumer', 'Messenger', 'Interfering', 'Small', 'Guide', 'Transfer', 'Circular', 'Long', 'Double', 'Single', 'Company', 'Group', 'Holdings', 'Life', 'Disease', 'Diseases', 'Public', 'Global', 'Digital', 'Human', 'Animal', 'Women', 'Mental', 'Precision', 'Cancer', 'Medical', 'Clinical', 'Big', 'Biotech', 'Pharma', 'Gene', 'Cell', 'Health', 'Chinese', 'Korean', 'Japanese', 'European', 'US',
  'Infectious', 'Rare', 'Chronic', 'Autoimmune', 'Inflammatory', 'Metabolic', 'Respiratory', 'Neurological', 'Cardiovascular', 'Viral', 'Bacterial',
  'Immune', 'Stem', 'Tissue', 'Blood', 'Liver', 'Kidney', 'Brain', 'Eye', 'Skin', 'Bone', 'Heart', 'Lung', 'Infection', 'Vaccine', 'Antibody', 'Protein', 'RNA', 'DNA',
  'Radiation', 'Pediatric', 'Paediatric', 'Surgical', 'Molecular', 'Translational', 'Integrative', 'Comparative', 'Thoracic', 'Gynecologic', 'Cognitive', 'Behavioral', 'Systems', 'Novel', 'Targeted', 'Advanced', 'Innovative', 'New']);

function startsInstitution(word: string): boolean {
  return INSTITUTION_HEADS.some((r) => r.words.test(word));
}

/** Whether the capitalised run from token k names an organisation of its own ("Aarhus University", "Chengdu Jinsha Pharmaceutical"). */
function institutionAhead(s: string, tokens: Token[], claimed: Uint8Array, k: number): boolean {
  for (let m = k; m < tokens.length && m < k + 5 && !claimed[m] && isCapitalised(tokens[m]); m++) {
    if (startsInstitution(tokens[m].text) || (m > k && CORPORATE_SUFFIX.has(tokens[m].text) && !GENERIC_BEFORE_SUFFIX.has(tokens[m - 1].text))) return true;
    if (m + 1 < tokens.length && !joinsName(s, tokens[m], tokens[m + 1])) break;
  }
  return false;
}

function nameFromTokens(s: string, tokens: Token[], from: number, to: number): string {
  return s.slice(tokens[from].start, tokens[to - 1].end);
}

function headType(tokens: Token[], from: number, to: number, s: string): PartyType | null {
  // State bodies: "National Institute of ...", "Federal Office for ...", "State Key Laboratory".
  // "French National Cancer Institute": a nationality may open the state body's name.
  const at = NATIONALITIES.has(tokens[from].text) && to - from >= 4 ? from + 1 : from;
  if (/^(?:National|Federal|State)$/.test(tokens[at].text) && to - at >= 3 && /^(?:Institutes?|Agency|Office|Center|Centre|Centers|Laboratory|Administration)$/.test(tokens[at + 1].text)) return 'government';
  if (at > from && tokens[at].text === 'National' && /^(?:Institutes?|Agency|Center|Centre)$/.test(tokens[to - 1].text)) return 'government';
  for (const rule of INSTITUTION_HEADS) {
    for (let i = from; i < to; i++) {
      const one = tokens[i].text;
      const two = i + 1 < to ? `${one} ${tokens[i + 1].text}` : '';
      if (rule.words.test(one) || (two && rule.words.test(two))) {
        // "Department of Genetic Medicine" inside a university is not a government body.
        if (rule.type === 'government' && /'s\s*$/.test(s.slice(Math.max(0, tokens[from].start - 4), tokens[from].start))) return null;
        return rule.type;
      }
    }
  }
  return null;
}

/**
 * Capitalised runs of tokens (with "of", "de", "für" inside) that carry an institutional head word or end in a
 * corporate suffix. Tokens already claimed by the gazetteer break a run.
 */
export function findPatternMentions(s: string, tokens: Token[], claimed: Uint8Array): OrgMention[] {
  const out: OrgMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    // A nationality opens an institution's name ("Dutch Heart Foundation", "Spanish National Research Council") but not a company's.
    const nationality = NATIONALITIES.has(tokens[i].text);
    if (claimed[i] || !isCapitalised(tokens[i]) || (NOT_NAME.has(tokens[i].text) && !nationality)) {
      i++;
      continue;
    }
    let j = i + 1;
    let sawOf = false;
    while (j < tokens.length && !claimed[j] && joinsName(s, tokens[j - 1], tokens[j])) {
      const lower = tokens[j].lower;
      if (CONNECTORS.has(lower)) {
        if (NEEDS_OF.has(lower) && !sawOf) break;
        // "University of Leeds and the Leeds Teaching Hospitals" is two names.
        if (NEEDS_OF.has(lower) && j + 1 < tokens.length && (tokens[j + 1].lower === 'the' || startsInstitution(tokens[j + 1].text))) break;
        // "University of Copenhagen and Aarhus University": the words after "and" name an institution of their own.
        if (NEEDS_OF.has(lower) && headType(tokens, i, j, s) && institutionAhead(s, tokens, claimed, j + 1)) break;
        // "the Chinese Academy of Sciences and Vietnamese diagnostics company X": a nationality adjective, not a name.
        if (NEEDS_OF.has(lower) && NATIONALITIES.has(tokens[j + 1]?.text ?? '') && tokens[j + 2] && !isCapitalised(tokens[j + 2])) break;
        if (lower === 'of' || lower === 'for' || lower === 'de' || lower === 'für') sawOf = true;
      } else if (HYPHEN_PARTICLES.has(tokens[j].text) && s.slice(tokens[j - 1].end, tokens[j].start) === '-') {
        // "Sun Yat-sen University": a transliterated name's lower-case second part.
      } else if (!isCapitalised(tokens[j]) || HEADLINE_BREAK.has(tokens[j].text)) {
        break;
      }
      j++;
    }
    while (j > i && WEAK_EDGE.has(tokens[j - 1].lower)) j--;
    // "Genovue B.V.", "Akzo N.V.": a dotted legal form is a company marker, not part of the name.
    let dotted = 0;
    while (j - i > 1 && /^\p{Lu}$/u.test(tokens[j - 1].text) && s[tokens[j - 1].end] === '.') { j--; dotted++; }
    if (dotted >= 2 && j - i <= 3 && !headType(tokens, i, j, s)) {
      out.push({ name: nameFromTokens(s, tokens, i, j), type: 'biotech', start: tokens[i].start, end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, source: 'pattern' });
      i = j + dotted;
      continue;
    }
    const length = j - i;
    if (length >= 1 && length <= 9) {
      const type = length >= 2 ? headType(tokens, i, j, s) : null;
      // "Indian Immunologicals Limited": a nationality opens a company's name when a legal form closes it.
      const legalForm = j < tokens.length && LEGAL_FORM_WORDS.includes(tokens[j - 1].text) && j - i >= 3;
      if (!type && nationality && !legalForm && !(LEGAL_AFTER_COMMA.test(s.slice(tokens[j - 1].end, tokens[j]?.end ?? 0)))) {
        i++;
        continue;
      }
      // "KAIST Department of Biological Sciences", "the University of Tokyo's Institute of Medical Science": a unit of
      // the organisation just named, not another party.
      const possessor = i > 1 && tokens[i - 1].text === 's' && /^'$/.test(s.slice(tokens[i - 2].end, tokens[i - 1].start)) ? i - 2 : i - 1;
      const unitOfNamed = possessor >= 0 && claimed[possessor] && /^(?:\s+|'s\s+|'\s+)$/.test(s.slice(tokens[possessor].end, tokens[i].start));
      // "the NIAID Vaccine Research Center", "the university's Immunology Frontier Research Center": a centre inside the
      // organisation just named or described, not another party.
      const researchUnit = type === 'academic' && /^Research Cent(?:er|re)s?$/.test(`${tokens[j - 2]?.text} ${tokens[j - 1].text}`)
        && (unitOfNamed || /'s?\s+$/.test(s.slice(Math.max(0, tokens[i].start - 3), tokens[i].start)));
      if (type && ((SUBUNIT.test(tokens[i].text) && unitOfNamed) || researchUnit)) {
        i = j;
        continue;
      }
      if (type) {
        // Japan's legal form for public universities opens the name: "National University Corporation Kumamoto University".
        const name = nameFromTokens(s, tokens, i, j).replace(/^(?:National|Public) University Corporation\s+(?=\S+\s)/, '');
        out.push({ name, type, start: tokens[i].start, end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, source: 'pattern' });
      } else {
        let last = -1;
        for (let k = i + 1; k < j; k++) if (CORPORATE_SUFFIX.has(tokens[k].text)) last = k;
        // "Bellwether RNA, Inc.": the legal suffix behind a comma still marks the run as a company.
        if (last < 0 && j - i <= 3 && j < tokens.length && LEGAL_AFTER_COMMA.test(s.slice(tokens[j - 1].end, tokens[j].end)) && AFTER_LEGAL_FORM.test(s.slice(tokens[j].end, tokens[j].end + 3))) {
          const name = nameFromTokens(s, tokens, i, j);
          out.push({ name, type: 'biotech', start: tokens[i].start, end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, source: 'pattern' });
          i = j;
          continue;
        }
        // "Qurexa Bio, a London AI drug-discovery company": words describing the company just named, not another one.
        if (i > 0 && (tokens[i - 1].text === 'a' || tokens[i - 1].text === 'an') && /,\s*$/.test(s.slice(Math.max(0, tokens[i - 1].start - 3), tokens[i - 1].start))) {
          i = j;
          continue;
        }
        const maxBefore = WEAK_SUFFIX.has(tokens[last]?.text ?? '') ? 2 : 4;
        // "Quorvane Pharma Inc.": look past stacked suffixes to the word that names the company.
        let named = last - 1;
        while (named > i && CORPORATE_SUFFIX.has(tokens[named].text)) named--;
        // Generic only when every word before the suffix is generic: "Cell Therapeutics" no, "Wren Cell Therapeutics" yes.
        const generic = tokens.slice(i, named + 1).every((t) => GENERIC_BEFORE_SUFFIX.has(t.text));
        if (last > i && last - i <= maxBefore && !generic) {
          const name = nameFromTokens(s, tokens, i, last + 1).replace(LEGAL_SUFFIX, '');
          // The suffix that names the business ("Pharma" in "Quorvane Pharma Inc."), not the legal form after it.
          const kind = LEGAL_FORMS.has(tokens[last].text) && named + 1 < last ? tokens[named + 1].text : tokens[last].text;
          const type: PartyType = TECH_SUFFIX.has(kind) ? 'tech' : kind === 'Diagnostics' ? 'other' : PHARMA_SUFFIX.has(kind) ? 'pharma' : 'biotech';
          if (name.length >= 3) {
            out.push({ name, type, start: tokens[i].start, end: tokens[last].end, tokenStart: i, tokenEnd: last + 1, source: 'pattern' });
          }
        }
      }
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

// "AI specialist Aqemia", "French biotech Enterome", "startup Xyz": a descriptor right before an unknown name.
const DESCRIPTOR = /\b(?:biotech(?:nology)?(?: company| firm| startup| start-up)?|start-?up|specialist|drug ?maker|drug developer|developer|spinout|spin-out|company|firm|player|partner|biopharma|provider|platform company|(?:partners?|partnered|partnering|teams? up|teamed up|collaborates?|collaborating|signs? with|deal with|pact with|selects?|selected|taps?|tapped|recruits?|recruited|enlists?|enlisted|licenses? from|bets? on) (?:with )?|(?:start-?up|company|biotech|firm|spinout|spin-out|shop|upstart|outfit) (?:called|named|dubbed))\s*$/i;
// Last words of DESCRIPTOR: the regex runs only after one of them, which keeps the scan cheap.
const DESCRIPTOR_TAIL = new Set(['biotech', 'biotechnology', 'company', 'firm', 'startup', 'start', 'up', 'specialist', 'maker', 'drugmaker', 'developer',
  'spinout', 'out', 'player', 'partner', 'biopharma', 'provider', 'with', 'called', 'named', 'dubbed', 'partners', 'partnered', 'partnering', 'collaborates', 'collaborate', 'collaborating',
  'selects', 'select', 'selected', 'taps', 'tap', 'tapped', 'recruits', 'recruit', 'recruited', 'enlists', 'enlist', 'enlisted', 'from', 'on']);
// "Genopia, a Korean biotech company developing ...", "Morrow Bio, a Seattle-based company": described right after the name.
const APPOSITIVE_DESCRIPTOR = /^,\s+an?\s+(?:[A-Z][\w.-]*\s+|[\w-]+-based\s+|privately[- ]held\s+|clinical-stage\s+|U\.S\.\s+)*(?:biotech(?:nology)?|biopharma(?:ceutical)?|pharmaceutical|drug|therapeutics|diagnostics|AI|technology|software|start-?up|spin-?out|spinoff)?\s*(?:company|firm|developer|startup|start-up|spinout|maker|specialist|biotech)\b/;
const TECH_DESCRIPTOR = /\b(?:AI|artificial intelligence|machine learning|software|data|digital|tech(?:nology)?|computational)\b[^,.;]{0,30}$/i;
const DESCRIBED_BY_PLACE = /^(?:startup|start-up|spinout|spin-out|spinoff|spin-off|biotech|company|firm|based)$/;
const MIXED_CASE = /^[A-Z][a-z]+[A-Z][A-Za-z]*$|^[A-Z]{2,}[a-z]+[A-Za-z]*$/;

// "Chiesi and Affibody collaborate", "Oxford and Novo Nordisk form an alliance": the verb of a pair of parties.
const PAIR_VERBS = new Set(['collaborate', 'collaborates', 'partner', 'partners', 'team', 'teams', 'ink', 'inks', 'sign', 'signs', 'enter', 'enters',
  'form', 'forms', 'join', 'joins', 'forge', 'forges', 'strike', 'strikes', 'agree', 'agrees', 'expand', 'expands', 'extend', 'extends', 'launch',
  'launches', 'unite', 'ally', 'pair', 'link', 'seal', 'seals', 'announce', 'announces', 'to', 'will', 'have', 'co', 'jointly']);

/** An unknown capitalised name joined by "and" to a known party, with the pair's verb right after. */
function pairedWithKnown(s: string, tokens: Token[], claimed: Uint8Array, i: number): boolean {
  const joiner = (t: Token | undefined) => t !== undefined && (t.lower === 'and' || t.text === '&');
  // A legal form or the tail of a longer capitalised name ("Fjordlys Therapeutics ApS") is not a name of its own.
  if (LEGAL_FORMS.has(tokens[i].text) || (i > 0 && (claimed[i - 1] || isCapitalised(tokens[i - 1])) && tokens[i - 1].end + 1 >= tokens[i].start)) return false;
  // A headline's comma pairs two parties as "and" does: "Sanofi, Earendil ink ...".
  if (i >= 1 && claimed[i - 1] && /^,\s$/.test(s.slice(tokens[i - 1].end, tokens[i].start))) return PAIR_VERBS.has(tokens[i + 1]?.lower ?? '');
  if (i >= 2 && claimed[i - 2] && joiner(tokens[i - 1])) return PAIR_VERBS.has(tokens[i + 1]?.lower ?? '');
  if (joiner(tokens[i + 1]) && claimed[i + 2]) {
    let j = i + 2;
    while (j < tokens.length && claimed[j]) j++;
    return PAIR_VERBS.has(tokens[j]?.lower ?? '');
  }
  return false;
}

// "Kumquat's KRAS inhibitor", "Laekna's obesity drug": whoever owns a drug asset is a company; diseases named after
// people ("Alzheimer's drug") and places ("China's first ADC") are not.
const OWNED_ASSET = /^'s?\s+(?:[\w-]+\s+){0,3}?(?:drugs?|antibod(?:y|ies)|ADCs?|inhibitors?|candidates?|therap(?:y|ies)|vaccines?|assets?|programs?|programmes?|degraders?|molecules?|compounds?|bispecifics?|platform)\b/;
const EPONYMS = new Set(['Alzheimer', 'Parkinson', 'Huntington', 'Crohn', 'Hodgkin', 'Duchenne', 'Graves', 'Hashimoto', 'Sjögren', 'Sjogren', 'Tourette',
  'Cushing', 'Addison', 'Gaucher', 'Fabry', 'Pompe', 'Wilson', 'Gehrig', 'Behçet', 'Behcet', 'Kaposi', 'Ewing', 'Wilms', 'Burkitt', 'Waldenström', 'Castleman',
  'Barrett', 'Paget', 'Raynaud', 'Still', 'Bell', 'Down', 'Lyme', 'Chagas', 'Niemann', 'Pick', 'Tay', 'Sachs', 'Krabbe', 'Batten', 'Rett', 'Angelman', 'Dravet',
  'Lennox', 'Stargardt', 'Leber', 'Usher', 'Hunter', 'Hurler', 'Sanfilippo', 'Morquio', 'Friedreich', 'Charcot', 'Guillain', 'Kawasaki', 'Marfan', 'Ehlers',
  'China', 'Europe', 'America', 'India', 'Japan', 'Korea', 'Britain', 'Germany', 'France', 'Israel', 'Brazil', 'Canada', 'Australia', 'Africa', 'Asia',
  'World', 'Nation', 'Country', 'Industry', 'Company', 'Group', 'Year', 'Today', 'Week', 'Month']);

function ownsAsset(s: string, tokens: Token[], i: number): boolean {
  const t = tokens[i];
  // "Tessaron Bio, Inc.'s antibody": the legal form closes a name already read; it is not a name of its own.
  return !EPONYMS.has(t.text) && !NATIONALITIES.has(t.text) && !LEGAL_FORMS.has(t.text) && OWNED_ASSET.test(s.slice(t.end, t.end + 60));
}

const PRODUCT_AFTER = /^[-\s]+(?:platforms?|technolog(?:y|ies)|products?|candidates?|antibod(?:y|ies)|drugs?|conjugat\w*|chemistry|linkers?|payloads?|formats?|molecules?|programs?|programmes?|system|assay|software|model|engine)\b/i;

/** "(IFReC)" right after capitalised words that were not read as a name: the acronym of a unit, not a party. */
function acronymOfUnread(s: string, tokens: Token[], claimed: Uint8Array, i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  return s[t.start - 1] === '(' && s[t.end] === ')' && prev !== undefined && !claimed[i - 1] && isCapitalised(prev);
}

const PLACE = String.raw`\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}`;
const ASIDE = String.raw`(?:\s*\([^()]{1,30}\))?`;
// "the Universities of Dundee (Scotland) and Cape Town": one head shared by two or three places.
const PLURAL_HEAD = new RegExp(String.raw`\b[Uu]niversities of (${PLACE})${ASIDE}(?:,\s*(${PLACE})${ASIDE})?,?\s+and\s+(${PLACE})${ASIDE}`, 'gu');

/** One mention per place under a plural head: "University of Dundee", "University of Cape Town". */
export function findPluralHeadMentions(s: string, tokens: Token[], claimed: Uint8Array): OrgMention[] {
  const out: OrgMention[] = [];
  if (!/niversities of/.test(s)) return out;
  for (const m of s.matchAll(PLURAL_HEAD)) {
    let at = m.index + 'Universities of'.length;
    for (const place of [m[1], m[2], m[3]]) {
      if (place === undefined) continue;
      const start = s.indexOf(place, at);
      const end = start + place.length;
      // The first mention covers the head ("Universities of Dundee"), the others their place alone.
      const from = at === m.index + 'Universities of'.length ? m.index : start;
      at = end;
      const tokenStart = tokens.findIndex((t) => t.start >= from);
      const tokenEnd = tokens.findIndex((t) => t.start >= end);
      const last = tokenEnd < 0 ? tokens.length : tokenEnd;
      if (tokenStart < 0 || tokens.slice(tokenStart, last).some((_t, k) => claimed[tokenStart + k])) continue;
      out.push({ name: `University of ${place}`, type: 'academic', start: from, end, tokenStart, tokenEnd: last, source: 'pattern' });
    }
  }
  return out;
}

/** Unknown single names found by context: a descriptor before them, or mixed case like "PathAI". */
export function findContextMentions(s: string, tokens: Token[], claimed: Uint8Array): OrgMention[] {
  const out: OrgMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    const t = tokens[i];
    if (!isCapitalised(t) || NOT_NAME.has(t.text) || t.text.length < 3) continue;
    const prev = i > 0 ? tokens[i - 1].lower : '';
    const before = DESCRIPTOR_TAIL.has(prev) ? s.slice(Math.max(0, t.start - 60), t.start) : '';
    const mixed = t.text.length >= 5 && MIXED_CASE.test(t.text) && !/(?:News|Wire|Times|Week|Today|Daily|Post|Journal|Pharma)$/.test(t.text) && !/^(?:mRNA|RNAi|CRISPR|PhD|McDonald|McGill|iPhone|NextGen|PharmaTimes|BioWorld|BioSpace|BioCentury|GenomeWeb|FiercePharma|FierceBiotech|StockMarketWire|PRNewswire|BusinessWire|GlobeNewswire|MarketWatch|YouTube|LinkedIn)$/.test(t.text);
    // The tail of a longer name ("Google Health, a technology company") is not a name of its own.
    const tail = i > 0 && (claimed[i - 1] === 1 || isCapitalised(tokens[i - 1])) && tokens[i - 1].end + 1 >= t.start;
    const described = (before !== '' && DESCRIPTOR.test(before)) || (!tail && APPOSITIVE_DESCRIPTOR.test(s.slice(t.end, t.end + 70)));
    const paired = !described && pairedWithKnown(s, tokens, claimed, i);
    if (!mixed && !described && !paired && !ownsAsset(s, tokens, i)) continue;
    // Mixed case alone: "DuoBody platform", "GalNAc conjugates" name a technology; "(IFReC)" after an unread name is its acronym.
    if (mixed && !described && !paired && (PRODUCT_AFTER.test(s.slice(t.end, t.end + 24)) || acronymOfUnread(s, tokens, claimed, i))) continue;
    // "a deal with Oxford startup Xyz", "with Belgian spinout": a place describing the company, not its name.
    if (DESCRIBED_BY_PLACE.test(tokens[i + 1]?.lower ?? '') && !claimed[i + 1]) continue;
    // Take a following capitalised token too ("Vibrent Health" style two-word names).
    let j = i + 1;
    if (j < tokens.length && !claimed[j] && isCapitalised(tokens[j]) && joinsName(s, t, tokens[j]) && !NOT_NAME.has(tokens[j].text) && described) j++;
    const type: PartyType = TECH_DESCRIPTOR.test(before) || /AI$/.test(t.text) ? 'tech' : 'biotech';
    out.push({ name: nameFromTokens(s, tokens, i, j), type, start: t.start, end: tokens[j - 1].end, tokenStart: i, tokenEnd: j, source: 'context' });
    i = j - 1;
  }
  return out;
}
