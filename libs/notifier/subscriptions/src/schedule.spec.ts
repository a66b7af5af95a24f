import { digestPeriod, localParts, nextLocalTime, quietUntil, releaseAt, zonedInstant } from './schedule';

const at = (iso: string) => new Date(iso);

describe('zonedInstant', () => {
  it('should map a Berlin wall time to UTC in winter and in summer', () => {
    expect(zonedInstant(2026, 1, 15, 8, 0, 'Europe/Berlin').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(zonedInstant(2026, 7, 15, 8, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('should take the earlier instant when the autumn hour repeats', () => {
    // 2026-10-25 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(zonedInstant(2026, 10, 25, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('should move a wall time skipped in spring an hour on', () => {
    // 2026-03-29 02:30 does not exist in Berlin; 03:30 CEST is 01:30Z.
    expect(zonedInstant(2026, 3, 29, 2, 30, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('nextLocalTime', () => {
  it('should give 08:00 New York as 13:00Z in winter and 12:00Z in summer', () => {
    expect(nextLocalTime(at('2026-01-10T00:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-01-10T13:00:00.000Z');
    expect(nextLocalTime(at('2026-07-10T00:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-07-10T12:00:00.000Z');
  });

  it('should pick the next day when the time has passed or is now', () => {
    expect(nextLocalTime(at('2026-01-10T13:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-01-11T13:00:00.000Z');
  });

  it('should cross the New York spring change to the right UTC hour', () => {
    // 2026-03-08 is the US change day: 08:00 EST on the 7th is 13:00Z, 08:00 EDT on the 8th is 12:00Z.
    expect(nextLocalTime(at('2026-03-07T13:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });
});

describe('quietUntil', () => {
  const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };

  it('should find quiet hours that span midnight on both sides of it', () => {
    // 23:30 and 01:00 Berlin (winter, UTC+1) are quiet until 07:00 Berlin = 06:00Z.
    expect(quietUntil(at('2026-01-14T22:30:00Z'), night)?.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(quietUntil(at('2026-01-15T00:00:00Z'), night)?.toISOString()).toBe('2026-01-15T06:00:00.000Z');
  });

  it('should not delay outside quiet hours or at their end', () => {
    expect(quietUntil(at('2026-01-15T12:00:00Z'), night)).toBeNull();
    expect(quietUntil(at('2026-01-15T06:00:00Z'), night)).toBeNull();
    expect(quietUntil(at('2026-01-15T20:59:59Z'), night)).toBeNull();
    expect(quietUntil(at('2026-01-15T21:00:00Z'), night)?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });

  it('should end quiet hours at local 07:00 on the night the clocks go forward', () => {
    // Night of 2026-03-28/29: 07:00 CEST on the 29th is 05:00Z.
    expect(quietUntil(at('2026-03-28T23:00:00Z'), night)?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('should handle a window within one day', () => {
    const lunch = { start: '12:00', end: '13:00', timeZone: 'UTC' };
    expect(quietUntil(at('2026-01-15T12:30:00Z'), lunch)?.toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(quietUntil(at('2026-01-15T13:30:00Z'), lunch)).toBeNull();
  });

  it('should release a delivery due in quiet hours at their end and one outside at once', () => {
    expect(releaseAt(at('2026-01-15T00:00:00Z'), night).toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(releaseAt(at('2026-01-15T10:00:00Z'), night).toISOString()).toBe('2026-01-15T10:00:00.000Z');
    expect(releaseAt(at('2026-01-15T00:00:00Z'), undefined).toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});

describe('digestPeriod', () => {
  const daily = { mode: 'daily', at: '08:00', timeZone: 'America/New_York' } as const;

  it('should put a flag in the period ending at the next 08:00 New York', () => {
    const p = digestPeriod(daily, at('2026-01-10T14:00:00Z'));
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(['2026-01-10T13:00:00.000Z', '2026-01-11T13:00:00.000Z']);
    expect(p.key).toBe('daily@2026-01-11T13:00:00.000Z');
  });

  it('should put a flag made exactly at 08:00 in the period that starts then, never in two', () => {
    const edge = at('2026-01-10T13:00:00Z');
    expect(digestPeriod(daily, edge).start.toISOString()).toBe('2026-01-10T13:00:00.000Z');
    expect(digestPeriod(daily, new Date(edge.getTime() - 1)).end.toISOString()).toBe('2026-01-10T13:00:00.000Z');
  });

  it('should make the Berlin spring change day a 23-hour period', () => {
    const p = digestPeriod({ mode: 'daily', at: '08:00', timeZone: 'Europe/Berlin' }, at('2026-03-28T12:00:00Z'));
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z']);
  });

  it('should cover every instant with exactly one period when periods are consecutive', () => {
    let t = at('2026-03-27T00:00:00Z').getTime();
    const end = at('2026-03-31T00:00:00Z').getTime();
    for (; t < end; t += 17 * 60_000) {
      const p = digestPeriod({ mode: 'daily', at: '08:00', timeZone: 'Europe/Berlin' }, new Date(t));
      expect(p.start.getTime()).toBeLessThanOrEqual(t);
      expect(p.end.getTime()).toBeGreaterThan(t);
      expect(localParts(p.end, 'Europe/Berlin')).toMatchObject({ hour: 8, minute: 0 });
    }
  });

  it('should cut hourly periods at local hours, also in a half-hour zone', () => {
    const p = digestPeriod({ mode: 'hourly', timeZone: 'Asia/Kolkata' }, at('2026-01-10T10:45:10Z'));
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(['2026-01-10T10:30:00.000Z', '2026-01-10T11:30:00.000Z']);
    expect(p.key).toBe('hourly@2026-01-10T11:30:00.000Z');
  });
});
