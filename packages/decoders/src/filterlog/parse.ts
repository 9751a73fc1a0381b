import { DecodeError } from '@pullwatch/core';
import { toInt } from '../shared/number.js';
import type { FilterlogCarp, FilterlogIcmp } from './record.js';
import { FilterlogRecord } from './record.js';
import { splitCommas, trimEndIndex } from './split.js';

/**
 * filterlog CSV → {@link FilterlogRecord}, shared by pfSense and OPNsense.
 *
 * Layout (pfSense raw filter log format; OPNsense `filterlog/files/description.txt`):
 *   common  rule, subrule, anchor, tracker|label, iface, reason, action, dir, ipver
 *   IPv4    tos, ecn, ttl, id, offset, flags, protonum, protoname
 *   IPv6    class, flowlabel, hoplimit, protoname, protonum   (name and number swapped)
 *   both    length, src, dst
 *   then by protocol NUMBER: 6 TCP, 17 UDP, 1/58 ICMP, 2 IGMP, 112 CARP, 0 IPv6 options, else raw.
 *
 * The two vendors differ only in field 4 (pfSense tracker vs OPNsense label) and in the
 * ICMP tail (pfSense type word first, OPNsense `datalength=N,type,code,id,seq,mtu`); both
 * ICMP forms are recognised by their first token, so one parser serves both.
 */

/** Message lengths (bytes) at which senders and relays are known to cut syslog messages. */
export const TRUNCATION_CAPS: readonly number[] = [480, 1024, 2048];

export interface ParseFilterlogOptions {
  /**
   * The whole message was exactly one of {@link TRUNCATION_CAPS} bytes long: the last field
   * may be partial, so it is dropped and the record is flagged `truncated`.
   */
  atCap?: boolean;
}

const fieldsScratch: string[] = [];

/**
 * Parses a filterlog body (the MSG after `filterlog[pid]:`).
 * @throws DecodeError `fragment` when the first nine fields do not have filterlog's shape
 *   (an LF-split tail such as `255.255,,1,1,aged-out,...`).
 */
export function parseFilterlog(body: string, opts: ParseFilterlogOptions = {}): FilterlogRecord {
  const end = trimEndIndex(body);
  let start = 0;
  while (start < end && body.charCodeAt(start) === 32) start++;
  const f = splitCommas(body, start, end, fieldsScratch);
  const rec = new FilterlogRecord();
  let n = f.length;
  if (opts.atCap) {
    n--;
    rec.truncated = true;
  }
  if (end === start) throw new DecodeError('empty filterlog body', 'decode_failed');
  if (n < 9) {
    if (!commonPrefixValid(f, n)) throw fragment(body);
    // Cut inside the common fields (the head of a split or capped line): keep what is there.
    assignCommon(rec, f, n);
    rec.truncated = true;
    return rec;
  }
  if (!commonPrefixValid(f, 9)) throw fragment(body);
  assignCommon(rec, f, 9);

  let i: number;
  if (rec.ipVersion === 4) {
    if (n < 17) return cutInIpBlock(rec);
    rec.tos = nonEmpty(f[9]!);
    rec.ecn = nonEmpty(f[10]!);
    rec.ttl = toInt(f[11]);
    rec.id = toInt(f[12]);
    rec.offset = toInt(f[13]);
    rec.flags = nonEmpty(f[14]!);
    rec.protoNum = toInt(f[15]);
    rec.protoName = nonEmpty(f[16]!);
    i = 17;
  } else {
    if (n < 14) return cutInIpBlock(rec);
    rec.trafficClass = nonEmpty(f[9]!);
    rec.flowLabel = nonEmpty(f[10]!);
    rec.hopLimit = toInt(f[11]);
    rec.protoName = nonEmpty(f[12]!);
    rec.protoNum = toInt(f[13]);
    i = 14;
  }
  if (n < i + 3) {
    rec.truncated = true;
    if (n > i) rec.length = toInt(f[i]);
    if (n > i + 1) rec.src = nonEmpty(f[i + 1]!);
    return rec;
  }
  rec.length = toInt(f[i]);
  rec.src = nonEmpty(f[i + 1]!);
  rec.dst = nonEmpty(f[i + 2]!);
  i += 3;

  switch (rec.protoNum) {
    case 6:
    case 17:
      parsePorts(rec, f, i, n);
      break;
    case 1:
    case 58:
      rec.icmp = parseIcmp(f, i, n);
      break;
    case 112:
      rec.carp = parseCarp(rec, f, i, n);
      break;
    default:
      parseOther(rec, f, i, n);
      break;
  }
  return rec;
}

function fragment(body: string): DecodeError {
  const head = body.length > 40 ? `${body.slice(0, 40)}...` : body;
  return new DecodeError(`filterlog body does not start with filterlog's common fields (fragment of a split line?): ${head}`, 'fragment');
}

/** Ended inside the IP block: keep the common fields only (later positions would be guesses). */
function cutInIpBlock(rec: FilterlogRecord): FilterlogRecord {
  rec.truncated = true;
  return rec;
}

const nonEmpty = (s: string): string | undefined => (s.length === 0 ? undefined : s);

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `[a-z0-9-]+`, or `unkn(N)` (filterlog's rendering of values it has no name for). */
function isWordToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 40 || c === 41 || c === 95;
    if (!ok) return false;
  }
  return true;
}

function hasNoSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32) return false;
  }
  return true;
}

/** Checks the shape of the first `count` (≤ 9) common fields. */
function commonPrefixValid(f: string[], count: number): boolean {
  const k = Math.min(count, 9);
  for (let i = 0; i < k; i++) {
    const s = f[i]!;
    switch (i) {
      case 0: // rule number
      case 1: // subrule
        if (!isDigits(s)) return false;
        break;
      case 2: // anchor: any name, may be empty
      case 3: // tracker / label
        if (!hasNoSpace(s)) return false;
        break;
      case 4: // interface
        if (s.length === 0 || !hasNoSpace(s)) return false;
        break;
      case 5: // reason
      case 6: // action
        if (!isWordToken(s)) return false;
        break;
      case 7: // direction
        if (s !== 'in' && s !== 'out' && !s.startsWith('unkn')) return false;
        break;
      case 8: // ip version
        if (s !== '4' && s !== '6') return false;
        break;
      default:
        break;
    }
  }
  return true;
}

function assignCommon(rec: FilterlogRecord, f: string[], n: number): void {
  if (n > 0) rec.ruleNumber = f[0]!;
  if (n > 1) rec.subrule = f[1]!;
  if (n > 2) rec.anchor = f[2]!;
  if (n > 3) rec.label = f[3]!;
  if (n > 4) rec.iface = f[4]!;
  if (n > 5) rec.reason = f[5]!;
  if (n > 6) rec.action = f[6]!;
  if (n > 7) rec.direction = f[7]!;
  if (n > 8) rec.ipVersion = f[8] === '6' ? 6 : 4;
}

function parsePorts(rec: FilterlogRecord, f: string[], i: number, n: number): void {
  if (n < i + 3) rec.truncated = true;
  if (n > i) rec.srcPort = toInt(f[i]);
  if (n > i + 1) rec.dstPort = toInt(f[i + 1]);
  if (n > i + 2) rec.dataLength = toInt(f[i + 2]);
  if (rec.protoNum !== 6) {
    if (n > i + 3) setRest(rec, f, i + 3, n);
    return;
  }
  // TCP: flags, seq, ack, window, urg, options
  if (n > i + 3) rec.tcpFlags = nonEmpty(f[i + 3]!);
  if (n > i + 4) rec.tcpSeq = nonEmpty(f[i + 4]!);
  if (n > i + 5) rec.tcpAck = nonEmpty(f[i + 5]!);
  if (n > i + 6) rec.tcpWindow = nonEmpty(f[i + 6]!);
  if (n > i + 7) rec.tcpUrg = nonEmpty(f[i + 7]!);
  if (n > i + 8) rec.tcpOptions = nonEmpty(f[i + 8]!);
  if (n > i + 9) setRest(rec, f, i + 9, n);
}

/** Joins the non-trailing-empty tail into `rec.rest`. */
function setRest(rec: FilterlogRecord, f: string[], from: number, n: number): void {
  let to = n;
  while (to > from && f[to - 1] === '') to--;
  if (to > from) rec.rest = f.slice(from, to).join(',');
}

/** `datalength=N` → N, else undefined. */
function datalengthOf(s: string): number | undefined {
  return s.length > 11 && s.startsWith('datalength=') ? toInt(s.slice(11)) : undefined;
}

function parseIcmp(f: string[], i: number, n: number): FilterlogIcmp | undefined {
  if (i >= n) return undefined;
  const first = f[i]!;
  const icmp: FilterlogIcmp = {};
  if (first.startsWith('datalength=')) {
    // OPNsense: datalength, type, code, id, seq, mtu (fields not applicable are empty).
    const dl = datalengthOf(first);
    if (dl !== undefined) icmp.datalength = dl;
    const type = i + 1 < n ? f[i + 1]! : '';
    if (type.startsWith('truncated-icmp=')) {
      const t = toInt(type.slice(15));
      if (t !== undefined) icmp.truncatedBytes = t;
    } else if (type.length > 0) {
      icmp.type = type;
    }
    setIf(icmp, 'code', i + 2 < n ? f[i + 2]! : '');
    setNum(icmp, 'id', i + 3 < n ? f[i + 3]! : '');
    setNum(icmp, 'seq', i + 4 < n ? f[i + 4]! : '');
    setNum(icmp, 'mtu', i + 5 < n ? f[i + 5]! : '');
    return icmp;
  }
  if (first.length === 0) return i + 1 < n ? describeTail(icmp, f, i + 1, n) : undefined;
  icmp.type = first;
  const a = i + 1 < n ? f[i + 1]! : '';
  const b = i + 2 < n ? f[i + 2]! : '';
  switch (first) {
    case 'request':
    case 'reply':
    case 'tstamp':
      setNum(icmp, 'id', a);
      setNum(icmp, 'seq', b);
      break;
    case 'tstampreply':
      setNum(icmp, 'id', a);
      setNum(icmp, 'seq', b);
      setNum(icmp, 'otime', i + 3 < n ? f[i + 3]! : '');
      setNum(icmp, 'rtime', i + 4 < n ? f[i + 4]! : '');
      setNum(icmp, 'ttime', i + 5 < n ? f[i + 5]! : '');
      break;
    case 'unreachproto':
      if (a.length > 0) icmp.destinationIp = a;
      if (b.length > 0) icmp.unreachableProto = b;
      break;
    case 'unreachport': {
      if (a.length > 0) icmp.destinationIp = a;
      if (b.length > 0) icmp.unreachableProto = b;
      const port = i + 3 < n ? toInt(f[i + 3]) : undefined;
      if (port !== undefined) icmp.unreachablePort = port;
      break;
    }
    case 'needfrag':
      if (a.length > 0) icmp.destinationIp = a;
      setNum(icmp, 'mtu', b);
      break;
    default:
      // unreach (other), timexceed, paramprob, redirect, maskreply, and anything new: free text.
      describeTail(icmp, f, i + 1, n);
      break;
  }
  return icmp;
}

function describeTail(icmp: FilterlogIcmp, f: string[], from: number, n: number): FilterlogIcmp | undefined {
  let to = n;
  while (to > from && f[to - 1] === '') to--;
  if (to > from) icmp.description = f.slice(from, to).join(',');
  return icmp.type === undefined && icmp.description === undefined ? undefined : icmp;
}

function setIf(icmp: FilterlogIcmp, key: 'code', value: string): void {
  if (value.length > 0) icmp[key] = value;
}

function setNum(icmp: FilterlogIcmp, key: 'id' | 'seq' | 'mtu' | 'otime' | 'rtime' | 'ttime', value: string): void {
  const v = toInt(value);
  if (v !== undefined) icmp[key] = v;
}

function parseCarp(rec: FilterlogRecord, f: string[], i: number, n: number): FilterlogCarp | undefined {
  if (n < i + 6) rec.truncated = true;
  if (i >= n) return undefined;
  const carp: FilterlogCarp = {};
  const type = f[i]!;
  if (type.length > 0) carp.type = type;
  const nums = ['ttl', 'vhid', 'version', 'advskew', 'advbase'] as const;
  for (let k = 0; k < nums.length && i + 1 + k < n; k++) {
    const v = toInt(f[i + 1 + k]);
    if (v !== undefined) carp[nums[k]!] = v;
  }
  if (n > i + 6) setRest(rec, f, i + 6, n);
  return carp;
}

/** IGMP, IPv6 options, PIM and every other protocol: `datalength=`/`key=value` tokens, IPv6 option words, raw rest. */
function parseOther(rec: FilterlogRecord, f: string[], i: number, n: number): void {
  if (i >= n) return;
  if (rec.ipVersion === 6 && rec.protoNum === 0) {
    // Hop-by-hop options header: HBH,RTALERT,0x0000,PADN / INVALIDOPT.
    const opts: string[] = [];
    for (let k = i; k < n; k++) if (f[k]!.length > 0) opts.push(f[k]!);
    if (opts.length > 0) rec.ipOptions = opts;
    return;
  }
  let restFrom = -1;
  for (let k = i; k < n; k++) {
    const t = f[k]!;
    const eq = t.indexOf('=');
    if (eq > 0 && restFrom < 0) {
      const key = t.slice(0, eq);
      const value = t.slice(eq + 1);
      if (key === 'datalength') {
        const dl = toInt(value);
        if (dl !== undefined) {
          rec.datalength = dl;
          continue;
        }
      }
      (rec.extra ??= {})[key] = value;
    } else if (t.length > 0 && restFrom < 0) {
      restFrom = k;
    }
  }
  if (restFrom >= 0) setRest(rec, f, restFrom, n);
}
