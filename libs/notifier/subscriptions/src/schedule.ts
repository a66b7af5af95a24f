/**
 * When a delivery may go out: digest periods and quiet hours in IANA time zones, through Intl only.
 * Pure: every function takes the instant it reasons about; nothing reads the clock.
 */

/** `{start:'22:00', end:'07:00'}`: local hours in which nothing is sent; start after end spans midnight. */
export interface QuietWindow {
  start: string;
  end: string;
  timeZone: string;
}

export type DeliveryPlan =
  | { mode: 'immediate' }
  | { mode: 'hourly'; timeZone: string }
  | { mode: 'daily'; at: string; timeZone: string };

/** One digest period: items flagged in [start, end) go out together at `end`. */
export interface DigestPeriod {
  /** Stable name of the period, the same for every item in it: `daily@<end ISO>`. */
  key: string;
  start: Date;
  end: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of `at` in `timeZone`. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far `timeZone` is ahead of UTC at instant `ms` (whole seconds). */
function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time names in `timeZone`. In the autumn hour that happens twice the
 * earlier instant wins; a time skipped in spring maps to the instant an hour later on the clock.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetMs(wall - 12 * HOUR, timeZone);
  const after = offsetMs(wall + 12 * HOUR, timeZone);
  // Try both offsets the day can have; keep the first that reads back as the asked wall time.
  for (const off of before >= after ? [before, after] : [after, before]) {
    const t = wall - off;
    if (offsetMs(t, timeZone) === off) return new Date(t);
  }
  return new Date(wall - Math.min(before, after));
}

function parseHhMm(value: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`not a local time HH:MM: ${value}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The first instant strictly after `after` at which the clock in `timeZone` reads `hhmm`. */
export function nextLocalTime(after: Date, hhmm: string, timeZone: string): Date {
  const { hour, minute } = parseHhMm(hhmm);
  const p = localParts(after, timeZone);
  for (let d = 0; d < 3; d++) {
    // Date.UTC normalises day overflow, so this walks local calendar days across month ends.
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + d));
    const t = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, timeZone);
    if (t.getTime() > after.getTime()) return t;
  }
  throw new RangeError(`no ${hhmm} in ${timeZone} after ${after.toISOString()}`);
}

/** The last instant at or before `at` at which the clock in `timeZone` read `hhmm`. */
function previousLocalTime(at: Date, hhmm: string, timeZone: string): Date {
  const { hour, minute } = parseHhMm(hhmm);
  const p = localParts(at, timeZone);
  for (let d = 0; d < 3; d++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day - d));
    const t = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, timeZone);
    if (t.getTime() <= at.getTime()) return t;
  }
  throw new RangeError(`no ${hhmm} in ${timeZone} before ${at.toISOString()}`);
}

function minuteOfDay(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** The end of the quiet window `at` falls in, or null when `at` is outside quiet hours. */
export function quietUntil(at: Date, quiet: QuietWindow | undefined): Date | null {
  if (!quiet) return null;
  const start = parseHhMm(quiet.start);
  const end = parseHhMm(quiet.end);
  const s = start.hour * 60 + start.minute;
  const e = end.hour * 60 + end.minute;
  if (s === e) return null;
  const m = minuteOfDay(at, quiet.timeZone);
  const quietNow = s < e ? m >= s && m < e : m >= s || m < e;
  return quietNow ? nextLocalTime(at, quiet.end, quiet.timeZone) : null;
}

/** The period a flag made at `flaggedAt` belongs to: fixed by that instant, so never two periods. */
export function digestPeriod(plan: Exclude<DeliveryPlan, { mode: 'immediate' }>, flaggedAt: Date): DigestPeriod {
  if (plan.mode === 'hourly') {
    // Zone offsets are whole quarter hours, so a local hour starts where the local minute reads 0;
    // counting back in absolute time keeps the autumn's repeated hour two separate periods.
    const p = localParts(flaggedAt, plan.timeZone);
    const start = new Date(Math.floor(flaggedAt.getTime() / 1000) * 1000 - (p.minute * 60 + p.second) * 1000);
    const end = new Date(start.getTime() + HOUR);
    return { key: `hourly@${end.toISOString()}`, start, end };
  }
  const end = nextLocalTime(flaggedAt, plan.at, plan.timeZone);
  const start = previousLocalTime(flaggedAt, plan.at, plan.timeZone);
  return { key: `daily@${end.toISOString()}`, start, end };
}

/** When something due at `due` may actually go out: at once, or at the end of quiet hours. */
export function releaseAt(due: Date, quiet: QuietWindow | undefined): Date {
  return quietUntil(due, quiet) ?? due;
}
