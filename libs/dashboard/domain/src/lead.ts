/** A run of the lead's text, marked where it is the evidence sentence. */
export interface LeadSegment {
  text: string;
  evidence: boolean;
}

export interface LeadWithEvidence {
  segments: LeadSegment[];
  /** False when the evidence is not in the lead (it came from further down the article): show it on its own. */
  found: boolean;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ');

/**
 * The article's lead split around the evidence sentence, so a page can highlight it without building markup from
 * text. Matching ignores runs of whitespace, which extraction may have changed.
 */
export function highlightEvidence(lead: string, evidence: string): LeadWithEvidence {
  const text = collapse(lead).trim();
  const needle = collapse(evidence).trim();
  const at = needle ? text.indexOf(needle) : -1;
  if (at < 0) return { segments: text ? [{ text, evidence: false }] : [], found: false };
  const segments: LeadSegment[] = [];
  if (at > 0) segments.push({ text: text.slice(0, at), evidence: false });
  segments.push({ text: needle, evidence: true });
  if (at + needle.length < text.length) segments.push({ text: text.slice(at + needle.length), evidence: false });
  return { segments, found: true };
}

/**
 * The first paragraphs of an article, about `max` characters cut at a sentence end where one is near; longer when
 * the evidence sentence ends further down (up to `hardMax`), so the page can show it in place.
 */
export function leadOf(text: string, evidence = '', max = 1_200, hardMax = 4_000): string {
  const t = text.trim();
  const at = evidence ? collapse(t).indexOf(collapse(evidence).trim()) : -1;
  // Whitespace runs may differ: the evidence position is looked up in collapsed text, so cut the collapsed text too.
  const source = at >= 0 ? collapse(t) : t;
  const limit = at >= 0 ? Math.min(hardMax, Math.max(max, at + collapse(evidence).trim().length)) : max;
  if (source.length <= limit) return source;
  const cut = source.slice(0, limit);
  if (at >= 0 && limit > max) return cut;
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > limit / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
