import hints from './hint-words.json';

/** Class/id/role words as data (hint-words.json), matched on whole parts so "shareholder" is not "share". */
function phrases(list: string[]): string[] {
  return list.map((p) => ` ${p.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ')} `);
}

/** Phrases indexed by their first word: a class list is checked word by word, not against every phrase. */
function index(list: string[]): Map<string, string[]> {
  const byFirst = new Map<string, string[]>();
  for (const p of phrases(list)) {
    const first = p.trim().split(' ')[0];
    byFirst.set(first, [...(byFirst.get(first) ?? []), p]);
  }
  return byFirst;
}

const NEGATIVE = index(hints.negative);
const POSITIVE = index(hints.positive);
export const DROP_TAGS: ReadonlySet<string> = new Set(hints.drop);
const BOILERPLATE_LINES: ReadonlySet<string> = new Set(hints.boilerplateLines);
/** A block that is only a label ("Advertisement", "Share this"). */
const BOILERPLATE_PREFIXES = phrases(hints.boilerplatePrefixes);
export function isBoilerplateLine(text: string): boolean {
  if (text.length > 60) return false;
  const lower = text.toLowerCase();
  if (BOILERPLATE_LINES.has(lower.replace(/[\s:.!…]+$/, '').trim())) return true;
  const words = ` ${lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')} `;
  return BOILERPLATE_PREFIXES.some((p) => words.startsWith(p));
}

/** " a b c " from "a-b_c", bounded: a class list longer than this says nothing more. */
export function hintKey(cls: string, id: string, role: string): string {
  const raw = `${cls} ${id} ${role}`.slice(0, 400).toLowerCase();
  const parts = raw.split(/[^a-z0-9]+/).filter(Boolean);
  return parts.length ? ` ${parts.join(' ')} ` : '';
}

function has(key: string, byFirst: Map<string, string[]>): boolean {
  if (key === '') return false;
  let at = 0;
  while (at < key.length - 1) {
    const next = key.indexOf(' ', at + 1);
    const word = key.slice(at + 1, next);
    for (const p of byFirst.get(word) ?? []) if (key.startsWith(p, at)) return true;
    at = next;
  }
  return false;
}
export const isNegative = (key: string): boolean => has(key, NEGATIVE);
export const isPositive = (key: string): boolean => has(key, POSITIVE);
