import { EVENT_TYPES, PARTY_TYPES } from '@pharma-radar/contracts';

/** What the analyst filters by. Values within one criterion are OR-ed, criteria are AND-ed. */
export interface CollaborationQuery {
  /** Words that must all appear in the title, evidence or a party name (case-insensitive). */
  q?: string;
  /** Part of a party's name (case-insensitive). */
  party?: string;
  partyTypes: string[];
  dealTypes: string[];
  areas: string[];
  geographies: string[];
  money: 'any' | 'disclosed' | 'undisclosed';
  /** Lowest headline amount (a total, else upfront plus milestones), in the currency of the terms. */
  minAmount?: number;
  /** Inclusive calendar days (UTC), YYYY-MM-DD. */
  from?: string;
  to?: string;
  minConfidence?: number;
  limit: number;
  offset: number;
}

export interface QueryError {
  param: string;
  message: string;
  allowed?: readonly string[];
}

export type QueryResult = { ok: true; query: CollaborationQuery } | { ok: false; errors: QueryError[] };

export const QUERY_PARAMS = ['q', 'party', 'partyType', 'dealType', 'area', 'geography', 'money', 'minAmount', 'from', 'to', 'minConfidence', 'limit', 'offset'] as const;
export const MAX_LIMIT = 500;
const MONEY = ['any', 'disclosed', 'undisclosed'] as const;
const MAX_TEXT = 200;
const MAX_VALUES = 20;

type RawParams = Record<string, unknown>;

/**
 * Query-string parameters (as Express hands them: a string, or an array when repeated) checked into a query. Every
 * problem is reported at once, each naming its parameter; list parameters take repeats or commas.
 */
export function parseCollaborationQuery(raw: RawParams): QueryResult {
  const errors: QueryError[] = [];
  for (const key of Object.keys(raw)) {
    if (!(QUERY_PARAMS as readonly string[]).includes(key)) errors.push({ param: key, message: 'unknown parameter', allowed: QUERY_PARAMS });
  }
  const one = (param: string): string | undefined => {
    const v = raw[param];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      errors.push({ param, message: 'give it once, as plain text' });
      return undefined;
    }
    const t = v.trim();
    if (t.length > MAX_TEXT) {
      errors.push({ param, message: `at most ${MAX_TEXT} characters` });
      return undefined;
    }
    return t === '' ? undefined : t;
  };
  const list = (param: string, allowed?: readonly string[]): string[] => {
    const v = raw[param];
    if (v === undefined) return [];
    const parts = (Array.isArray(v) ? v : [v]);
    if (!parts.every((p): p is string => typeof p === 'string')) {
      errors.push({ param, message: 'must be plain text values' });
      return [];
    }
    const values = [...new Set(parts.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean))];
    if (values.length > MAX_VALUES || values.some((x) => x.length > MAX_TEXT)) {
      errors.push({ param, message: `at most ${MAX_VALUES} values of at most ${MAX_TEXT} characters` });
      return [];
    }
    const unknown = allowed ? values.filter((x) => !allowed.includes(x)) : [];
    if (unknown.length) errors.push({ param, message: `unknown value ${unknown.map((u) => JSON.stringify(u)).join(', ')}`, allowed });
    return allowed ? values.filter((x) => allowed.includes(x)) : values;
  };
  const num = (param: string, min: number, max: number, integer = false): number | undefined => {
    const s = one(param);
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!/^-?\d+(\.\d+)?(e\d+)?$/i.test(s) || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      errors.push({ param, message: `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}` });
      return undefined;
    }
    return n;
  };
  const day = (param: string): string | undefined => {
    const s = one(param);
    if (s === undefined) return undefined;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00.000Z`) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      errors.push({ param, message: 'must be a calendar day, YYYY-MM-DD' });
      return undefined;
    }
    return s;
  };

  const money = one('money') ?? 'any';
  if (!(MONEY as readonly string[]).includes(money)) errors.push({ param: 'money', message: `unknown value ${JSON.stringify(money)}`, allowed: MONEY });
  const query: CollaborationQuery = {
    q: one('q'),
    party: one('party'),
    partyTypes: list('partyType', PARTY_TYPES),
    dealTypes: list('dealType', EVENT_TYPES),
    areas: list('area'),
    geographies: list('geography'),
    money: (MONEY as readonly string[]).includes(money) ? (money as CollaborationQuery['money']) : 'any',
    minAmount: num('minAmount', 0, 1e15),
    from: day('from'),
    to: day('to'),
    minConfidence: num('minConfidence', 0, 1),
    limit: num('limit', 1, MAX_LIMIT, true) ?? 100,
    offset: num('offset', 0, 100_000, true) ?? 0,
  };
  if (query.from && query.to && query.from > query.to) errors.push({ param: 'from', message: `must not be after to (${query.to})` });
  return errors.length ? { ok: false, errors } : { ok: true, query };
}
