import { aSubscriber } from './__fixtures__/flag.fixture';
import { deliveryPrefsOf, LEGACY_DAILY } from './delivery-prefs';
import type { Subscriber } from './subscriber';

const withFields = (fields: Record<string, unknown>) => ({ ...aSubscriber(), ...fields }) as unknown as Subscriber;

describe('deliveryPrefsOf', () => {
  it('should deliver at once when nothing is set', () => {
    expect(deliveryPrefsOf(aSubscriber())).toEqual({ plan: { mode: 'immediate' } });
  });

  it('should read the older digest daily as a daily digest at 08:00 UTC', () => {
    expect(deliveryPrefsOf(aSubscriber({ digest: 'daily' }))).toEqual({ plan: { mode: 'daily', ...LEGACY_DAILY } });
  });

  it('should read a daily digest at a local time in a zone and quiet hours when given', () => {
    const s = withFields({ delivery: { mode: 'daily', at: '07:30', timeZone: 'Europe/Berlin' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    expect(deliveryPrefsOf(s)).toEqual({
      plan: { mode: 'daily', at: '07:30', timeZone: 'Europe/Berlin' },
      quiet: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    });
  });

  it('should accept instant and hourly under either field name', () => {
    expect(deliveryPrefsOf(withFields({ delivery: { mode: 'instant' } })).plan).toEqual({ mode: 'immediate' });
    expect(deliveryPrefsOf(withFields({ deliveryMode: { mode: 'hourly', timeZone: 'Asia/Tokyo' } })).plan).toEqual({ mode: 'hourly', timeZone: 'Asia/Tokyo' });
    expect(deliveryPrefsOf(withFields({ deliveryMode: 'hourly' })).plan).toEqual({ mode: 'hourly', timeZone: 'UTC' });
  });

  it('should fall back to safe values when a field is unusable', () => {
    expect(deliveryPrefsOf(withFields({ delivery: { mode: 'weekly' } })).plan).toEqual({ mode: 'immediate' });
    expect(deliveryPrefsOf(withFields({ delivery: { mode: 'hourly', timeZone: 'Mars/Olympus' } })).plan).toEqual({ mode: 'hourly', timeZone: 'UTC' });
    expect(deliveryPrefsOf(withFields({ quietHours: { start: '25:00', end: '07:00' } })).quiet).toBeUndefined();
  });
});
