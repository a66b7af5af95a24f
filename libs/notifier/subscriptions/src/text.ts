// Text hygiene shared by matching and rendering. Everything here is linear-time and regex-free on
// untrusted input, or uses fixed character-class regexes that cannot backtrack.

/** Characters that can smuggle line breaks, reorder what a reader sees, or hide text. */
const INVISIBLE_OR_BREAKING =
  // C0 controls, DEL, C1 controls (incl. U+0085 NEL), zero-width chars, bidi controls,
  // LINE/PARAGRAPH SEPARATOR, word joiner…invisible operators, BOM.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** One line of display text: no controls, no invisible characters, whitespace collapsed. */
export function cleanLine(value: string): string {
  return value.replace(INVISIBLE_OR_BREAKING, ' ').replace(/\s+/g, ' ').trim();
}

/** Cut to at most `max` code points (never splitting a surrogate pair), adding an ellipsis when cut. */
export function truncate(value: string, max: number): string {
  const points = Array.from(value);
  if (points.length <= max) return value;
  return points.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * Lowercase, accent-free words separated by single spaces, padded with one space on each side so a
 * phrase can be found with a plain `includes(' phrase ')` — no user text is ever compiled as a regex.
 */
export function wordsOf(value: string): string {
  const folded = value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return words.length === 0 ? '' : ` ${words.join(' ')} `;
}

/** True when `phrase` (already passed through wordsOf) occurs as whole words in `haystack` (also from wordsOf). */
export function containsPhrase(haystack: string, phrase: string): boolean {
  return phrase.length > 0 && haystack.includes(phrase);
}

// Legal-form suffixes dropped when comparing company names. "a s" is A/S after punctuation folding.
const LEGAL_SUFFIXES = [
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'plc', 'llc', 'llp', 'lp',
  'ag', 'kgaa', 'gmbh', 'se', 'sa', 'sas', 'spa', 's p a', 'srl', 'nv', 'bv', 'ab', 'a s', 'as', 'asa', 'oy', 'oyj',
  'kk', 'k k', 'pty', 'pty ltd', 'pte', 'pte ltd', 'sl', 'bhd', 'ulc', 'holdings', 'holding',
].map((s) => ` ${s} `);

/** Company name key: accent-free words with trailing legal forms removed ("AstraZeneca PLC" → " astrazeneca "). */
export function companyKey(name: string): string {
  let key = wordsOf(name.replace(/&/g, ' and '));
  // Strip repeatedly: "Foo Holdings Co., Ltd." carries several. Never strip the last word.
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (key.endsWith(suffix) && key.length > suffix.length) {
        const rest = key.slice(0, key.length - suffix.length + 1);
        if (rest.trim().length > 0) {
          key = rest;
          changed = true;
        }
      }
    }
  }
  return key;
}
