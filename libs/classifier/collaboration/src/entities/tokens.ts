export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+|[&*]/gu;

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(s)) !== null) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
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
