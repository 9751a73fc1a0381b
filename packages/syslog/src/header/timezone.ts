/**
 * Device time zones: turning a zone-less wall-clock time into an instant.
 *
 * A zone is an IANA name (`Europe/Paris`) or a fixed offset (`+02:00`, `+0200`, `-5`,
 * `UTC+2:00`, `Z`, `UTC`). IANA offsets come from `Intl.DateTimeFormat`, which is slow
 * (microseconds), so each zone keeps one formatter and a cache of offsets per 15-minute UTC
 * bucket: every offset change since 1900 happens on a 15-minute boundary in UTC, so a bucket
 * never straddles a change (only pre-1900 local mean time offsets do).
 */

const MINUTE_MS = 60_000;
const BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_BUCKETS = 4096;

interface FixedZone {
  fixedMs: number;
}
interface IanaZone {
  fixedMs: undefined;
  format: Intl.DateTimeFormat;
  offsets: Map<number, number>;
}
type Zone = FixedZone | IanaZone;

const UTC_ZONE: FixedZone = { fixedMs: 0 };
const zones = new Map<string, Zone>();

const OFFSET_RE = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

function resolveZone(name: string | undefined): Zone {
  if (name === undefined || name === '' || name === 'UTC' || name === 'Z') return UTC_ZONE;
  let zone = zones.get(name);
  if (zone !== undefined) return zone;
  zone = buildZone(name.trim());
  if (zones.size > 1024) zones.clear();
  zones.set(name, zone);
  return zone;
}

function buildZone(name: string): Zone {
  if (/^(?:z|utc|gmt|etc\/utc|etc\/gmt)$/i.test(name)) return UTC_ZONE;
  const m = OFFSET_RE.exec(name);
  if (m !== null) {
    const hours = Number(m[2]);
    const minutes = m[3] === undefined ? 0 : Number(m[3]);
    if (hours > 23 || minutes > 59) return UTC_ZONE;
    return { fixedMs: (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * MINUTE_MS };
  }
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    return { fixedMs: undefined, format, offsets: new Map() };
  } catch {
    // Unknown zone name: treated as UTC rather than failing every line of that sender.
    return UTC_ZONE;
  }
}

function ianaOffset(zone: IanaZone, utcMs: number): number {
  const bucket = Math.floor(utcMs / BUCKET_MS);
  const cached = zone.offsets.get(bucket);
  if (cached !== undefined) return cached;
  const offset = computeIanaOffset(zone.format, bucket * BUCKET_MS);
  if (zone.offsets.size >= MAX_CACHED_BUCKETS) zone.offsets.clear();
  zone.offsets.set(bucket, offset);
  return offset;
}

function computeIanaOffset(format: Intl.DateTimeFormat, utcMs: number): number {
  if (!Number.isFinite(utcMs) || Math.abs(utcMs) > 8.64e15) return 0;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of format.formatToParts(utcMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
      default:
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = utcFromFields(year, month, day, hour, minute, second, 0);
  const offset = wall - utcMs;
  return Number.isFinite(offset) ? offset : 0;
}

/** `Date.UTC` without its 0..99 → 1900..1999 year mapping. Month is 1-based. */
export function utcFromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year >= 0 && year < 100) return new Date(t).setUTCFullYear(year);
  return t;
}

/** Offset of `zone` from UTC at instant `utcMs`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(zone: string | undefined, utcMs: number): number {
  const z = resolveZone(zone);
  return z.fixedMs !== undefined ? z.fixedMs : ianaOffset(z, utcMs);
}

/**
 * The instant of a wall-clock time in `zone` (month 1-based). In a DST gap the time is read
 * with the offset before the change; in an overlap, the earlier of the two instants is chosen.
 */
export function zonedTimeToUtcMs(
  zone: string | undefined,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const wall = utcFromFields(year, month, day, hour, minute, second, ms);
  const z = resolveZone(zone);
  if (z.fixedMs !== undefined) return wall - z.fixedMs;
  const first = ianaOffset(z, wall);
  const guess = wall - first;
  const atGuess = ianaOffset(z, guess);
  if (atGuess !== first) {
    // `wall` and `guess` straddle a change: the offset in force at the wall time is the
    // other one. In a gap (the wall time does not exist) this reads it with the offset from
    // before the change, as java.time does (02:30 in a 02:00→03:00 gap becomes 03:30).
    return wall - atGuess;
  }
  // In an overlap (clocks set back) the wall time exists twice; prefer the earlier instant.
  const earlierOffset = ianaOffset(z, guess - 3 * 3_600_000);
  if (earlierOffset > first) {
    const earlier = wall - earlierOffset;
    if (ianaOffset(z, earlier) === earlierOffset) return earlier;
  }
  return guess;
}

/** The calendar year in `zone` at instant `utcMs`. */
export function zonedYear(zone: string | undefined, utcMs: number): number {
  return new Date(utcMs + zoneOffsetMs(zone, utcMs)).getUTCFullYear();
}
