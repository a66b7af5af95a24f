/** Hostile page shapes of about `n` characters: the extractor's tests run them at 5 MB, its bench times their growth. */
export const HOSTILE_HTML: readonly (readonly [string, (n: number) => string])[] = [
  ['deep nesting', (n) => '<div>'.repeat(n / 5)],
  ['close tags nobody opened', (n) => '<div>'.repeat(300) + '</b>'.repeat(n / 4)],
  ['one element of text', (n) => `<p>${'word, '.repeat(n / 6)}</p>`],
  ['unclosed tags', (n) => '<a href="x" '.repeat(n / 12)],
  ['an unclosed quote', (n) => `<div class="${'<p>'.repeat(n / 3)}`],
  ['entity floods', (n) => `<p>${'&#65;'.repeat(n / 5)}</p>`],
  ['many attributes', (n) => `<div ${'a=1 '.repeat(n / 4)}>x</div>`],
  ['flat siblings', (n) => '<p class="x">ab</p>'.repeat(n / 18)],
];
