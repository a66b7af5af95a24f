// Lexicons for therapeutic areas, modalities and geographies. Order is the output order.

type Lexicon = readonly (readonly [label: string, pattern: RegExp])[];

export const THERAPEUTIC_AREAS: Lexicon = [
  ['oncology', /\b(?:cancers?|tumou?rs?|oncolog\w*|carcinomas?|leuka?emias?|lymphomas?|myelomas?|melanomas?|sarcomas?|glioblastomas?|gliomas?|metasta\w*|immuno-oncology|neoplas\w*|chemotherap\w*|radioligand|ovarian|prostate|breast)\b/i],
  ['neurology', /\b(?:neurolog\w*|neurodegenerat\w*|alzheimer'?s?|parkinson'?s?|amyotrophic|ALS|multiple sclerosis|epilep\w*|huntington'?s?|migraine|stroke|CNS|central (?:and peripheral )?nervous system|nervous systems?|neuromuscular|dementia|brain)\b/i],
  ['psychiatry', /\b(?:psychiatr\w*|schizophreni\w*|depress\w*|bipolar|anxiety|neuropsychiatric|mood disorders?|PTSD|autism)\b/i],
  ['immunology', /\b(?:immunolog\w*|autoimmun\w*|inflammat\w*|rheumatoid|lupus|psoriasis|atopic dermatitis|immune-mediated|immune cells?|immune system)\b/i],
  ['infectious disease', /\b(?:infectious|infections?|antibiotics?|antibacterial|antimicrobial|antiviral|viral|virus(?:es)?|HIV|AIDS|tuberculosis|TB|malaria|covid(?:-19)?|sars-cov-2|coronavirus|influenza|flu|pathogens?|bacteria\w*|RSV|shingles|SFTS|dengue|ebola|zika|gram-negative|hepatitis [BC])\b/i],
  ['cardiovascular', /\b(?:cardiovascular|cardio\w*|heart|cardiac|atherosclero\w*|hypertension|thrombo\w*|vascular|lipids?|cholesterol)\b/i],
  ['metabolic', /\b(?:diabet\w*|obesity|metabolic|metabolism|glucose|insulin|weight loss|GLP-1)\b/i],
  ['nephrology', /\b(?:kidney|renal|nephro\w*)\b/i],
  ['hepatology', /\b(?:liver|NASH|MASH|NAFLD|steatohepatitis|hepat(?:ic|ology|ocellular))\b/i],
  ['respiratory', /\b(?:respiratory|COPD|asthma|pulmonary|airways?|lung (?:disease|tissue|fibrosis|function)|idiopathic pulmonary)\b/i],
  ['rare disease', /\b(?:rare (?:genetic )?diseases?|orphan|lysosomal|duchenne|spinal muscular atrophy|cystic fibrosis|genetic medicines)\b/i],
  ['hematology', /\b(?:sickle cell|ha?emophilia|thalass(?:a)?emia|blood disorders?|ana?emia|ha?ematolog\w*)\b/i],
  ['ophthalmology', /\b(?:ophthalm\w*|retina\w*|macular|glaucoma|eye diseases?|vision loss)\b/i],
  ['dermatology', /\b(?:dermatolog\w*|skin diseases?|eczema|acne|hidradenitis)\b/i],
  ['gastroenterology', /\b(?:gastro\w*|inflammatory bowel|IBD|colitis|crohn'?s?|bowel)\b/i],
  ['gynecology', /\b(?:gyn(?:a)?ecolog\w*|endometriosis|women's health|fertility)\b/i],
  ['pain', /\b(?:pain|analgesi\w*|opioids?)\b/i],
  ['musculoskeletal', /\b(?:osteoarthritis|osteoporosis|musculoskeletal|bone diseases?|sarcopenia)\b/i],
];

export const MODALITIES: Lexicon = [
  ['small molecule', /\bsmall[- ]molecules?\b|\boral (?:small molecule|drugs?)\b/i],
  ['ADC', /\bantibody[- ]drug conjugates?|\bADCs?\b/i],
  ['antibody', /\b(?:antibod(?:y|ies)|mAbs?|monoclonal|bispecifics?|nanobod(?:y|ies))\b/i],
  ['cell therapy', /\b(?:cell therap\w*|CAR[- ]?T|CAR[- ]NK|TCR[- ]T|NK cells?|T[- ]cell therap\w*)\b/i],
  ['gene therapy', /\b(?:gene therap\w*|AAV)\b/i],
  ['gene editing', /\b(?:gene[- ]editing|CRISPR|base editing|prime editing)\b/i],
  ['mRNA', /\b(?:mRNA|messenger RNA)\b/i],
  ['RNAi', /\b(?:RNAi|siRNA|RNA interference)\b/i],
  ['oligonucleotide', /\b(?:antisense|ASOs?|oligonucleotides?|nucleic acid)\b/i],
  ['vaccine', /\bvaccines?\b/i],
  ['radiopharmaceutical', /\b(?:radiopharmaceutic\w*|radioligand|radiotherapeutic|radionuclide|radioconjugate)\b/i],
  ['protein degrader', /\b(?:PROTAC|protein degrad\w*|degraders?|molecular glues?)\b/i],
  ['peptide', /\bpeptides?\b/i],
  ['microbiome', /\bmicrobiome\b/i],
  ['AI/ML platform', /\b(?:artificial intelligence|AI|machine learning|generative|deep learning|computational|physics-based|in silico)\b/i],
  ['diagnostic', /\b(?:diagnostics?|companion diagnostic|biomarkers?|assays?|digital pathology)\b/i],
];

export const GEOGRAPHIES: Lexicon = [
  ['United States', /\b(?:U\.S\.|US|USA|United States|America|American|Boston|New York|San Francisco|San Diego|Seattle|Houston|Texas|California|Massachusetts|Washington)\b/],
  ['United Kingdom', /\b(?:U\.K\.|UK|United Kingdom|Britain|British|England|London|Oxford|Cambridge, UK|Scotland)\b/],
  ['Germany', /\b(?:Germany|German|Berlin|Munich|Frankfurt|Mainz|Heidelberg|Darmstadt)\b/],
  ['France', /\b(?:France|French|Paris|Lyon)\b/],
  ['Switzerland', /\b(?:Switzerland|Swiss|Basel|Zurich|Zürich|Geneva|Lausanne)\b/],
  ['Russia', /\b(?:Russia|Russian|St\.? Petersburg|Moscow)\b/],
  ['China', /\b(?:China|Chinese|Shanghai|Beijing|Suzhou|Shenzhen|Hangzhou|Jiangsu)\b/],
  ['Japan', /\b(?:Japan|Japanese|Tokyo|Osaka|Kyoto|Tsukuba)\b/],
  ['South Korea', /\b(?:South Korea|Korea|Korean|Seoul|Incheon|Songdo)\b/],
  ['India', /\b(?:India|Indian|Mumbai|Bangalore|Bengaluru|Hyderabad)\b/],
  ['Israel', /\b(?:Israel|Israeli|Tel Aviv|Rehovot)\b/],
  ['Denmark', /\b(?:Denmark|Danish|Copenhagen)\b/],
  ['Sweden', /\b(?:Sweden|Swedish|Stockholm|Uppsala)\b/],
  ['Netherlands', /\b(?:Netherlands|Dutch|Amsterdam|Leiden)\b/],
  ['Belgium', /\b(?:Belgium|Belgian|Brussels)\b/],
  ['Spain', /\b(?:Spain|Spanish|Madrid|Barcelona|Andalucia|Granada)\b/],
  ['Italy', /\b(?:Italy|Italian|Milan|Rome)\b/],
  ['Ireland', /\b(?:Ireland|Irish|Dublin)\b/],
  ['Canada', /\b(?:Canada|Canadian|Toronto|Montreal|Vancouver)\b/],
  ['Australia', /\b(?:Australia|Australian|Sydney|Melbourne)\b/],
  ['Singapore', /\bSingapore\b/],
  ['South Africa', /\b(?:South Africa|South African|Cape Town|Johannesburg)\b/],
  ['Brazil', /\b(?:Brazil|Brazilian|São Paulo)\b/],
  ['Europe', /\b(?:Europe|European|EU)\b/],
  ['Africa', /\b(?:Africa|African)\b/],
  ['Asia', /\b(?:Asia|Asian|Asia-Pacific)\b/],
];

interface Compiled {
  /** Any keyword of any label, no groups: a fast scan. */
  any: RegExp;
  scan: RegExp;
}

const compiled = new WeakMap<Lexicon, Compiled>();

/** The X of a pattern written as one word-bounded group, `\b(?:X)\b`, or null when it has another shape. */
function wordGroupBody(source: string): string | null {
  if (!source.startsWith('\\b(?:') || !source.endsWith(')\\b')) return null;
  // The group opened at the start must close just before the final \b, not earlier ("\b(?:a)|(?:b)\b").
  let depth = 1;
  for (let i = 5; i < source.length - 2; i++) {
    const ch = source[i];
    if (ch === '\\') { i++; continue; }
    if (ch === '[') { while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1; continue; }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i !== source.length - 3) return null;
  }
  return source.slice(5, -3);
}

/**
 * One alternation of every label's pattern. When every pattern is `\b(?:…)\b`, the word boundaries are factored out
 * (`\b(?:A|B|…)\b`): the same matches in the same order of preference, but V8 rejects a position that is not a word
 * start once instead of once per label, which halves the cost of the scan.
 */
function combinedSource(lexicon: Lexicon): string {
  const bodies = lexicon.map(([, re]) => wordGroupBody(re.source));
  if (bodies.every((b) => b !== null)) return `\\b(?:${bodies.join('|')})\\b`;
  return lexicon.map(([, re]) => `(?:${re.source})`).join('|');
}

function compile(lexicon: Lexicon): Compiled {
  let c = compiled.get(lexicon);
  if (!c) {
    const flags = lexicon[0][1].flags.replace('g', '');
    const source = combinedSource(lexicon);
    c = { any: new RegExp(source, flags), scan: new RegExp(source, `${flags}g`) };
    compiled.set(lexicon, c);
  }
  return c;
}

/** Labels whose pattern occurs in the text, in lexicon order: one scan, then only the matched words are labelled. */
export function labelsIn(text: string, lexicon: Lexicon, max = 50): string[] {
  const { scan } = compile(lexicon);
  const hit = new Set<number>();
  scan.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = scan.exec(text)) !== null) {
    // Label the match in its context so \b and lookarounds in the label pattern still hold.
    const window = text.slice(Math.max(0, m.index - 1), m.index + m[0].length + 1);
    for (let i = 0; i < lexicon.length; i++) {
      if (!hit.has(i) && lexicon[i][1].test(window)) hit.add(i);
    }
    if (m[0].length === 0) scan.lastIndex++;
  }
  return [...hit].sort((a, b) => a - b).slice(0, max).map((i) => lexicon[i][0]);
}

/** Whether any label of the lexicon occurs in the text. */
export function mentionsAny(text: string, lexicon: Lexicon): boolean {
  return compile(lexicon).any.test(text);
}
