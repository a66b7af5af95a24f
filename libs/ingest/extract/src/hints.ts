import hints from './hint-words.json';

/** Class/id/role words as data (hints.json), matched on whole parts so "shareholder" is not "share". */
function phrases(list: string[]): string[] {
  return list.map((p) => ` ${p.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ')} `);
}

const NEGATIVE = phrases(hints.negative);
const POSITIVE = phrases(hints.positive);
export const DROP_TAGS: ReadonlySet<string> = new Set(hints.drop);
const BOILERPLATE_LINES: ReadonlySet<string> = new Set(hints.boilerplateLines);
/** A block that is only a label ("Advertisement", "Share this"). */
export const isBoilerplateLine = (text: string): boolean => text.length <= 60 && BOILERPLATE_LINES.has(text.toLowerCase().replace(/[\s:.!…]+$/, '').trim());

/** " a b c " from "a-b_c", bounded: a class list longer than this says nothing more. */
export function hintKey(cls: string, id: string, role: string): string {
  const raw = `${cls} ${id} ${role}`.slice(0, 400).toLowerCase();
  const parts = raw.split(/[^a-z0-9]+/).filter(Boolean);
  return parts.length ? ` ${parts.join(' ')} ` : '';
}

const has = (key: string, list: string[]) => key !== '' && list.some((p) => key.includes(p));
export const isNegative = (key: string): boolean => has(key, NEGATIVE);
export const isPositive = (key: string): boolean => has(key, POSITIVE);
