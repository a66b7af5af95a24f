import { ArticleEntities, defaultGazetteer } from './extract';
import { compileGazetteer, nameKey } from './matcher';

const names = (sentence: string, ents = new ArticleEntities(defaultGazetteer())) => ents.extract(sentence, 0).mentions.map((m) => `${m.name}|${m.type}`);

describe('ArticleEntities', () => {
  it.each([
    ['AZ and MSD sign', ['AstraZeneca|pharma', 'Merck & Co.|pharma']],
    ['Bristol-Myers Squibb and J&J', ['Bristol Myers Squibb|pharma', 'Johnson & Johnson|pharma']],
    ['GlaxoSmithKline (LSE: GSK) and the NN Petrov Institute', ['GSK|pharma', 'GSK|pharma', 'N.N. Petrov Institute of Oncology|academic']],
    ['Schrodinger with Isomorphic Labs', ['Schrödinger|tech', 'Isomorphic Labs|tech']],
  ])('should resolve aliases and former names when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  it.each([
    ['the Université de Montréal and Bayer', 'Université de Montréal|academic'],
    ['Julius-Maximilians-Universität Würzburg said', 'Julius-Maximilians-Universität Würzburg|academic'],
    ['researchers at Universidad de Navarra found', 'Universidad de Navarra|academic'],
    ['Kings County Hospital Center signed', 'Kings County Hospital Center|hospital'],
    ['the Ministry of Health of Brazil agreed', 'Ministry of Health of Brazil|government'],
    ['the Helmsley Charitable Foundation funds', 'Helmsley Charitable Foundation|nonprofit'],
    ['Quillfish Therapeutics Inc. entered', 'Quillfish Therapeutics|biotech'],
    ['Orvane Biosciences GmbH and', 'Orvane Biosciences|biotech'],
  ])('should recognise an unknown organisation by its pattern when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toContain(expected);
  });

  it('should keep two institutions apart when they are joined by "and the"', () => {
    expect(names('Leiden University, the University of Amsterdam and the Erasmus University Medical Center'))
      .toEqual(['Leiden University|academic', 'University of Amsterdam|academic', 'Erasmus MC|hospital']);
  });

  it('should recognise an acronym later in the article when it was defined in parentheses', () => {
    const ents = new ArticleEntities(defaultGazetteer());
    ents.extract('Halden Institute of Molecular Medicine (HIMM) and Roche signed.', 0);
    expect(names('HIMM will run the trials.', ents)).toEqual(['Halden Institute of Molecular Medicine|academic']);
  });

  it('should read a hospital named after its university as one institution when no separator stands between them', () => {
    expect(names('AstraZeneca and Fudan University Shanghai Cancer Center signed')).toEqual(['AstraZeneca|pharma', 'Fudan University Shanghai Cancer Center|hospital']);
    expect(names('Fudan University and Shanghai Cancer Center signed')).toEqual(['Fudan University|academic', 'Shanghai Cancer Center|hospital']);
  });

  it('should keep a national body of another country apart from the US one of the same name', () => {
    expect(names('funding from the Danish National Cancer Institute')).toEqual(['Danish National Cancer Institute|government']);
    expect(names('funding from the National Cancer Institute')).toEqual(['National Cancer Institute|government']);
  });

  it.each([
    ['Novo Nordisk and the University of Copenhagen and Aarhus University will study', ['Novo Nordisk|pharma', 'University of Copenhagen|academic', 'Aarhus University|academic']],
    ['the Department of Science and Technology and the Ministry of Health and Family Welfare', ['Department of Science and Technology|government', 'Ministry of Health and Family Welfare|government']],
    ['BIOCAD and the N.N. Blokhin National Medical Research Center of Oncology signed', ['BIOCAD|biotech', 'N.N. Blokhin National Medical Research Center of Oncology|academic']],
    ['discovered at the NIAID Vaccine Research Center', ['National Institute of Allergy and Infectious Diseases|government']],
    ["research at the university's Immunology Frontier Research Center", []],
    ['Lilly signs discovery deal with Oxford startup', ['Eli Lilly and Company|pharma']],
    ["Bayer pays $40 million for Kumquat's KRAS inhibitor", ['Bayer|pharma', 'Kumquat|biotech']],
    ["Biogen bets on an Alzheimer's drug from China's first ADC maker", ['Biogen|biotech']],
    ['Sanofi, Earendil ink a deal', ['Sanofi|pharma', 'Earendil|biotech']],
    ['Santen Pharmaceutical and Iridis Therapeutics, Inc. have signed', ['Santen Pharmaceutical|pharma', 'Iridis Therapeutics|biotech']],
    ['Another AI deal for Novo', ['Novo Nordisk|pharma']],
    ['with Takeda Pharmaceutical Company Limited (TSE: 4502) for VLT-201', ['Takeda|pharma']],
  ])('should find the organisations and only those when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  it.each([
    ['Pfizer Japan and Keio University to research', ['Pfizer Japan|pharma', 'Keio University|academic']],
    ['West China Hospital of Sichuan University and Chengdu Jinsha Pharmaceutical Co., Ltd. signed', ['West China Hospital|hospital', 'Chengdu Jinsha Pharmaceutical|pharma']],
    ['AstraZeneca China and Zhongshan Hospital, Fudan University expand cooperation', ['AstraZeneca China|pharma', 'Zhongshan Hospital, Fudan University|hospital']],
    ['Sun Yat-sen University Cancer Center and Ruibo Biotech set up a laboratory', ['Sun Yat-sen University Cancer Center|hospital', 'Ruibo Biotech|biotech']],
    ['Ono Pharmaceutical and National University Corporation Kumamoto University concluded', ['Ono Pharmaceutical|pharma', 'Kumamoto University|academic']],
    ['with the Chinese Academy of Sciences and Vietnamese diagnostics company Mekong Dx', ['Chinese Academy of Sciences|academic', 'Mekong Dx|biotech']],
  ])('should read country units, affiliated hospitals and transliterated names as one party when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  it('should recognise a memorial centre as a hospital', () => {
    expect(names('Novartis joins forces with Tata Memorial Centre')).toContain('Tata Memorial Centre|hospital');
  });

  it('should find a company by descriptor when it has no suffix', () => {
    expect(names('Sanofi and AI specialist Pendrel have agreed')).toContain('Pendrel|tech');
  });

  it.each([
    ['KAIST Department of Biological Sciences will run the assays', ['Korea Advanced Institute of Science and Technology|academic']],
    ["Osaka University's Graduate School of Medicine will run the assays", ['Osaka University|academic']],
    ['Seoul National University Hospital signed', ['Seoul National University Hospital|hospital']],
    ['STOCKHOLM--Ytterby Bio said', ['Ytterby Bio|biotech']],
    ['Diagnostics start-up Genovue B.V. has obtained a licence', ['Genovue|biotech']],
    ['Bellwether RNA, Inc. today announced', ['Bellwether RNA|biotech']],
    ['Quorvane Pharma Inc. has entered', ['Quorvane Pharma|pharma']],
    ['It signed with Genopia, a Korean biotech company developing oral peptides', ['Genopia|biotech']],
    ['Bayer and the Dutch Heart Foundation joined', ['Bayer|pharma', 'Dutch Heart Foundation|nonprofit']],
    ['the University of North Carolina at Chapel Hill said', ['University of North Carolina at Chapel Hill|academic']],
    ['Chiesi and Affibody collaborate on a bispecific', ['Chiesi|pharma', 'Affibody|biotech']],
  ])('should find the right organisations when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  it.each([
    ['GSK Medical Research Deal With Oxford', 'GSK|pharma'],
    ['AstraZeneca Cancer Vaccine Pact With Moderna', 'AstraZeneca|pharma'],
  ])('should keep a company whose name runs into a capitalised headline word (%s)', (sentence, expected) => {
    expect(names(sentence)).toContain(expected);
  });

  it.each([
    ['said Jane Doe, Co-Founder and CEO of Quillfish Therapeutics', 'Jane Doe'],
    ['according to Anna Berg, SE Asia head at Pfizer', 'Anna Berg'],
    ['Google Health, a technology company, will collaborate with Pfizer', 'Health'],
  ])('should not take a person or the tail of a name for an organisation ("%s")', (sentence, notAName) => {
    expect(names(sentence).map((n) => n.split('|')[0])).not.toContain(notAName);
  });

  it('should not invent organisations when a headline is only capitalised words', () => {
    expect(names('Major Layoffs And Restructuring Efforts Continue Across Biotech')).toEqual([]);
  });
});

describe('nameKey', () => {
  it('should ignore case, accents, punctuation and legal suffixes when comparing names', () => {
    expect(nameKey('Schrödinger, Inc.')).toBe(nameKey('schrodinger'));
    expect(nameKey('Merck & Co.')).toBe('merck and');
  });

  it.each([
    ['Genoray Therapeutics Co., Ltd.', 'Genoray Therapeutics'],
    ['Celvion Biotech Sp. z o.o.', 'Celvion Biotech'],
    ['Vistula Oncology S.A.', 'Vistula Oncology'],
    ['Kumamoto NeuroGen K.K.', 'Kumamoto NeuroGen'],
    ['Manas Therapeutics Pvt. Ltd.', 'Manas Therapeutics'],
    ['Biovale Farmacêutica Ltda.', 'Biovale Farmacêutica'],
  ])('should compare "%s" equal to "%s" whatever its legal form', (withForm, bare) => {
    expect(nameKey(withForm)).toBe(nameKey(bare));
  });

  it('should keep words that are legal forms elsewhere when they are inside a name', () => {
    expect(nameKey('As Good As Gold Bio')).toBe('as good as gold bio');
  });

  it('should compile a gazetteer that maps every alias to its entry', () => {
    const g = compileGazetteer([{ name: 'Acme Bio', type: 'biotech', aliases: ['Acme'] }]);
    expect(g.byCanonicalKey.get('acme')?.name).toBe('Acme Bio');
  });
});

describe('ArticleEntities name boundaries and shapes', () => {
  it.each([
    ['Ophelix has licensed the gene therapy from the University of Tarnwick (UT) Research Foundation.', 'University of Tarnwick Research Foundation|nonprofit'],
    ['Quorvane Innovation Co. will screen the library.', 'Quorvane Innovation|biotech'],
    ['Karolinska University Hospital will enrol the patients.', 'Karolinska University Hospital|hospital'],
  ])('should keep a generic tail with the name before it when the text says "%s"', (sentence, expected) => {
    expect(names(sentence)).toContain(expected);
  });

  it.each([
    ['Stefan Vogt, Member of the Board and Head of the Pharmaceuticals Division, signed for Brightwater.', ['Head of the Pharmaceuticals', 'Member of the Board']],
    ['Tarnwick Institutet Holding AB has signed with Brightwater Biologics.', ['Holding']],
    ['Brightwater Biologics signed a Memorandum of Association with Tarnwick University.', ['Memorandum of Association']],
    ["Brightwater Biologics will fund work at the university's Institute of Medical Science.", ['Institute of Medical Science']],
  ])('should not take a title, a generic word or a document for an organisation when the text says "%s"', (sentence, rejected) => {
    const found = names(sentence).map((n) => n.split('|')[0]);
    for (const r of rejected) expect(found).not.toContain(r);
  });

  it('should read a gazetteer name whose alias carries a comma', () => {
    expect(names('Ostrander Labs and the Agency for Science, Technology and Research signed.')).toContain('A*STAR|government');
  });
});

describe('ArticleEntities products, plural heads and nationalities', () => {
  it('should give each place under a plural head its own university', () => {
    expect(names('The Universities of Tarnwick (Scotland) and Glen Ostrander (Canada) have linked up with Bayer.'))
      .toEqual(['University of Tarnwick|academic', 'University of Glen Ostrander|academic', 'Bayer|pharma']);
  });

  it('should not take a mixed-case technology name for a company', () => {
    expect(names('Genmab will apply its QuadLock platform to antibodies from Brisk Labs.')).not.toContain('QuadLock|biotech');
  });

  it('should not take the acronym of a unit it did not read as a name for a company', () => {
    expect(names('a pact between the Osaka University Tissue Frontier Research Center (TiFReC) and Chugai'))
      .toEqual(['Osaka University|academic', 'Chugai Pharmaceutical|pharma']);
  });

  it('should keep the nationality that opens a company name closed by a legal form', () => {
    expect(names('Vaccine maker Norwegian Vaccinologicals Limited (NVL) signed with the institute.')).toContain('Norwegian Vaccinologicals|biotech');
  });
});

describe('ArticleEntities list members', () => {
  it('should read unknown names listed with known members as organisations', () => {
    expect(names('Members Tarnwick University, Glenmore University, Kurobe Bioprocess and Sakura Cell Systems will share the data.'))
      .toEqual(['Tarnwick University|academic', 'Glenmore University|academic', 'Kurobe Bioprocess|biotech', 'Sakura Cell Systems|biotech']);
  });

  it('should read an unknown partner after a word that calls the list partners', () => {
    expect(names('The project is led by Ghent University with industry participation from Brisk Diagnostics and Halvorsen Medical.'))
      .toContain('Halvorsen Medical|biotech');
  });

  it.each([
    'Trials will run at hospitals in Belgium, New Zealand and Poland with Pfizer and Roche.',
    'Members include Pfizer, Roche and Ann Arbor software company Iris Analytics.',
    'Pfizer, Roche and Mr John Smith signed the letter.',
  ])('should not read places or people in a list as organisations when the text says "%s"', (sentence) => {
    const found = names(sentence).map((n) => n.split('|')[0]);
    for (const wrong of ['New Zealand', 'Ann Arbor', 'Mr John Smith']) expect(found).not.toContain(wrong);
  });
});

describe('ArticleEntities names learned after the headline', () => {
  it('should find a headline short form once the body has named the company in full', () => {
    const ents = new ArticleEntities(defaultGazetteer());
    ents.extract('Hanmi licenses its kinase inhibitor to U.S.-based Quellbrook', 0);
    ents.extract('Hanmi Pharmaceutical has licensed the drug to Quellbrook Pharmaceuticals for markets outside Korea.', 1);
    expect(ents.headlineNamesLearnedLater()).toEqual([{ name: 'Quellbrook Pharmaceuticals', type: 'pharma' }]);
  });

  it('should read the first word of a company written under an old name as that company', () => {
    const ents = new ArticleEntities(defaultGazetteer());
    ents.extract('LegoChem Biosciences signed a licence with Janssen.', 1);
    expect(names('LegoChem will receive $100 million upfront.', ents)).toEqual(['LigaChem Biosciences|biotech']);
  });
});
