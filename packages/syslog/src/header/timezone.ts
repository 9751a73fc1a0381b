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

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1-based), by integer arithmetic
 * (H. Hinnant's days_from_civil): several times faster than `Date.UTC`, which is a runtime call,
 * and without its 0..99 → 1900..1999 year mapping.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Milliseconds since the epoch of a UTC calendar time (month 1-based); like `Date.UTC`, fields may overflow (second 60). */
export function utcFromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** The UTC calendar year of an instant (H. Hinnant's civil_from_days, year part only). */
export function utcYear(utcMs: number): number {
  const z = Math.floor(utcMs / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
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
  return utcYear(utcMs + zoneOffsetMs(zone, utcMs));
}
