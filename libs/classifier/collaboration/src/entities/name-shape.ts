/**
 * Whether a name found by pattern or context has the shape of an organisation's name. Word lists are data: a diff
 * shows the word that changed. The checks look at the words of the name only, never at one article.
 */

// Legal forms, dotted or not: never a name of their own ("Co.", "Limited", "Pte").
export const LEGAL_FORM_TOKENS: ReadonlySet<string> = new Set([
  'Inc', 'Incorporated', 'Ltd', 'Limited', 'LLC', 'LLP', 'LP', 'Corp', 'Corporation', 'Company', 'Co', 'AG', 'GmbH', 'KGaA', 'SA', 'SE', 'NV',
  'BV', 'plc', 'PLC', 'Plc', 'KK', 'AB', 'ASA', 'SpA', 'SAS', 'SARL', 'Srl', 'SRL', 'Pty', 'Pte', 'Pvt', 'Private', 'ApS', 'Oy', 'Oyj', 'AS', 'A',
  'S', 'Ltda', 'Bhd', 'Sdn', 'Tbk', 'PT', 'JSC', 'PJSC', 'Kft', 'Sp', 'z', 'o', 'B', 'V', 'N', 'K',
]);

// Words that describe what an organisation is or does but never say which one: a name made only of these (and
// connectors) is a unit, a programme or a phrase ("Research Foundation", "Health System", "Institute of Medical
// Science", "Holding", "Innovation"), unless a state body names its country elsewhere ("Ministry of Health").
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  // heads of institutions
  'University', 'Universities', 'College', 'Institute', 'Institutes', 'Academy', 'School', 'Schools', 'Faculty', 'Hospital', 'Hospitals',
  'Clinic', 'Clinics', 'Center', 'Centre', 'Centers', 'Centres', 'Foundation', 'Trust', 'Society', 'Association', 'Fund', 'Coalition',
  'Consortium', 'Alliance', 'Network', 'Partnership', 'Initiative', 'Program', 'Programme', 'Project', 'Platform', 'Unit', 'Division',
  'Department', 'Laboratory', 'Laboratories', 'Lab', 'Labs', 'Office', 'Board', 'Committee', 'Council', 'Agency', 'Authority', 'Ministry',
  'Commission', 'Administration', 'Group', 'Holding', 'Holdings', 'System', 'Systems', 'Services', 'Service', 'Ventures', 'Capital', 'Partners',
  // what they work on
  'Research', 'Innovation', 'Innovations', 'Development', 'Discovery', 'Translational', 'Applied', 'Advanced', 'Excellence', 'Frontier',
  'Science', 'Sciences', 'Scientific', 'Technology', 'Technologies', 'Technological', 'Engineering', 'Medicine', 'Medicines', 'Medical',
  'Health', 'Healthcare', 'Care', 'Clinical', 'Therapeutic', 'Therapeutics', 'Therapy', 'Therapies', 'Drug', 'Drugs', 'Pharmaceutical',
  'Pharmaceuticals', 'Pharma', 'Pharmacy', 'Biotech', 'Biotechnology', 'Biology', 'Biological', 'Biomedical', 'Bio', 'Chemistry', 'Chemical',
  'Physics', 'Genome', 'Genomic', 'Genomics', 'Genetics', 'Cancer', 'Oncology', 'Immunology', 'Infection', 'Infectious', 'Disease', 'Diseases',
  'Microbial', 'Vaccine', 'Vaccines', 'Veterinary', 'Dental', 'Nursing', 'Public', 'Mental', 'Neuro', 'Neuroscience', 'Neurosciences',
  'Molecular', 'Cell', 'Cellular', 'Gene', 'Stem', 'Regenerative', 'Precision', 'Digital', 'Data', 'AI', 'Quantitative', 'Education',
  'Culture', 'Sports', 'Welfare', 'Labour', 'Labor', 'Industry', 'Industrial', 'Trade', 'Economy', 'Economic', 'Energy', 'Environment',
  'Agriculture', 'Food', 'Nutrition', 'Life', 'Human', 'Animal', 'Plant', 'Marine',
  // scope
  'National', 'International', 'Global', 'Regional', 'Central', 'General', 'Joint', 'Strategic', 'Federal', 'State', 'Municipal', 'Private',
  'New', 'Key', 'Collaborative', 'Integrated', 'Comprehensive', 'Children', "Children's", 'Women', 'Memorial', 'Academic',
  // connectors
  'of', 'for', 'and', 'the', 'in', 'at', '&', 'de', 'du', 'des', 'der', 'für', 's',
]);

// State bodies are named by their remit, and the country comes from the article ("Department of Health", "National
// Institute of Infectious Diseases").
const STATE_BODY_HEAD = /^(?:Ministry|Department|Agency|Administration|Authority|Commission|Council|Office|Government|National|Federal)$/;

// A person's title opens the run: "Head of the Pharmaceuticals Division", "Member of the Board", "CEO of Xyz".
const PERSON_TITLES: ReadonlySet<string> = new Set([
  'Head', 'Chief', 'Member', 'Members', 'Director', 'Directors', 'President', 'Vice', 'CEO', 'CFO', 'CSO', 'CMO', 'COO', 'CTO', 'Chairman',
  'Chairwoman', 'Chair', 'Chairperson', 'Senator', 'Minister', 'Secretary', 'Professor', 'Prof', 'Dean', 'Manager', 'Officer', 'Executive',
  'Founder', 'Cofounder', 'Governor', 'Mayor', 'Commissioner', 'Provost', 'Rector', 'Chancellor', 'Deputy', 'Managing', 'Investigator',
  'Fellow', 'Trustee', 'Mr', 'Ms', 'Mrs', 'Dr', 'Sir', 'Dame', 'Lord', 'Ambassador', 'Representative', 'Spokesperson', 'Spokesman', 'Spokeswoman',
]);

// A document opens the run: "Memorandum of Association", "Letter of Intent", "Agreement of Cooperation".
const DOCUMENT_WORDS: ReadonlySet<string> = new Set([
  'Memorandum', 'Agreement', 'Letter', 'Contract', 'Protocol', 'Declaration', 'Treaty', 'Charter', 'Statement', 'Term', 'Terms',
]);

export type NameShapeProblem = 'legal-form' | 'generic' | 'person-title' | 'document';

const wordsOf = (name: string) => name.split(/[^\p{L}\p{N}&'’]+/u).filter(Boolean);
const generic = (w: string) => GENERIC_WORDS.has(w) || GENERIC_WORDS.has(w.replace(/['’]s?$/u, '')) || LEGAL_FORM_TOKENS.has(w);

/** Every word of the name is a legal form: "Co.", "Limited", "Pte. Ltd.". */
export function isLegalFormOnly(name: string): boolean {
  const words = wordsOf(name);
  return words.length > 0 && words.every((w) => LEGAL_FORM_TOKENS.has(w));
}

/** Every word of the name is generic or a connector: "Research Foundation", "Institute of Medical Science". */
export function isGenericName(name: string): boolean {
  const words = wordsOf(name);
  return words.length > 0 && words.every(generic);
}

/** Why a name found by pattern or context is not an organisation's name, or null when its shape is fine. */
export function nameShapeProblem(name: string): NameShapeProblem | null {
  const words = wordsOf(name);
  if (words.length === 0 || isLegalFormOnly(name)) return 'legal-form';
  if (PERSON_TITLES.has(words[0])) return 'person-title';
  if (DOCUMENT_WORDS.has(words[0])) return 'document';
  if (isGenericName(name) && !STATE_BODY_HEAD.test(words[0])) return 'generic';
  return null;
}
