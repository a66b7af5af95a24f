import { classificationSchema } from '@pharma-radar/contracts';
import { classify, CollaborationClassifier, MODEL_VERSION } from './index';

// Invented announcements in the style of press releases and trade-press rewrites. None is copied from any set.
const a = (title: string, text = '') => ({ title, text });

describe('classify: R&D collaborations are flagged', () => {
  it.each([
    ['research_collaboration', a('Kestrel Pharma and the University of Leeds sign five-year research collaboration on fibrosis targets',
      'LEEDS, England--Kestrel Pharma Ltd and the University of Leeds today announced a five-year research collaboration to identify new drug targets in liver fibrosis. Financial terms were not disclosed.')],
    ['research_collaboration', a('Novartis teams up with Karolinska Institutet to map immune cells in lupus',
      'Novartis and Karolinska Institutet will jointly run a translational research programme. The institute will contribute patient cohorts.')],
    ['research_collaboration', a('Astellas forms AI drug discovery pact with Quillfish Labs',
      'Astellas Pharma Inc. has entered into a multi-year drug discovery collaboration with Quillfish Labs to discover small molecule candidates for two undisclosed targets.')],
    ['research_collaboration', a('Charité and Bayer launch joint research centre for cardiovascular disease',
      'Charité - Universitätsmedizin Berlin and Bayer AG have established a new research centre to study the biology of heart failure.')],
    ['research_collaboration', a('Pfizer partners with Memorial Sloan Kettering on tumour biomarker studies')],
    ['research_collaboration', a('Moderna and the NIH agree to study mRNA vaccines for Lyme disease',
      'Moderna has signed a cooperative research and development agreement with the National Institutes of Health to evaluate investigational mRNA vaccine candidates.')],
    ['co_development', a('Blueleaf Bio and Sanofi to co-develop bispecific antibody for asthma',
      'Blueleaf Bio Inc. and Sanofi today entered into an agreement to jointly develop and commercialize BLB-204, a bispecific antibody in Phase 1 for severe asthma. The companies will share development costs equally.')],
    ['co_development', a('Takeda and Halvard Therapeutics form 50/50 joint venture to develop cell therapies',
      'Takeda and Halvard Therapeutics have formed a joint venture to develop allogeneic cell therapies for solid tumours.')],
    ['licensing_with_rd', a('Merck inks $35M upfront licensing deal with Orrin Therapeutics for RNAi programme',
      'Merck & Co. has entered an exclusive license and research collaboration agreement with Orrin Therapeutics. Under the terms, Merck will pay $35 million upfront and up to $900 million in milestones, plus tiered royalties. The companies will collaborate on preclinical research before Merck assumes development.')],
    ['licensing_with_rd', a('Gilead takes option on Peregrine Bio liver programs in deal worth up to $1.1 billion',
      'Gilead Sciences has signed an option and license agreement with Peregrine Bio to develop candidates for NASH. Peregrine will receive $60 million upfront.')],
    ['consortium', a('Twelve companies and universities join forces in new antimicrobial resistance consortium',
      'Twelve pharmaceutical companies and research institutions have formed a public-private consortium, funded by the Innovative Medicines Initiative, to discover new antibiotics.')],
    ['consortium', a('CEPI, Oxford and three vaccine makers launch consortium to develop Nipah vaccine',
      'CEPI has launched a consortium with the University of Oxford and three vaccine makers to develop a vaccine against Nipah virus.')],
  ])('should flag a %s when the announcement says so', (eventType, input) => {
    const c = classify(input);
    expect(c.is_rd_collaboration).toBe(true);
    expect(c.event_type).toBe(eventType);
    expect(c.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('should flag a title-only item when the headline is a complete announcement', () => {
    const c = classify(a('AbbVie signs research collaboration with Stanford University to discover neurodegeneration targets'));
    expect(c.is_rd_collaboration).toBe(true);
    expect(c.parties.map((p) => p.name)).toEqual(['AbbVie', 'Stanford University']);
    expect(c.evidence).toContain('signs research collaboration');
  });

  it('should flag an expanded agreement when the existing partners extend it', () => {
    const c = classify(a('Genmab expands antibody discovery collaboration with AbbVie',
      'Genmab today announced that it has expanded its existing discovery collaboration with AbbVie to include two new oncology targets.'));
    expect(c.is_rd_collaboration).toBe(true);
  });
});

describe('classify: look-alikes are not flagged', () => {
  it.each([
    ['termination', a('Roche ends collaboration with Vireo Therapeutics and returns rights to eye drug',
      'Roche has terminated its 2019 collaboration with Vireo Therapeutics and will return all rights to VR-11.')],
    ['termination', a('Biogen hands back rights to partnered ALS antibody')],
    ['acquisition', a('Lilly to acquire Corvane Bio for $1.2 billion',
      'Eli Lilly and Company has agreed to acquire Corvane Bio for $24 per share in cash. The companies had collaborated on a research programme since 2021.')],
    ['acquisition', a('Novo Nordisk completes takeover of partner Tessel Pharma')],
    ['manufacturing_supply', a('Lonza signs manufacturing agreement with Moderna to produce mRNA vaccine',
      'Lonza will manufacture drug substance for Moderna at its plant in Visp under a ten-year supply agreement.')],
    ['commercial_deal', a('Ipsen and Menarini sign co-promotion agreement for migraine drug in Europe',
      'The companies will co-promote the drug in Italy and Spain.')],
    ['financing', a('Quorra Therapeutics raises $80 million Series B to advance its gene therapy pipeline',
      'The financing was led by Atlas Venture with participation from existing investors.')],
    ['clinical_result', a('Pfizer and BioNTech report positive Phase 3 results for combined flu and COVID vaccine',
      'The companies, which are jointly developing the vaccine under a collaboration signed in 2022, said the trial met its primary endpoints.')],
    ['regulatory', a('FDA approves AstraZeneca and Daiichi Sankyo ADC for gastric cancer',
      'The approval was based on data from a Phase 3 trial run under the companies’ existing collaboration.')],
    ['personnel', a('GSK names new chief scientific officer to lead R&D partnerships')],
    ['legal', a('Amgen sues former partner over antibody patent in Delaware court')],
    ['general_commentary', a('Why academic partnerships fail: lessons from ten years of pharma collaborations')],
    ['general_commentary', a('How to structure a licensing deal with a Chinese biotech?')],
  ])('should not flag a %s when collaboration words appear', (eventType, input) => {
    const c = classify(input);
    expect(c.is_rd_collaboration).toBe(false);
    expect(c.event_type).toBe(eventType);
  });

  it('should call the sale of a royalty on a partnered drug financing, not a commercial deal', () => {
    const c = classify({
      title: 'Halvard Bio sells royalty interest in partnered MS drug',
      text: 'Halvard Bio agreed to sell part of its royalty on a multiple sclerosis drug partnered with Denali to Royalty Pharma for $400 million.',
    });
    expect([c.is_rd_collaboration, c.event_type]).toEqual([false, 'financing']);
  });

  it.each([
    ['termination', 'Halcyon ends protein design pact with Marrowfield', 'Halcyon plc has ended its four-year drug discovery alliance with Marrowfield AI; rights to the programmes return to Marrowfield.'],
    ['commercial_deal', 'Vello and Astrin ink co-marketing pact for migraine drug in Spain', "Vello Farma has signed a co-marketing agreement with Astrin Pharma for Astrin's approved migraine treatment in Spain."],
    ['commercial_deal', 'Pharmacy group and drugmaker partner on adherence programme', 'Dutch pharmacy group Apotheka has partnered with Moravec Pharma B.V. to offer a medication adherence programme at 200 branches.'],
    ['safety', 'FDA places hold on partnered gene therapy trial', "The FDA placed a clinical hold on the Phase 1 trial of Orvik Bio's OB-12, partnered with Sanofi. Dosing has been paused while the company and its collaborator investigate."],
  ])('should call it %s when the news reads "%s"', (type, title, text) => {
    const c = classify({ title, text });
    expect([c.is_rd_collaboration, c.event_type]).toEqual([false, type]);
  });

  it('should call a two-company deal on a "bacterial consortium" product co-development, not a consortium', () => {
    const c = classify({
      title: 'Marlin and Gutbloom to co-develop bacterial therapy for colitis',
      text: 'Marlin Pharmaceuticals and Gutbloom Biosciences have agreed to co-develop GB-7, a defined bacterial consortium for ulcerative colitis.',
    });
    expect([c.is_rd_collaboration, c.event_type]).toEqual([true, 'co_development']);
  });

  it('should not flag a deal when the text says the talks are only ongoing', () => {
    const c = classify(a('Sanofi reportedly in talks to partner with Lumora on obesity drug', 'People familiar with the matter said no agreement had been reached.'));
    expect(c.is_rd_collaboration).toBe(false);
  });

  it('should not flag a feature story when the collaboration was formed years ago', () => {
    const c = classify(a('Working together to understand rare diseases: Bayer and Oxford',
      'Bayer and the University of Oxford established their research collaboration in 2016. Since then, the partners have published many papers.'));
    expect(c.is_rd_collaboration).toBe(false);
  });

  it.each([
    ['German', 'Bayer und Universität Heidelberg vereinbaren Forschungskooperation in der Onkologie'],
    ['Japanese', '武田薬品、京都大学と共同研究契約を締結'],
    ['emoji only', '🤝🧬💊'],
    ['empty', ''],
  ])('should not crash or flag when the title is %s', (_kind, title) => {
    const c = classify({ title, text: '' });
    expect(classificationSchema.safeParse(c).success).toBe(true);
    expect(c.is_rd_collaboration).toBe(false);
  });

  it('should return a valid result when the input is not an object at all', () => {
    const c = classify(null as unknown as { title: string; text: string });
    expect(classificationSchema.safeParse(c).success).toBe(true);
    expect(c.is_rd_collaboration).toBe(false);
  });

  it('should stay fast and valid when the title is 40 000 asterisks', () => {
    const started = Date.now();
    const c = classify({ title: '*'.repeat(40_000), text: 'collaboration '.repeat(20_000) });
    expect(classificationSchema.safeParse(c).success).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('classify: extraction', () => {
  const c = classify(a('AZ signs tumour genomics research pact with Russia\'s N.N. Petrov Institute of Oncology',
    'ST PETERSBURG--AstraZeneca said on Tuesday it has signed a research agreement with N.N. Petrov Institute of Oncology to find tumour mutations that could guide therapy in lung and ovarian cancer. The institute will sequence tumour samples. Terms were not disclosed.'));

  it('should resolve aliases to canonical names when an article uses a short form', () => {
    expect(c.parties.map((p) => p.name)).toEqual(['AstraZeneca', 'N.N. Petrov Institute of Oncology']);
    expect(c.parties.map((p) => p.type)).toEqual(['pharma', 'academic']);
  });

  it('should pick the body sentence as evidence when it carries the announcement', () => {
    expect(c.evidence).toBe('ST PETERSBURG--AstraZeneca said on Tuesday it has signed a research agreement with N.N. Petrov Institute of Oncology to find tumour mutations that could guide therapy in lung and ovarian cancer.');
  });

  it('should report undisclosed terms, area and geography when the text states them', () => {
    expect(c.financial_terms?.undisclosed).toBe(true);
    expect(c.therapeutic_areas).toContain('oncology');
    expect(c.geographies).toContain('Russia');
    expect(c.model_version).toBe(MODEL_VERSION);
  });

  it('should name a party the evidence only describes ("the pharma giant") and read its role off the deal terms', () => {
    const r = classify(a('Quillfish Therapeutics licenses degrader platform in oncology',
      'Quillfish Therapeutics Inc. said on Monday it has granted AstraZeneca an exclusive licence to its degrader platform. The pharma giant will pay $35 million upfront and up to $800 million in milestones to develop cancer drugs with the biotech.'));
    expect(r.is_rd_collaboration).toBe(true);
    expect(r.event_type).toBe('licensing_with_rd');
    expect(r.parties).toEqual([
      { name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' },
      { name: 'AstraZeneca', type: 'pharma', role: 'licensee' },
    ]);
  });

  it('should find a party named only outside the chosen sentences through its description in the evidence', () => {
    const r = classify(a('Cancer institute joins big pharma on tumour genetics',
      'AstraZeneca is expanding its oncology work in Russia. The pharma giant has signed a research agreement with the N.N. Petrov Institute of Oncology to identify genetic mutations in cancer patients.'));
    expect(r.is_rd_collaboration).toBe(true);
    expect(r.parties.map((p) => p.name)).toEqual(expect.arrayContaining(['AstraZeneca', 'N.N. Petrov Institute of Oncology']));
  });

  it('should report undisclosed terms for a flag whose announcement names no money, and no terms for a non-flag', () => {
    const flag = classify(a('Sanofi and the University of Edinburgh team up on kidney disease research', 'The partners will work together for five years to identify new drug targets.'));
    expect(flag.is_rd_collaboration).toBe(true);
    expect(flag.financial_terms).toEqual({ undisclosed: true, text: '' });
    expect(classify(a('Sanofi opens vaccine plant in Toronto')).financial_terms).toBeNull();
  });

  it('should name a headline acronym by the full name the text defines for it, once', () => {
    const c = classify({
      title: 'Sun Pharma teams up with ICMR on TB drug research',
      text: 'Sun Pharmaceutical Industries and the Indian Council of Medical Research (ICMR) will collaborate on discovery of new tuberculosis drugs.',
    });
    expect(c.parties.map((p) => `${p.name}|${p.type}`)).toEqual(['Sun Pharmaceutical Industries|pharma', 'Indian Council of Medical Research|government']);
  });

  it('should read an initialism in the headline as the institution the text spells out', () => {
    const c = classify({
      title: "Dr. Reddy's inks pact with IIT Hyderabad",
      text: "Dr. Reddy's Laboratories has signed a research agreement with the Indian Institute of Technology Hyderabad to develop new drugs.",
    });
    expect(c.parties.map((p) => `${p.name}|${p.type}`)).toEqual(["Dr. Reddy's Laboratories|pharma", 'Indian Institute of Technology Hyderabad|academic']);
  });

  it('should not take the words describing a company ("a London AI company") for a second company', () => {
    const c = classify({ title: 'Qurexa Bio was selected by Novartis for AI target discovery', text: 'Qurexa Bio, a London AI drug-discovery company, has been selected by Novartis to identify new targets.' });
    expect(c.parties.map((p) => p.name)).toEqual(['Qurexa Bio', 'Novartis']);
  });

  it('should not list the agency an institute is part of as a second party', () => {
    const c = classify({
      title: 'NIAID and Tessmer Bio sign CRADA on antibody',
      text: 'The National Institute of Allergy and Infectious Diseases (NIAID), part of the National Institutes of Health, has entered a cooperative research and development agreement with Tessmer Bio, Inc. to develop a broadly neutralising antibody.',
    });
    expect(c.parties.map((p) => p.name)).toEqual(['National Institute of Allergy and Infectious Diseases', 'Tessmer Bio']);
  });

  it('should flag partners named in a list who will jointly run the studies', () => {
    const c = classify({
      title: 'Foundation-backed group to develop malaria antibodies for infants',
      text: 'Partners Veldt Antibodies B.V., the Kisumu Clinical Research Centre and the University of Basel will jointly run antibody engineering studies for a malaria antibody.',
    });
    expect(c.is_rd_collaboration).toBe(true);
    expect(c.parties.map((p) => p.name)).toEqual(['Veldt Antibodies', 'Kisumu Clinical Research Centre', 'University of Basel']);
  });

  it('should list a party once when the headline drops the city that opens its full name', () => {
    const c = classify({
      title: 'Zhongshan Hospital and Jinsha Pharmaceutical sign research cooperation agreement',
      text: 'Zhongshan Hospital, Fudan University and Chengdu Jinsha Pharmaceutical Co., Ltd. signed a strategic research cooperation agreement to jointly develop new drugs for liver cancer.',
    });
    expect(c.parties.map((p) => p.name)).toEqual(['Zhongshan Hospital, Fudan University', 'Chengdu Jinsha Pharmaceutical']);
  });

  it('should list a party once when the headline uses a short form found inside the full name', () => {
    const c = classify({
      title: 'Moderna and Doherty Institute team up on flu vaccine research',
      text: 'Moderna and the Peter Doherty Institute for Infection and Immunity have signed a research collaboration to study mRNA flu vaccines.',
    });
    expect(c.parties.map((p) => p.name)).toEqual(['Moderna', 'Peter Doherty Institute for Infection and Immunity']);
  });

  it('should list the coordinator of a consortium named in a sentence of its own', () => {
    const c = classify({
      title: 'IMI launches €50M project to find biomarkers for lupus',
      text: 'The Innovative Medicines Initiative has launched a five-year project bringing together 25 partners, including Sanofi, UCB and Karolinska Institutet, to identify biomarkers for lupus. The consortium is coordinated by Leiden University Medical Center.',
    });
    expect(c.event_type).toBe('consortium');
    expect(c.parties.find((p) => p.name === 'Leiden University Medical Center')?.role).toBe('coordinator');
  });

  it('should give a name read as a company to the institution that contains it', () => {
    const c = classify({ title: 'Oxford and Novo Nordisk extend diabetes research alliance', text: 'The University of Oxford and Novo Nordisk have extended their research collaboration on type 2 diabetes.' });
    expect(c.parties.map((p) => p.name)).toEqual(['Novo Nordisk', 'University of Oxford']);
  });

  it('should not list the university a hospital is affiliated to as a second party', () => {
    const c = classify({
      title: 'Takeda teams with Ruijin Hospital on gastric cancer research',
      text: 'Takeda has entered a research partnership with Ruijin Hospital affiliated to Shanghai Jiao Tong University School of Medicine to study gastric cancer.',
    });
    expect(c.parties.map((p) => p.name)).toEqual(['Takeda', 'Ruijin Hospital']);
  });

  it('should not list a parent company as a party when a subsidiary signs', () => {
    const r = classify(a('Sanofi subsidiary Genzyme teams with Calyx Therapeutics on enzyme replacement research',
      'Genzyme, a unit of Sanofi, said it will work with Calyx Therapeutics to discover enzyme replacement therapies for lysosomal storage disorders.'));
    expect(r.parties.map((p) => p.name)).toEqual(['Genzyme', 'Calyx Therapeutics']);
  });

  it('should find unknown companies by corporate suffix and by descriptor when they are not in the gazetteer', () => {
    const r = classify(a('Boehringer Ingelheim partners with AI specialist Fennick on antibody design',
      'Boehringer Ingelheim and Torvane Biosciences GmbH have also signed a research agreement to discover antibodies.'));
    expect(r.parties.map((p) => p.name)).toEqual(expect.arrayContaining(['Boehringer Ingelheim', 'Fennick']));
    expect(r.parties.find((p) => p.name === 'Fennick')?.type).toBe('tech');
  });
});

describe('classify: the learned decision', () => {
  it('should say which features decided a flag, each pushing towards it', () => {
    const c = classify({ title: 'Norrland University and Kestrel Bio sign research collaboration on kidney fibrosis', text: 'Norrland University and Kestrel Bio today signed a three-year research collaboration to discover new targets in kidney fibrosis.' });
    expect(c.is_rd_collaboration).toBe(true);
    expect(c.why?.length).toBeGreaterThan(0);
    expect(c.why?.every((w) => w.weight > 0)).toBe(true);
    expect(c.language).toBe('en');
  });

  it('should say it cannot read a German headline instead of giving a confident negative', () => {
    const c = classify({ title: 'Kernwerk Pharma und die Universität Kiel starten Forschungskooperation zu Herzinsuffizienz', text: '' });
    expect(c.language).toBe('de');
    expect(c.confidence).toBeLessThanOrEqual(0.5);
    expect(c.is_rd_collaboration).toBe(false);
  });

  it('should say it cannot read a Japanese headline', () => {
    const c = classify({ title: 'ミナト製薬と北海大学、がん研究で共同研究契約を締結', text: '' });
    expect(c.language).toBe('ja');
    expect(c.confidence).toBeLessThanOrEqual(0.5);
  });

  it('should decide by the hand-set threshold alone when asked for the rules baseline', () => {
    const rules = new CollaborationClassifier({ decision: 'rules' });
    const c = rules.classify({ title: 'Norrland University and Kestrel Bio sign research collaboration on kidney fibrosis', text: '' });
    expect(c.is_rd_collaboration).toBe(true);
    expect(c.why).toBeUndefined();
    expect(c.model_version).toMatch(/\+rules-only$/);
  });
});

describe('CollaborationClassifier', () => {
  it('should use a custom gazetteer and model version when given', () => {
    const clf = new CollaborationClassifier({ modelVersion: 'test-1', gazetteer: [{ name: 'Zorblax Pharma', type: 'pharma', aliases: ['ZBX'] }] });
    const c = clf.classify(a('ZBX signs research collaboration with Harvard University to develop kidney drugs'));
    expect(c.model_version).toBe('test-1');
    expect(c.parties[0]).toEqual({ name: 'Zorblax Pharma', type: 'pharma' });
  });

  it('should give the same result when the same input is classified twice', () => {
    const input = a('Roche and Xenon sign neuroscience research pact', 'Roche and Xenon Pharmaceuticals today signed a research collaboration.');
    expect(classify(input)).toEqual(classify(input));
  });
});
