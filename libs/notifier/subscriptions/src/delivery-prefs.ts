import type { DeliveryPlan, QuietWindow } from './schedule';
import type { Subscriber } from './subscriber';

/** How one subscriber wants alerts: at once or in a digest, and when never. */
export interface DeliveryPrefs {
  plan: DeliveryPlan;
  quiet?: QuietWindow;
}

/** The older `digest: 'daily'` goes out at this hour UTC, as it always has. */
export const LEGACY_DAILY = { at: '08:00', timeZone: 'UTC' } as const;

/**
 * The one place that reads delivery settings from a subscriber record. It accepts the older
 * `digest: 'immediate' | 'daily'` and the newer `delivery` ({mode: instant | hourly | daily, at,
 * timeZone}) and `quietHours`, read defensively so the record's schema can move without touching
 * the scheduler. A value it cannot use means "at once", never a silent drop.
 */
export function deliveryPrefsOf(subscriber: Subscriber): DeliveryPrefs {
  const record = subscriber as unknown as Record<string, unknown>;
  const quiet = quietOf(record.quietHours);
  const plan = planOf(record.delivery ?? record.deliveryMode) ?? legacyPlan(record.digest);
  return quiet ? { plan, quiet } : { plan };
}

function planOf(value: unknown): DeliveryPlan | null {
  const v = typeof value === 'string' ? { mode: value } : value;
  if (!isObject(v)) return null;
  const timeZone = typeof v.timeZone === 'string' && isTimeZone(v.timeZone) ? v.timeZone : undefined;
  switch (v.mode) {
    case 'instant':
    case 'immediate':
      return { mode: 'immediate' };
    case 'hourly':
      return { mode: 'hourly', timeZone: timeZone ?? 'UTC' };
    case 'daily':
      return typeof v.at === 'string' && isHhMm(v.at) ? { mode: 'daily', at: v.at, timeZone: timeZone ?? 'UTC' } : { mode: 'daily', ...LEGACY_DAILY };
    default:
      return null;
  }
}

function legacyPlan(digest: unknown): DeliveryPlan {
  return digest === 'daily' ? { mode: 'daily', ...LEGACY_DAILY } : { mode: 'immediate' };
}

function quietOf(value: unknown): QuietWindow | undefined {
  if (!isObject(value)) return undefined;
  const { start, end, timeZone } = value;
  if (typeof start !== 'string' || typeof end !== 'string' || !isHhMm(start) || !isHhMm(end)) return undefined;
  return { start, end, timeZone: typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : 'UTC' };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isHhMm(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
