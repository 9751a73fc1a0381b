import { isHeaderToken, matchTag } from './tag.js';
import { type TimeContext, parseBsdTimestamp, parseIsoTimestamp, scratch } from './timestamp.js';
import type { SyslogHeader } from './types.js';

const SP = 0x20;

function tokenEnd(s: string, pos: number): number {
  const i = s.indexOf(' ', pos);
  return i === -1 ? s.length : i;
}

function skipSpaces(s: string, pos: number): number {
  let p = pos;
  while (s.charCodeAt(p) === SP) p++;
  return p;
}

/**
 * Parses an RFC 3164-style header at `pos` (after PRI): TIMESTAMP, then HOSTNAME and TAG as
 * far as they are present. Returns the start of MSG, or -1 when no timestamp is there (then `h`
 * is untouched). TIMESTAMP is BSD (`Mmm dd hh:mm:ss`, also with a year) or ISO 8601 as relays
 * write it (`2026-01-05T13:54:43.262668+01:00`, zone optional).
 *
 * Hostname and TAG, after the timestamp:
 * 1. If the first token has the TAG shape (`prog:`, `prog[pid]:`, `(squid-1):`,
 *    `/usr/local/sbin/xyz[123]:`), there is no hostname (pfSense 2.5+ BSD format).
 * 2. Else if it contains `,` or `=`, there is neither hostname nor TAG: MSG starts there
 *    (PAN-OS `1,2019/10/09 ...` or FortiGate `date=...` right after the timestamp).
 * 3. Else it is the hostname, and the next token is the TAG only if it has the TAG shape;
 *    otherwise MSG starts at that token (PAN-OS `fw01 1,2025/12/10 ...`, `_gateway date=...`).
 * After a TAG, one space is skipped; the rest is MSG.
 */
export function parse3164(s: string, pos: number, ctx: TimeContext, h: SyslogHeader): number {
  const iso = parseIsoTimestamp(s, pos, ctx, true);
  if (!iso && !parseBsdTimestamp(s, pos, ctx)) return -1;
  const tsEnd = scratch.end;
  h.format = 'rfc3164';
  h.timestampText = s.slice(pos, tsEnd);
  h.timestampHasZone = scratch.hasZone;
  if (scratch.ms === scratch.ms) h.timestamp = new Date(scratch.ms);

  const len = s.length;
  let p = skipSpaces(s, tsEnd);
  if (p >= len) return len;
  let end = tokenEnd(s, p);
  if (matchTag(s, p, end, h)) return s.charCodeAt(end) === SP ? end + 1 : end;
  if (!isHeaderToken(s, p, end)) return p;
  h.hostname = s.slice(p, end);
  p = skipSpaces(s, end);
  if (p >= len) return len;
  end = tokenEnd(s, p);
  if (matchTag(s, p, end, h)) return s.charCodeAt(end) === SP ? end + 1 : end;
  return p;
}
