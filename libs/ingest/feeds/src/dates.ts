const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
  january: 0, february: 1, march: 2, april: 3, june: 5, july: 6, august: 7, september: 8, october: 9,
  november: 10, december: 11,
};

// RFC 822 zone names plus the ones publishers actually write; minutes east of UTC.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360,
  pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, cet: 60, met: 60, west: 60, cest: 120, mest: 120, eet: 120, eest: 180, msk: 180, ist: 330,
  sgt: 480, hkt: 480, awst: 480, jst: 540, kst: 540, acst: 570, aest: 600, acdt: 630, aedt: 660, nzst: 720, nzdt: 780,
};

const DAY_MS = 86_400_000;
/** Anything before 1971 is a zero or a missing timestamp rendered as a date, not a real publication time. */
const EARLIEST = Date.UTC(1971, 0, 1);
/** Clocks and time zones drift; more than this ahead is a publisher's mistake (or a way to stay on top). */
export const FUTURE_TOLERANCE_MS = 2 * DAY_MS;

export type DateResult = { iso: string | null; warning?: string };

function zoneOffset(z: string | undefined): number | null {
  if (!z) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  const name = z.toLowerCase().replace(/[()]/g, '');
  if (name in ZONES) return ZONES[name];
  // Single-letter military zones are too often wrong to trust; read them as UTC.
  return /^[a-z]$/.test(name) ? 0 : null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000;
  const check = new Date(Date.UTC(y, mo, d));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is not a date.
  if (check.getUTCDate() !== d) return null;
  return Number.isFinite(t) ? t : null;
}

function parseIso(s: string): number | null {
  const m =
    /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(s);
  if (!m) return null;
  const off = zoneOffset(m[8]?.toUpperCase() === 'Z' ? 'z' : m[8]);
  if (off === null) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, off);
}

function parseRfc822(s: string): number | null {
  // [Day,] DD Mon YYYY [HH:MM[:SS]] [zone]; tolerant of missing comma, dashes, and two-digit years.
  const m =
    /^(?:[a-z]{2,9},?\s*)?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([a-z()]{1,6}|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    );
  if (!m) return null;
  const mo = MONTHS[m[2].toLowerCase()];
  if (mo === undefined) return null;
  let y = Number(m[3]);
  if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
  else if (m[3].length === 3) return null;
  const off = zoneOffset(m[7]);
  if (off === null) return null;
  return build(y, mo, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, off);
}

const IMPOSSIBLE = 'impossible';

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** True when the text names a day its month does not have ("31 February", "2026-02-30", "April 31, 2026"). */
function namesImpossibleDay(s: string): boolean {
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(s);
  if (iso) {
    const mo = Number(iso[2]) - 1;
    return mo < 0 || mo > 11 || Number(iso[3]) < 1 || Number(iso[3]) > daysIn(Number(iso[1]), mo);
  }
  const year = /\b(\d{4})\b/.exec(s);
  const named =
    /\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?\b/i.exec(s) ?? /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(s);
  if (!named || !year) return false;
  const [day, monthName] = /^\d/.test(named[1]) ? [Number(named[1]), named[2]] : [Number(named[2]), named[1]];
  const mo = MONTHS[monthName.toLowerCase()];
  return mo !== undefined && (day < 1 || day > daysIn(Number(year[1]), mo));
}

function parseLoose(s: string): number | null {
  // "Mon Jul 28 2022 03:39:57 GMT+0000", "July 28, 2022": only with a 4-digit year, or Date.parse accepts "1".
  if (!/\b(19|20)\d{2}\b/.test(s) || s.length > 80) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

// The two forms nearly every feed writes, exactly: "Tue, 03 Mar 2026 10:00:00 GMT" (weekday and seconds optional, any
// zone name or offset) and "2026-03-03T10:00:00Z".
const RFC822_EXACT = /^(?:[A-Za-z]{3}, )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([A-Za-z]{1,5}|[+-]\d{4})$/;
const ISO_EXACT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The time of a date in one of the two exact forms, read as parseIso or parseRfc822 would read it, or null for
 * anything else, including a day that does not exist (the general path then says why). One regular expression
 * instead of the five the general path runs; it gives the same results, since for these forms the impossible-day
 * check looks at the very fields the parser reads.
 */
function parseExact(s: string): number | null {
  const rfc = RFC822_EXACT.exec(s);
  if (rfc) {
    const mo = MONTHS[rfc[2].toLowerCase()];
    const off = zoneOffset(rfc[7]);
    if (mo === undefined || off === null) return null;
    return build(Number(rfc[3]), mo, Number(rfc[1]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), 0, off);
  }
  const iso = ISO_EXACT.exec(s);
  if (!iso) return null;
  const off = zoneOffset(iso[8] === 'Z' ? 'z' : iso[8]);
  if (off === null) return null;
  const ms = iso[7] ? Math.round(Number(`0.${iso[7]}`) * 1000) : 0;
  return build(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6]), ms, off);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * Date.prototype.toISOString for the times parseDate lets through (1971 to a few days from now), by arithmetic:
 * toISOString took a tenth of a feed's normalising. Days to a civil date as in Howard Hinnant's days_from_civil
 * inverse (http://howardhinnant.github.io/date_algorithms.html#civil_from_days).
 */
export function isoString(t: number): string {
  const days = Math.floor(t / DAY_MS);
  const msOfDay = t - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(t).toISOString();
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor(msOfDay / 60_000) % 60;
  const sec = Math.floor(msOfDay / 1_000) % 60;
  const ms = msOfDay % 1_000;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}

/** RFC 822 and ISO-8601 dates to ISO UTC; implausible dates become null (a warning says why). */
export function parseDate(raw: unknown, now: number = Date.now()): DateResult {
  if (typeof raw !== 'string') return { iso: null };
  // Runs of two or more, or one that is not a plain space: the same as replacing every run, without a new string
  // for a date whose spaces are already single (most are).
  const s = raw.trim().replace(/\s{2,}|[^\S ]/g, ' ');
  if (s.length === 0 || s.length > 100) return { iso: null };
  let t = parseExact(s);
  if (t === null) {
    // Date.parse and Date.UTC roll 31 February over into March; a day that does not exist is refused, not moved.
    if (namesImpossibleDay(s)) return { iso: null, warning: `${IMPOSSIBLE} date refused "${s.slice(0, 40)}"` };
    t = parseIso(s) ?? parseRfc822(s) ?? parseLoose(s);
  }
  if (t === null) return { iso: null, warning: `unparseable date "${s.slice(0, 40)}"` };
  if (t < EARLIEST) return { iso: null, warning: `date before 1971 ignored "${s.slice(0, 40)}"` };
  if (t > now + FUTURE_TOLERANCE_MS) return { iso: null, warning: `future date ignored "${s.slice(0, 40)}"` };
  return { iso: isoString(t) };
}
