import { parseStructuredData } from './structured-data.js';
import { isHeaderToken } from './tag.js';
import { type TimeContext, parseIsoTimestamp, scratch } from './timestamp.js';
import type { SyslogHeader } from './types.js';

const SP = 0x20;
const DASH = 0x2d;

/** True when `s` has an RFC 5424 VERSION `1` followed by a space at `pos`. */
export function hasVersion1(s: string, pos: number): boolean {
  return s.charCodeAt(pos) === 0x31 && s.charCodeAt(pos + 1) === SP;
}

/** End of the header token at `pos` (next space or end of string). */
function tokenEnd(s: string, pos: number): number {
  const i = s.indexOf(' ', pos);
  return i === -1 ? s.length : i;
}

/** Value of a header field token, undefined for the NILVALUE `-`. */
function field(s: string, start: number, end: number): string | undefined {
  if (end - start === 1 && s.charCodeAt(start) === DASH) return undefined;
  return s.slice(start, end);
}

/**
 * Parses the RFC 5424 header `1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD` starting at the
 * VERSION at `pos`, writing the fields into `h` (NILVALUE `-` leaves a field absent). Returns
 * the start of MSG, or -1 when the TIMESTAMP is neither `-` nor RFC 3339 (then `h` is
 * untouched and the caller tries RFC 3164).
 *
 * Leniency, because senders and relays are not strict: runs of spaces between fields are
 * accepted; a header that ends early leaves the remaining fields absent and MSG empty; a zone-less
 * timestamp is read in the device zone; when the SD slot holds neither `-` nor well-formed SD
 * (a sender that omits SD, or a `[` that does not parse), MSG starts at that slot; and when a
 * HOSTNAME..MSGID token contains `,` or `=` (a vendor body where header fields were left out,
 * as PAN-OS IETF format does), the header ends there and MSG starts at that token.
 */
export function parse5424(s: string, pos: number, ctx: TimeContext, h: SyslogHeader): number {
  const len = s.length;
  let p = pos + 2;
  let tsStart = -1;
  let tsEnd = -1;
  if (s.charCodeAt(p) === DASH && (p + 1 >= len || s.charCodeAt(p + 1) === SP)) {
    p++;
  } else {
    if (!parseIsoTimestamp(s, p, ctx, true)) return -1;
    tsStart = p;
    tsEnd = scratch.end;
    p = tsEnd;
  }

  h.format = 'rfc5424';
  h.version = 1;
  if (tsStart >= 0) {
    h.timestampText = s.slice(tsStart, tsEnd);
    h.timestampHasZone = scratch.hasZone;
    if (scratch.ms === scratch.ms) h.timestamp = new Date(scratch.ms);
  }

  // HOSTNAME, APP-NAME, PROCID, MSGID
  for (let i = 0; i < 4; i++) {
    while (s.charCodeAt(p) === SP) p++;
    if (p >= len) return len;
    const end = tokenEnd(s, p);
    // A token with `,` or `=` is a vendor body, not a header field: PAN-OS sends
    // `<134>1 2022-11-03T13:40:34+01:00 PA-220 1,2021/11/11 ...` with no APP..SD at all.
    if (!isHeaderToken(s, p, end)) return p;
    const v = field(s, p, end);
    if (v !== undefined) {
      if (i === 0) h.hostname = v;
      else if (i === 1) h.appname = v;
      else if (i === 2) h.procid = v;
      else h.msgid = v;
    }
    p = end;
  }

  // STRUCTURED-DATA
  while (s.charCodeAt(p) === SP) p++;
  if (p >= len) return len;
  const c = s.charCodeAt(p);
  if (c === DASH && (p + 1 >= len || s.charCodeAt(p + 1) === SP)) {
    p++;
  } else if (c === 0x5b) {
    const sd = parseStructuredData(s, p);
    if (sd === null) return p;
    h.structuredData = sd.data;
    p = sd.end;
  } else {
    return p;
  }
  // One SP separates SD from MSG; further spaces belong to MSG.
  return s.charCodeAt(p) === SP ? p + 1 : p;
}
