import { utcFromFields, zonedTimeToUtcMs, zonedYear } from './timezone.js';

/** Which wire shape a header timestamp had. */
export const TimestampKind = {
  /** RFC 3339 / ISO 8601 `2026-01-05T13:54:43.262668+01:00` (RFC 5424, or a relay in 3164 position). */
  Iso: 1,
  /** BSD `Mmm dd hh:mm:ss`, year inferred. */
  Bsd: 2,
  /** BSD with a year: `Mmm dd yyyy hh:mm:ss` or `yyyy Mmm dd hh:mm:ss`. */
  BsdWithYear: 3,
} as const;
export type TimestampKind = (typeof TimestampKind)[keyof typeof TimestampKind];

/**
 * Result of the last successful timestamp parse. One shared scratch object: the parsers are
 * synchronous and callers copy what they need before the next call, so no per-line allocation.
 */
export interface TimestampScratch {
  /** Position after the timestamp. */
  end: number;
  /** Instant in ms since the epoch; NaN when the text was well-formed but not a real date (Feb 30). */
  ms: number;
  hasZone: boolean;
  kind: TimestampKind;
}

export const scratch: TimestampScratch = { end: -1, ms: Number.NaN, hasZone: false, kind: TimestampKind.Iso };

/** Zone and receive time, as passed to `parseSyslog`. */
export interface TimeContext {
  timezone: string | undefined;
  receivedMs: number;
}

/** Half of a 365-day year: a candidate year closer than this to the receive time is the closest. */
const HALF_YEAR_MS = 182.5 * 86_400_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Value of the `n` ASCII digits at `pos`, or -1. */
function digits(s: string, pos: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(pos + i) - 0x30;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** True when `pos` is the end of the string or a space: a header token must end there. */
function atTokenEnd(s: string, pos: number): boolean {
  return pos >= s.length || s.charCodeAt(pos) === 0x20;
}

/**
 * Reads `.fraction` at `pos` (1..9 digits); returns [end, milliseconds] packed as
 * end * 1000 + ms, or -1 when there is no fraction. More than 9 digits is not a timestamp.
 */
function fraction(s: string, pos: number): number {
  if (s.charCodeAt(pos) !== 0x2e) return pos * 1000;
  let p = pos + 1;
  let ms = 0;
  let n = 0;
  for (;;) {
    const c = s.charCodeAt(p) - 0x30;
    if (!(c >= 0 && c <= 9)) break;
    if (n < 3) ms = ms * 10 + c;
    n++;
    p++;
  }
  if (n === 0 || n > 9) return -1;
  for (let i = n; i < 3; i++) ms *= 10;
  return p * 1000 + ms;
}

/**
 * Parses an RFC 3339 timestamp at `pos`: `YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm|±hhmm)`.
 * A zone-less timestamp is accepted only when `allowNoZone` (relay formats) and is read in
 * the device zone. The timestamp must end at a space or the end of the string.
 * On success fills `scratch` and returns true.
 */
export function parseIsoTimestamp(s: string, pos: number, ctx: TimeContext, allowNoZone: boolean): boolean {
  const year = digits(s, pos, 4);
  if (year < 0 || s.charCodeAt(pos + 4) !== 0x2d) return false;
  const month = digits(s, pos + 5, 2);
  if (month < 1 || month > 12 || s.charCodeAt(pos + 7) !== 0x2d) return false;
  const day = digits(s, pos + 8, 2);
  const t = s.charCodeAt(pos + 10);
  if (day < 1 || day > 31 || (t !== 0x54 && t !== 0x74)) return false;
  const hour = digits(s, pos + 11, 2);
  if (hour < 0 || hour > 23 || s.charCodeAt(pos + 13) !== 0x3a) return false;
  const minute = digits(s, pos + 14, 2);
  if (minute < 0 || minute > 59 || s.charCodeAt(pos + 16) !== 0x3a) return false;
  const second = digits(s, pos + 17, 2);
  if (second < 0 || second > 60) return false;
  const f = fraction(s, pos + 19);
  if (f < 0) return false;
  let p = Math.floor(f / 1000);
  const ms = f % 1000;

  let offsetMin = 0;
  let hasZone = true;
  const z = s.charCodeAt(p);
  if (z === 0x5a || z === 0x7a) {
    p++;
  } else if (z === 0x2b || z === 0x2d) {
    const oh = digits(s, p + 1, 2);
    if (oh < 0 || oh > 23) return false;
    let om: number;
    if (s.charCodeAt(p + 3) === 0x3a) {
      om = digits(s, p + 4, 2);
      p += 6;
    } else {
      om = digits(s, p + 3, 2);
      p += 5;
    }
    if (om < 0 || om > 59) return false;
    offsetMin = (z === 0x2d ? -1 : 1) * (oh * 60 + om);
  } else {
    if (!allowNoZone) return false;
    hasZone = false;
  }
  if (!atTokenEnd(s, p)) return false;

  let instant: number;
  if (day > daysInMonth(year, month)) instant = Number.NaN;
  else if (hasZone) instant = utcFromFields(year, month, day, hour, minute, second, ms) - offsetMin * 60_000;
  else instant = zonedTimeToUtcMs(ctx.timezone, year, month, day, hour, minute, second, ms);

  scratch.end = p;
  scratch.ms = instant;
  scratch.hasZone = hasZone;
  scratch.kind = TimestampKind.Iso;
  return true;
}

/** Month 1..12 from a case-insensitive English abbreviation at `pos`, or 0. */
function monthAt(s: string, pos: number): number {
  const a = s.charCodeAt(pos) | 0x20;
  const b = s.charCodeAt(pos + 1) | 0x20;
  const c = s.charCodeAt(pos + 2) | 0x20;
  switch (a) {
    case 0x6a: // j
      if (b === 0x61 && c === 0x6e) return 1;
      if (b === 0x75 && c === 0x6e) return 6;
      if (b === 0x75 && c === 0x6c) return 7;
      return 0;
    case 0x66: // f
      return b === 0x65 && c === 0x62 ? 2 : 0;
    case 0x6d: // m
      if (b === 0x61 && c === 0x72) return 3;
      if (b === 0x61 && c === 0x79) return 5;
      return 0;
    case 0x61: // a
      if (b === 0x70 && c === 0x72) return 4;
      if (b === 0x75 && c === 0x67) return 8;
      return 0;
    case 0x73: // s
      return b === 0x65 && c === 0x70 ? 9 : 0;
    case 0x6f: // o
      return b === 0x63 && c === 0x74 ? 10 : 0;
    case 0x6e: // n
      return b === 0x6f && c === 0x76 ? 11 : 0;
    case 0x64: // d
      return b === 0x65 && c === 0x63 ? 12 : 0;
    default:
      return 0;
  }
}

/** `hh:mm:ss[.fff]` at `pos`: returns [end, h, m, s, ms] via `clock`, or false. */
const clock = { end: 0, hour: 0, minute: 0, second: 0, ms: 0 };
function parseClock(s: string, pos: number): boolean {
  const hour = digits(s, pos, 2);
  if (hour < 0 || hour > 23 || s.charCodeAt(pos + 2) !== 0x3a) return false;
  const minute = digits(s, pos + 3, 2);
  if (minute < 0 || minute > 59 || s.charCodeAt(pos + 5) !== 0x3a) return false;
  const second = digits(s, pos + 6, 2);
  if (second < 0 || second > 60) return false;
  const f = fraction(s, pos + 8);
  if (f < 0) return false;
  clock.end = Math.floor(f / 1000);
  clock.hour = hour;
  clock.minute = minute;
  clock.second = second;
  clock.ms = f % 1000;
  return true;
}

/**
 * Parses a BSD timestamp at `pos`: `Mmm dd hh:mm:ss` (one or two spaces before a one- or
 * two-digit day: `Nov  5`, `Nov 5`, `Nov 05`), optionally with `.fraction`, and the variants
 * `Mmm dd yyyy hh:mm:ss` and `yyyy Mmm dd hh:mm:ss`. Zone-less: read in the device zone.
 * Without a year, the year is the one that puts the instant closest to the receive time,
 * computed in the device zone. Must end at a space or the end of the string.
 */
export function parseBsdTimestamp(s: string, pos: number, ctx: TimeContext): boolean {
  let p = pos;
  let year = -1;
  const leadYear = digits(s, p, 4);
  if (leadYear >= 0 && s.charCodeAt(p + 4) === 0x20) {
    year = leadYear;
    p += 5;
  }
  const month = monthAt(s, p);
  if (month === 0 || s.charCodeAt(p + 3) !== 0x20) return false;
  p += 4;
  if (s.charCodeAt(p) === 0x20) p++;
  let day = digits(s, p, 2);
  if (day >= 0 && s.charCodeAt(p + 2) === 0x20) {
    p += 3;
  } else {
    day = digits(s, p, 1);
    if (day < 0 || s.charCodeAt(p + 1) !== 0x20) return false;
    p += 2;
  }
  if (day < 1 || day > 31) return false;
  if (year < 0) {
    const inlineYear = digits(s, p, 4);
    if (inlineYear >= 0 && s.charCodeAt(p + 4) === 0x20) {
      year = inlineYear;
      p += 5;
    }
  }
  if (!parseClock(s, p) || !atTokenEnd(s, clock.end)) return false;

  let instant: number;
  if (year >= 0) {
    instant =
      day > daysInMonth(year, month)
        ? Number.NaN
        : zonedTimeToUtcMs(ctx.timezone, year, month, day, clock.hour, clock.minute, clock.second, clock.ms);
  } else {
    instant = closestYear(ctx, month, day, clock.hour, clock.minute, clock.second, clock.ms);
  }
  scratch.end = clock.end;
  scratch.ms = instant;
  scratch.hasZone = false;
  scratch.kind = year >= 0 ? TimestampKind.BsdWithYear : TimestampKind.Bsd;
  return true;
}

/**
 * RFC 3164 has no year: choose, among the years around the receive year (in the device zone),
 * the one whose instant is closest to the receive time. `Dec 31 23:59:59` received at
 * `Jan 1 00:00:05` is last year; `Jan 1 00:00:01` received at `Dec 31 23:59:58` is next year.
 * Feb 29 looks up to 4 years away for a leap year. NaN when the receive time is unusable.
 */
function closestYear(
  ctx: TimeContext,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const received = ctx.receivedMs;
  if (!Number.isFinite(received)) return Number.NaN;
  const base = zonedYear(ctx.timezone, received);
  // Candidates lie about a year apart, so one within half a year of the receive time is the
  // closest: usually a single evaluation.
  if (day <= daysInMonth(base, month)) {
    const t = zonedTimeToUtcMs(ctx.timezone, base, month, day, hour, minute, second, ms);
    const diff = t - received;
    if (Math.abs(diff) <= HALF_YEAR_MS) return t;
    const y = diff > 0 ? base - 1 : base + 1;
    if (day <= daysInMonth(y, month)) {
      const t2 = zonedTimeToUtcMs(ctx.timezone, y, month, day, hour, minute, second, ms);
      return Math.abs(t2 - received) < Math.abs(diff) ? t2 : t;
    }
    return t;
  }
  // Feb 29 outside a leap year: the nearest leap year, up to 4 years away.
  let best = Number.NaN;
  let bestDiff = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= 4; k++) {
    for (const y of [base - k, base + k]) {
      if (day > daysInMonth(y, month)) continue;
      const t = zonedTimeToUtcMs(ctx.timezone, y, month, day, hour, minute, second, ms);
      const d = Math.abs(t - received);
      if (d < bestDiff) {
        bestDiff = d;
        best = t;
      }
    }
    if (bestDiff !== Number.POSITIVE_INFINITY) break;
  }
  return best;
}
