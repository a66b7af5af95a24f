import { tokenize } from './tokens';

// The one-pass tokeniser must give exactly what the regex it replaced gives, on every script and edge.
const REFERENCE = /[\p{L}\p{N}]+|[&*]/gu;
const reference = (s: string) => [...s.matchAll(REFERENCE)].map((m) => ({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

describe('tokenize', () => {
  it.each([
    'AstraZeneca teams up with the N.N. Petrov Institute of Oncology',
    'Université de Montréal, Charité – Universitätsmedizin Berlin and Zürich',
    '東京大学 and 서울대학교병원 sign an MoU; ٣٤ patients',
    'J&J*s R&D, 𝐀𝐁𝐂 bold letters, emoji 😀x and x😀, a lone surrogate \uD800 here',
    'İstanbul ΣΑΣ ß ﬁ Ⅻ',
    '',
    '   ',
  ])('should match the reference tokeniser on %j', (s) => {
    expect(tokenize(s)).toEqual(reference(s));
  });
});
