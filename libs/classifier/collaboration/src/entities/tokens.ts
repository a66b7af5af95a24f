export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Code units of the letter or digit at i (1, or 2 for an astral code point), 0 when there is none. */
function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const n = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  return LETTER_OR_DIGIT.test(s.slice(i, i + n)) ? n : 0;
}

/**
 * Runs of letters and digits (any script), and the single characters "&" and "*": the same tokens as
 * /[\p{L}\p{N}]+|[&*]/gu, read in one pass (the regex spent most of its time on per-match overhead).
 */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    let n = wordCharAt(s, i);
    if (n === 0) {
      const c = s.charCodeAt(i);
      if (c === 38 || c === 42) out.push({ text: s[i], lower: s[i], start: i, end: i + 1 });
      i++;
      continue;
    }
    const start = i;
    while (n > 0) {
      i += n;
      n = i < s.length ? wordCharAt(s, i) : 0;
    }
    const text = s.slice(start, i);
    out.push({ text, lower: text.toLowerCase(), start, end: i });
  }
  return out;
}

/** Text between two tokens that still reads as one name: spaces, hyphens, dots, apostrophes, slashes. */
export function joinsName(s: string, left: Token, right: Token): boolean {
  const gap = s.slice(left.end, right.start);
  // A dateline's double hyphen ("STOCKHOLM--Ytterby Bio") separates, it does not join.
  return gap.length <= 3 && /^[\s.'\-/]*$/.test(gap) && !/\.\s/.test(gap.slice(1)) && !gap.includes('--');
}

export function isCapitalised(t: Token): boolean {
  const c = t.text[0];
  return c !== c.toLowerCase() || /^\p{N}+\p{L}/u.test(t.text);
}
