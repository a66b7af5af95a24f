import { detectLanguage } from './detect';

describe('detectLanguage', () => {
  it('should say en when the text is English', () => {
    expect(detectLanguage('Halvorsen Bio and the University of Tromsø team up on kidney fibrosis', 'The two partners will share data and costs.')).toBe('en');
  });

  it('should say de when a German headline stands alone', () => {
    expect(detectLanguage('Kernwerk Pharma und die Universität Kiel starten Forschungskooperation', '')).toBe('de');
  });

  it('should say ja when kana dominate', () => {
    expect(detectLanguage('ミナト製薬と北海大学、がん研究で共同研究契約を締結', '')).toBe('ja');
  });

  it('should say fr for a French release body under a company name headline', () => {
    expect(detectLanguage('Lumivet SA', "Lumivet annonce un accord de recherche avec l'Institut Mérieux pour le développement des vaccins et des nouvelles thérapies dans les maladies rares.")).toBe('fr');
  });

  it('should keep en when an English text names a foreign institution', () => {
    expect(detectLanguage('Vantor Bio partners with Klinikum der Universität München', 'Vantor Bio said on Monday it has signed a research agreement with the hospital, whose name means University Clinic.')).toBe('en');
  });

  it('should keep en for text without letters', () => {
    expect(detectLanguage('2026', '')).toBe('en');
  });
});
