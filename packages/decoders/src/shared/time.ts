/**
 * Time helpers shared by the decoders: zone offsets in the shapes vendors write,
 * zone-less local times resolved in a device zone, and epoch values of any precision.
 */

/** Common zone abbreviations → offset in minutes. Ambiguous names (IST, CST) take their most common meaning. */
const NAMED_ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120,
  EET: 120, EEST: 180, MSK: 180, SAST: 120, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480,
  ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, PHT: 480, WIB: 420, ICT: 420, PKT: 300,
  GST: 240, AST: -240, ADT: -180, NST: -210, NDT: -150, ART: -180, BRT: -180, CLT: -240, COT: -300, PET: -300,
};

/**
 * Parses a fixed zone offset: `Z`, `+0200`, `-07:00`, `+2`, `UTC+2:00`, `GMT-5`, `UTC`, or a named
 * abbreviation (`CEST`, `PST`…). Returns minutes east of UTC, or `undefined` (IANA names are not offsets).
 */
export function parseOffsetMinutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let s = text.trim();
  if (s.length === 0) return undefined;
  const named = NAMED_ZONES[s.toUpperCase()];
  if (named !== undefined) return named;
  // Strip a leading alphabetic prefix (UTC+2:00, GMT-5).
  let i = 0;
  while (i < s.length && i < 4) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    i++;
  }
  if (i > 0) {
    const prefix = s.slice(0, i).toUpperCase();
    if (NAMED_ZONES[prefix] !== 0) return undefined; // only UTC/GMT/UT/Z prefixes carry an explicit offset
    s = s.slice(i);
  }
  const sign = s.charCodeAt(0);
  if (sign !== 43 && sign !== 45) return undefined;
  let h: number;
  let m = 0;
  const body = s.slice(1);
  const colon = body.indexOf(':');
  if (colon >= 0) {
    if (!allDigits(body, 0, colon) || colon > 2 || colon === 0 || body.length - colon - 1 !== 2 || !allDigits(body, colon + 1, body.length)) {
      return undefined;
    }
    h = Number(body.slice(0, colon));
    m = Number(body.slice(colon + 1));
  } else if (allDigits(body, 0, body.length) && body.length >= 1 && body.length <= 4) {
    if (body.length <= 2) h = Number(body);
    else {
      h = Number(body.slice(0, body.length - 2));
      m = Number(body.slice(body.length - 2));
    }
  } else {
    return undefined;
  }
  if (h > 14 || m > 59) return undefined;
  const total = h * 60 + m;
  return sign === 45 ? -total : total;
}

function allDigits(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Formats minutes east of UTC as `±hh:mm`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  let f = zoneFormatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      f = null;
    }
    zoneFormatters.set(zone, f);
  }
  return f;
}

/** Offset (minutes east of UTC) of an IANA zone at instant `utcMs`, or `undefined` for an unknown zone. */
export function ianaOffsetMinutes(zone: string, utcMs: number): number | undefined {
  const f = zoneFormatter(zone);
  if (f === null) return undefined;
  const parts = f.formatToParts(new Date(utcMs));
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': se = Number(p.value); break;
      default: break;
    }
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, se);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * A device zone as configured: a fixed offset (`+02:00`, `UTC+2`, `CEST`) or an IANA name (`Europe/Paris`).
 * Resolve once per message with {@link resolveZone}.
 */
export type Zone = { kind: 'fixed'; minutes: number } | { kind: 'iana'; name: string };

/** Parses a zone setting; `undefined` for an empty or unknown one. */
export function resolveZone(text: string | undefined): Zone | undefined {
  if (text === undefined || text.length === 0) return undefined;
  const fixed = parseOffsetMinutes(text);
  if (fixed !== undefined) return { kind: 'fixed', minutes: fixed };
  if (zoneFormatter(text) !== null) return { kind: 'iana', name: text };
  return undefined;
}

/**
 * Epoch milliseconds of a zone-less local date-time in `zone` (UTC when absent).
 * Month is 1-based. For IANA zones the offset is looked up at the resulting instant (DST-aware).
 */
export function localToEpochMs(
  y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: Zone | undefined,
): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (zone === undefined) return asUtc;
  if (zone.kind === 'fixed') return asUtc - zone.minutes * 60000;
  const first = ianaOffsetMinutes(zone.name, asUtc) ?? 0;
  let guess = asUtc - first * 60000;
  const second = ianaOffsetMinutes(zone.name, guess) ?? first;
  if (second !== first) guess = asUtc - second * 60000;
  return guess;
}


function digitsAt(s: string, i: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses `YYYY-MM-DD` or `YYYY/MM/DD` (date) and `HH:MM:SS[.fff]` (time) into their numeric parts;
 * `undefined` when malformed or out of range.
 */
export function parseDateTimeParts(
  date: string, time: string,
): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } | undefined {
  if (date.length !== 10 || time.length < 8) return undefined;
  const sep = date.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || date.charCodeAt(7) !== sep) return undefined;
  const y = digitsAt(date, 0, 4);
  const mo = digitsAt(date, 5, 2);
  const d = digitsAt(date, 8, 2);
  if (time.charCodeAt(2) !== 58 || time.charCodeAt(5) !== 58) return undefined;
  const h = digitsAt(time, 0, 2);
  const mi = digitsAt(time, 3, 2);
  const s = digitsAt(time, 6, 2);
  let ms = 0;
  if (time.length > 8) {
    if (time.charCodeAt(8) !== 46 || time.length === 9) return undefined;
    const frac = time.slice(9, 12).padEnd(3, '0');
    ms = digitsAt(frac, 0, 3);
    for (let i = 12; i < time.length; i++) {
      const c = time.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
  }
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60 && ms >= 0)) return undefined;
  if (Number.isNaN(y)) return undefined;
  return { y, mo, d, h, mi, s, ms };
}

/** An epoch instant with sub-millisecond precision kept as text. */
export interface PreciseInstant {
  /** Milliseconds since the epoch (truncated). */
  ms: number;
  /** ISO-8601 UTC text with the source precision: 0 (`.000`), 3, 6 or 9 fractional digits. */
  iso: string;
}

/**
 * Reads an epoch value whose unit is given by its digit count: ≤10 digits seconds, 11–13 ms,
 * 14–16 µs, 17–19 ns. Exact: the fraction is cut from the digit string, never through a float.
 * Returns `undefined` for non-digits or more than 19 digits.
 */
export function parseEpochDigits(text: string): PreciseInstant | undefined {
  const n = text.length;
  if (n === 0 || n > 19) return undefined;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const unitDigits = n <= 10 ? 0 : n <= 13 ? 3 : n <= 16 ? 6 : 9;
  const secText = unitDigits === 0 ? text : text.slice(0, n - unitDigits);
  const fracText = unitDigits === 0 ? '' : text.slice(n - unitDigits);
  const seconds = secText.length === 0 ? 0 : Number(secText);
  const millis = fracText.length >= 3 ? Number(fracText.slice(0, 3)) : 0;
  const ms = seconds * 1000 + millis;
  if (!Number.isSafeInteger(ms)) return undefined;
  const base = isoFromMs(seconds * 1000); // YYYY-MM-DDTHH:MM:SS.000Z
  if (base.length !== 24) return undefined;
  const frac = fracText.length === 0 ? '000' : fracText;
  return { ms, iso: `${base.slice(0, 20)}${frac}Z` };
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
let lastDay = Number.NaN;
let lastDayText = '';

/** `YYYY-MM-DD` of a day number since the epoch (proleptic Gregorian; H. Hinnant's civil_from_days). */
function dayText(days: number): string {
  if (days === lastDay) return lastDayText;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  lastDay = days;
  lastDayText = `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
  return lastDayText;
}

/** ISO-8601 UTC text for epoch ms (`YYYY-MM-DDTHH:MM:SS.mmmZ`), as `Date#toISOString` for years 1000–9999. */
export function isoFromMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < -30610224000000 || ms >= 253402300800000) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86400000);
  let rest = ms - days * 86400000;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const mi = Math.floor(rest / 60000);
  rest -= mi * 60000;
  const s = Math.floor(rest / 1000);
  const milli = Math.floor(rest - s * 1000);
  return `${dayText(days)}T${TWO_DIGITS[h]}:${TWO_DIGITS[mi]}:${TWO_DIGITS[s]}.${THREE_DIGITS[milli]}Z`;
}

/** Milliseconds in a (non-leap) year: the sanity window for device times around the receive time. */
export const YEAR_MS = 365 * 24 * 3600 * 1000;
