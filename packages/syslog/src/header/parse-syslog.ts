import { parsePri, skipBlanks } from './pri.js';
import { parse3164 } from './rfc3164.js';
import { hasVersion1, parse5424 } from './rfc5424.js';
import { type TimeContext, TimestampKind, scratch } from './timestamp.js';
import type { ParseSyslogOptions, ParsedSyslog, SyslogHeader } from './types.js';

const BOM = 0xfeff;

/**
 * Parses the syslog header of one message (one frame, decoded as text) as the four firewall
 * vendors send it, and returns the header and MSG. Never throws: on input it cannot make sense
 * of it returns format `none` with MSG = the input.
 *
 * Shapes, after an optional `<PRI>` (0..191) and optional blanks:
 * - `rfc5424`: `1 TIMESTAMP HOST APP PROCID MSGID SD MSG` (see `parse5424`).
 * - `rfc3164`: a BSD or ISO timestamp, then hostname and TAG as far as present (see `parse3164`).
 * - `none`: anything else (`<189>date=...`, `<189> logver=...`, `date=...`, `1,2025/12/10 ...`,
 *   `filterlog: ...` without a timestamp). `format` describes the header, not the PRI:
 *   a message with only a PRI is `none` with `priority` set, so that "no header" always means
 *   "take host and time from the transport".
 *
 * Relayed double headers (`<13>Mar 13 11:45:17 192.168.1.1 filterlog: Mar 13 11:45:17 vFW01
 * filterlog[25715]: 6,,,...`): when MSG itself starts with a header that has a PRI, or a TAG,
 * or a BSD timestamp, that inner header describes the device and wins; the outer hostname
 * becomes `relayHostname` and the outer PRI is kept when the inner has none. When MSG starts
 * with a bare `<PRI>` (a relay wrapping a header-less packet, `... relay <189>date=...`), the
 * inner PRI replaces the outer one, the outer host becomes `relayHostname`, and the outer
 * timestamp (the relay's) is kept as the best time available. A UTF-8 BOM at the start of MSG
 * is stripped and flagged `bom`.
 */
export function parseSyslog(raw: string, opts: ParseSyslogOptions): ParsedSyslog {
  try {
    return parse(raw, opts);
  } catch {
    return { header: { format: 'none' }, message: typeof raw === 'string' ? raw : String(raw) };
  }
}

function parse(s: string, opts: ParseSyslogOptions): ParsedSyslog {
  const received = opts?.receivedAt;
  const ctx: TimeContext = {
    timezone: opts?.timezone,
    receivedMs: received instanceof Date ? received.getTime() : Number.NaN,
  };
  let h: SyslogHeader = { format: 'none' };
  const afterPri = skipBlanks(s, parsePri(s, 0, h));
  let msgStart = parseHeader(s, afterPri, ctx, h);
  if (msgStart < 0) {
    msgStart = afterPri;
  } else if (msgStart < s.length) {
    if (mayStartHeader(s, msgStart)) {
      const inner: SyslogHeader = { format: 'none' };
      const innerAfterPri = parsePri(s, msgStart, inner);
      const hadPri = innerAfterPri !== msgStart;
      const innerBody = skipBlanks(s, innerAfterPri);
      const innerMsg = parseHeader(s, innerBody, ctx, inner);
      const innerIsBsd = inner.format === 'rfc3164' && scratch.kind !== TimestampKind.Iso;
      if (innerMsg >= 0 && (hadPri || inner.appname !== undefined || innerIsBsd)) {
        if (h.hostname !== undefined) inner.relayHostname = h.hostname;
        if (!hadPri && h.priority !== undefined) {
          inner.priority = h.priority;
          inner.facility = h.facility;
          inner.severity = h.severity;
        }
        h = inner;
        msgStart = innerMsg;
      } else if (innerMsg < 0 && hadPri) {
        h.priority = inner.priority;
        h.facility = inner.facility;
        h.severity = inner.severity;
        if (h.hostname !== undefined) {
          h.relayHostname = h.hostname;
          delete h.hostname;
        }
        msgStart = innerBody;
      }
    }
  }
  let message = msgStart === 0 ? s : s.slice(msgStart);
  if (message.charCodeAt(0) === BOM) {
    message = message.slice(1);
    h.bom = true;
  }
  return { header: h, message };
}

/**
 * Cheap gate before trying an inner header, so that ordinary bodies (CSV, KV, prose) cost a
 * few character checks: `<digit`, `Mmm ` (a month), `1 ` (RFC 5424 VERSION), or four digits and
 * `-` or a space (an ISO date or a year-first BSD timestamp).
 */
function mayStartHeader(s: string, pos: number): boolean {
  const c = s.charCodeAt(pos);
  if (c === 0x3c) {
    const d = s.charCodeAt(pos + 1);
    return d >= 0x30 && d <= 0x39;
  }
  if (c >= 0x30 && c <= 0x39) {
    if (c === 0x31 && s.charCodeAt(pos + 1) === 0x20) return true;
    for (let i = 1; i < 4; i++) {
      const d = s.charCodeAt(pos + i);
      if (!(d >= 0x30 && d <= 0x39)) return false;
    }
    const e = s.charCodeAt(pos + 4);
    return e === 0x2d || e === 0x20;
  }
  return s.charCodeAt(pos + 3) === 0x20 && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** RFC 5424 first (when VERSION `1 ` is there), then RFC 3164; -1 when neither matches. */
function parseHeader(s: string, pos: number, ctx: TimeContext, h: SyslogHeader): number {
  if (hasVersion1(s, pos)) {
    const end = parse5424(s, pos, ctx, h);
    if (end >= 0) return end;
  }
  return parse3164(s, pos, ctx, h);
}
