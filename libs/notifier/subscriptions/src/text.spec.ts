import { cleanLine, companyKey, truncate, wordsOf } from './text';

describe('companyKey', () => {
  it.each([
    ['AstraZeneca PLC', ' astrazeneca '],
    ['Pfizer Inc.', ' pfizer '],
    ['Novo Nordisk A/S', ' novo nordisk '],
    ['Merck KGaA', ' merck '],
    ['Takeda Pharmaceutical Co., Ltd.', ' takeda pharmaceutical '],
    ['Roche Holding AG', ' roche '],
    ['Hôpital Universitaire de Genève', ' hopital universitaire de geneve '],
    ['Johnson & Johnson', ' johnson and johnson '],
  ])('should normalise %j to %j', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });

  it('should keep the name when it is only a legal form', () => {
    expect(companyKey('AG')).toBe(' ag ');
  });
});

describe('cleanLine', () => {
  it('should remove line breaks, invisible and bidi characters when present', () => {
    expect(cleanLine('Deal\r\nBcc: x\u2028y\u2029z\u0085w\u202Eevil\u200Bzw\uFEFF\u0000')).toBe('Deal Bcc: x y z w evil zw');
  });
});

describe('truncate', () => {
  it('should not split a surrogate pair when cutting', () => {
    expect(truncate('💊💊💊', 2)).toBe('💊…');
  });

  it('should leave text unchanged when it fits', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });
});

describe('wordsOf', () => {
  it('should return an empty string when there are no letters or digits', () => {
    expect(wordsOf('*** ---')).toBe('');
  });
});
