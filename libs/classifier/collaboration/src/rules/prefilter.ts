import * as L from './lexicon';

/** Deal vocabulary sits in a release's opening; a long page's tail (comments, related stories) must not open the gate. */
export const PREFILTER_CHARS = 6_000;

/**
 * Whether normalised text may announce a collaboration at all: without any deal word it cannot, and it gets a
 * headline-only result. One definition, used by the classifier and by the benchmark that measures this gate alone.
 */
export function mayAnnounceCollaboration(title: string, text: string): boolean {
  return L.PREFILTER.test(title) || L.PREFILTER.test(text.length > PREFILTER_CHARS ? text.slice(0, PREFILTER_CHARS) : text);
}
