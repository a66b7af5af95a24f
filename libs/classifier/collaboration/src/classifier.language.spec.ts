import { classify } from './index';

// Invented headlines and leads in the many ways trade press words deals and near-deals. [flag, title, text?]
type Case = [boolean, string, string?];

const CASES: Case[] = [
  [true, 'Ipsen bets on Marlow Bio’s degrader platform in $40M upfront deal'],
  [true, 'Vertex and Orna Therapeutics collaborate on in vivo gene editing', 'Vertex Pharmaceuticals will pay Orna $65 million upfront to research and develop circular RNA therapies.'],
  [true, 'Daiichi Sankyo selects Tessera for RNA writer research alliance'],
  [true, 'J&J’s Janssen strikes research deal with Weizmann Institute to probe autoimmunity'],
  [true, 'Nvidia and Recursion Pharmaceuticals partner to speed AI drug discovery', 'Nvidia will invest $50 million in Recursion, and the two companies will collaborate to train foundation models for drug discovery.'],
  [true, 'Isomorphic Labs signs first pharma deals with Lilly and Novartis', 'Isomorphic Labs has entered into strategic research collaborations with Eli Lilly and Novartis to discover small molecule therapeutics. Isomorphic will receive $45 million upfront from Lilly.'],
  [true, 'University of Dundee and Boehringer Ingelheim extend PROTAC research partnership by three years'],
  [true, 'BARDA awards Valneva $50M to co-develop chikungunya vaccine', 'The partnership with the Biomedical Advanced Research and Development Authority will support late-stage clinical development.'],
  [true, 'Gates Foundation and Novartis join hands to develop malaria treatment for newborns'],
  [true, 'Servier and Aqemia enter collaboration to design new oncology drugs with AI'],
  [true, 'Chugai, Osaka University to jointly research antibody engineering'],
  [true, 'Amgen licenses Kyowa Kirin’s OX40 antibody, will co-develop it for atopic dermatitis'],
  [true, 'Otsuka and Lundbeck form alliance for Alzheimer’s agitation drug development'],
  [true, 'Biotech startup Xylo inks collaboration with Pfizer to test its oral GLP-1 in obesity'],
  [true, 'Exscientia and Sanofi ink $100M AI pact', 'Sanofi will pay Exscientia $100 million upfront in a research collaboration and license agreement to develop up to 15 novel small molecule candidates.'],
  [false, 'Pfizer says partnership with BioNTech will continue despite lower COVID sales'],
  [false, 'AstraZeneca exits collaboration with Ionis on heart drug'],
  [false, 'Takeda opts out of Arcturus research partnership'],
  [false, 'Merck KGaA acquires partner SpringWorks for $3.9 billion'],
  [false, 'Catalent to manufacture Novavax vaccine under new agreement'],
  [false, 'Gilead and Galapagos end filgotinib collaboration'],
  [false, 'Samsung Bioepis and Organon sign commercialization agreement for biosimilars'],
  [false, 'Biogen, Eisai present lecanemab Phase 3 data at CTAD', 'The companies co-develop the antibody under a 2014 agreement.'],
  [false, 'The state of biopharma partnering in 2025: fewer deals, bigger upfronts'],
  [false, 'Novartis partners with Microsoft on new AI lab? Not yet, says CEO'],
  [false, 'Lilly hires former Pfizer R&D chief to run external partnerships'],
  [false, 'Zymeworks reports third quarter results and collaboration revenue'],
  [false, 'Sanofi opens $500 million vaccine plant in Toronto'],
  [false, 'EMA recommends approval of Vertex and CRISPR Therapeutics gene therapy'],
  [false, 'NIH grants $10 million to Stanford for Alzheimer’s research'],
  [false, 'Moderna sues Pfizer and BioNTech over mRNA patents'],
  [false, 'Regeneron and Sanofi’s Dupixent wins approval in COPD'],
  [false, 'Roche declines to exercise option on Poseida program, ending partnership'],
  [true, 'Roche’s Genentech signs $50M upfront deal with Cellarity to discover cell-state drugs'],
  [true, 'Almirall taps Absci for AI-designed antibodies in dermatology', 'Almirall S.A. and Absci Corporation entered into a drug creation collaboration. Absci is eligible for up to $650 million in milestones.'],
  [true, 'AbbVie, Calico extend aging research alliance with additional $500 million'],
  [true, 'BioNTech and CEPI partner to develop mpox vaccine'],
  [true, 'UCB and Harvard launch five-year neuroscience research program'],
  [true, 'Servier enters strategic partnership with Institut Curie in paediatric oncology'],
  [true, 'Sumitomo Pharma and Kyoto University iPS research pact renewed'],
  [true, 'Dana-Farber and Bristol Myers Squibb sign agreement to study biomarkers of response to immunotherapy'],
  [true, 'Generate Biomedicines forges $1B+ protein design collaboration with Novartis', 'Novartis will pay Generate $65 million upfront, including an equity investment, and up to $1 billion in milestones.'],
  [true, 'ModeX enters research agreement with Merck to develop trispecific antibodies', 'ModeX Therapeutics Inc. said it has entered a research collaboration and license agreement with Merck & Co. under which Merck gains exclusive rights to a preclinical trispecific antibody.'],
  [true, 'AstraZeneca and Cancer Research UK open functional genomics centre in Cambridge'],
  [true, 'Insilico Medicine partners with Fosun Pharma on AI drug discovery for multiple targets'],
  [true, 'Novo Nordisk Foundation, Wellcome and Gates Foundation commit to joint research initiative on antimicrobial resistance', 'The foundations will jointly fund a research consortium of universities and companies to discover new antibiotics.'],
  [true, 'Schrödinger and Lilly enter drug discovery collaboration', ''],
  [true, 'Eisai agrees to co-develop Bliss Biopharmaceutical’s HER2 ADC in $2B deal'],
  [false, 'Bayer partners with Google Cloud to move data centres to the cloud', 'The agreement covers IT infrastructure and office software.'],
  [false, 'Teva and Alvotech sign US commercialization partnership for biosimilar', 'Teva will handle sales and marketing in the United States.'],
  [false, 'Analyst: Big Pharma will sign more AI partnerships in 2026'],
  [false, 'Moderna cuts 500 jobs as it reshapes research partnerships'],
  [false, 'Genmab and AbbVie share new epcoritamab data from ongoing collaboration'],
  [false, 'Johnson & Johnson to buy Intra-Cellular Therapies for $14.6 billion'],
  [false, 'Merck, Daiichi Sankyo collaboration drug wins FDA nod'],
  [false, 'Why Pfizer walked away from its gene therapy partnership'],
  [false, 'Astellas terminates research alliance with Ambys Medicines'],
  [false, 'Boehringer Ingelheim signs supply agreement with WuXi Biologics for antibody production'],
  [false, 'Sanofi invests €1 billion in new manufacturing site in France'],
  [false, 'FDA and EMA sign collaboration agreement on inspections'],
  [false, 'Novartis and Sandoz complete spin-off'],
  [false, 'Pfizer to pay $5 billion settlement in partnership dispute'],
  [false, 'Kooperation: Bayer und Charité gründen gemeinsames Forschungszentrum'],
  [false, 'アステラス製薬、東京大学と提携 — collaboration'],
  [false, 'Exclusive: Novartis weighs partnership options for its cell therapy unit'],
  [false, 'Gilead to license HIV drug to generic makers for sale in 120 countries'],
];

describe('classify: the language of deal announcements', () => {
  const positives = CASES.filter(([flag]) => flag).map(([, title, text]) => [title, text ?? ''] as const);
  const negatives = CASES.filter(([flag]) => !flag).map(([, title, text]) => [title, text ?? ''] as const);

  it.each(positives)('should flag an R&D collaboration when the news reads "%s"', (title, text) => {
    expect(classify({ title, text }).is_rd_collaboration).toBe(true);
  });

  it.each(negatives)('should not flag it when the news reads "%s"', (title, text) => {
    expect(classify({ title, text }).is_rd_collaboration).toBe(false);
  });
});
