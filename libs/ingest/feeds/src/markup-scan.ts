// Code units the feed's scanners compare against, and the one rule for where a tag ends, shared by the XML guard and
// the HTML-to-text pass.
export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const BANG = 33;
export const QUESTION = 63;
export const QUOT = 34;
export const APOS = 39;
export const EQUALS = 61;

export const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The ">" ending the tag whose text goes on at `from`, honouring quoted values, or -1 (a quote or the tag never
 * closes). With `html`, an unclosed tag ("<a href=x <b>") ends before the next tag starts, as ingest-extract's
 * tokenizer has it: the index returned is then the character before that "<".
 */
export function tagEnd(s: string, from: number, html: boolean): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === GT) return j;
    if (c === QUOT || c === APOS) {
      const close = s.indexOf(c === QUOT ? '"' : "'", j + 1);
      if (close === -1) return -1;
      j = close;
    } else if (html && c === LT && j > from) {
      const next = s.charCodeAt(j + 1);
      if (isLetter(next) || next === SLASH || next === BANG) return j - 1;
    }
  }
  return -1;
}
