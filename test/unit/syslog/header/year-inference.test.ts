import { describe, expect, it } from 'vitest';
import { parseSyslog, zoneOffsetMs, zonedTimeToUtcMs } from '@pullwatch/syslog';

const at = (line: string, receivedAt: string, timezone?: string) =>
  parseSyslog(line, timezone === undefined ? { receivedAt: new Date(receivedAt) } : { receivedAt: new Date(receivedAt), timezone }).header.timestamp?.toISOString();

describe('syslog > header > RFC 3164 year inference', () => {
  it('`Dec 31 23:59:59` received on Jan 1 00:00:05 (device tz) is the previous year', () => {
    expect(at('<13>Dec 31 23:59:59 h a: x', '2026-01-01T00:00:05Z')).toBe('2025-12-31T23:59:59.000Z');
    // Device in Paris: Jan 1 00:00:05 local is Dec 31 23:00:05 UTC.
    expect(at('<13>Dec 31 23:59:59 h a: x', '2025-12-31T23:00:05Z', 'Europe/Paris')).toBe('2025-12-31T22:59:59.000Z');
  });

  it('`Jan  1 00:00:01` received on Dec 31 23:59:58 (device tz) is the next year', () => {
    expect(at('<13>Jan  1 00:00:01 h a: x', '2025-12-31T23:59:58Z')).toBe('2026-01-01T00:00:01.000Z');
    // Device at -05:00: Dec 31 23:59:58 local is Jan 1 04:59:58 UTC.
    expect(at('<13>Jan  1 00:00:01 h a: x', '2026-01-01T04:59:58Z', '-05:00')).toBe('2026-01-01T05:00:01.000Z');
  });

  it('the year is computed in the device zone, not in UTC', () => {
    // At 2025-12-31T23:30Z it is already 2026 in Tokyo: a Tokyo `Jan  1 08:00:00` is 2026.
    expect(at('<13>Jan  1 08:00:00 h a: x', '2025-12-31T23:30:00Z', 'Asia/Tokyo')).toBe('2025-12-31T23:00:00.000Z');
  });

  it('an ordinary timestamp gets the receive year', () => {
    expect(at('<13>Jul  3 19:10:30 filterlog[1]: x', '2021-07-03T19:10:31Z')).toBe('2021-07-03T19:10:30.000Z');
  });

  it('Feb 29 finds the nearest leap year', () => {
    expect(at('<13>Feb 29 12:00:00 h a: x', '2025-03-01T00:00:00Z')).toBe('2024-02-29T12:00:00.000Z');
  });
});

describe('syslog > header > time zones', () => {
  it('IANA offsets follow DST', () => {
    expect(zoneOffsetMs('Europe/Paris', Date.parse('2025-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(zoneOffsetMs('Europe/Paris', Date.parse('2025-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(zoneOffsetMs('America/New_York', Date.parse('2025-07-15T12:00:00Z'))).toBe(-4 * 3_600_000);
  });

  it('fixed offsets in the shapes seen in the field', () => {
    for (const [zone, min] of [['+02:00', 120], ['+0200', 120], ['-5', -300], ['UTC+2:00', 120], ['GMT-03:30', -210], ['Z', 0], ['UTC', 0]] as const) {
      expect(zoneOffsetMs(zone, 0)).toBe(min * 60_000);
    }
  });

  it('a wall time in a DST gap reads with the offset from before the change; in an overlap, the earlier instant', () => {
    // Paris 2025-03-30 02:30 does not exist (02:00 CET → 03:00 CEST).
    expect(new Date(zonedTimeToUtcMs('Europe/Paris', 2025, 3, 30, 2, 30, 0, 0)).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    // Paris 2025-10-26 02:30 happens twice (CEST then CET).
    expect(new Date(zonedTimeToUtcMs('Europe/Paris', 2025, 10, 26, 2, 30, 0, 0)).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(new Date(zonedTimeToUtcMs('Europe/Paris', 2025, 10, 26, 4, 0, 0, 0)).toISOString()).toBe('2025-10-26T03:00:00.000Z');
  });
});
