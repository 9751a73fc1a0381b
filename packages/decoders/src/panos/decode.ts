/**
 * PAN-OS CSV syslog decoder.
 *
 * Mapping follows Elastic's `panw` integration (data stream `panos`): same column names under
 * `panw.panos.*`, same ECS targets per log type, same `event.*` categorisation. Differences are
 * listed in docs/decoders/panos.md.
 */
import { DecodeError, type EcsFragment } from '@pullwatch/core';
import type { DecodeInput } from '../types.js';
import { isIp } from '../shared/ip.js';
import { toInt } from '../shared/number.js';
import { atSizeCap } from '../shared/truncation.js';
import {
  formatOffset, isoFromMs as isoFromMsUncached, localToEpochMs, parseDateTimeParts, parseOffsetMinutes, resolveZone, type Zone,
} from '../shared/time.js';
import {
  AUDIT_COLUMNS, AUTHENTICATION_COLUMNS, CONFIG_COLUMNS, CORRELATION_COLUMNS, DECRYPTION_COLUMNS, GENERIC_COLUMNS,
  GLOBALPROTECT_COLUMNS,
  GTP_COLUMNS, HIPMATCH_COLUMNS, IPTAG_COLUMNS, SCTP_COLUMNS, SYSTEM_COLUMNS, THREAT_COLUMNS, TRAFFIC_COLUMNS,
  TUNNEL_COLUMNS, USERID_COLUMNS, C, compileLayout, type Layout,
} from './columns.js';
import { splitCsv } from './csv.js';

type Rec = Record<string, unknown>;

export const PANOS_MODULE = 'panw';
export const PANOS_DATASET = 'panw.panos';

/** Log type (column 4, upper case) → layout. `HIP-MATCH` and `HIPMATCH` share one; tunnel inspection is START/END. */
const LAYOUTS: ReadonlyMap<string, Layout> = (() => {
  const m = new Map<string, Layout>();
  const hip = compileLayout(HIPMATCH_COLUMNS);
  const tunnel = compileLayout(TUNNEL_COLUMNS);
  m.set('TRAFFIC', compileLayout(TRAFFIC_COLUMNS));
  m.set('THREAT', compileLayout(THREAT_COLUMNS));
  m.set('SYSTEM', compileLayout(SYSTEM_COLUMNS));
  m.set('CONFIG', compileLayout(CONFIG_COLUMNS));
  m.set('GLOBALPROTECT', compileLayout(GLOBALPROTECT_COLUMNS));
  m.set('USERID', compileLayout(USERID_COLUMNS));
  m.set('HIPMATCH', hip);
  m.set('HIP-MATCH', hip);
  m.set('AUTHENTICATION', compileLayout(AUTHENTICATION_COLUMNS));
  m.set('DECRYPTION', compileLayout(DECRYPTION_COLUMNS));
  m.set('CORRELATION', compileLayout(CORRELATION_COLUMNS));
  m.set('IPTAG', compileLayout(IPTAG_COLUMNS));
  m.set('START', tunnel);
  m.set('END', tunnel);
  m.set('GTP', compileLayout(GTP_COLUMNS));
  m.set('SCTP', compileLayout(SCTP_COLUMNS));
  return m;
})();
const AUDIT_LAYOUT = compileLayout(AUDIT_COLUMNS);
const GENERIC_LAYOUT = compileLayout(GENERIC_COLUMNS);

/** First column of the type-specific part (after the 7 common columns). */
const BODY = 7;

const LABEL_FLAGS: ReadonlyArray<readonly [string, number]> = [
  ['pcap_included', 0x80000000], ['connect_to_destination_host', 0x40000000], ['file_submitted_to_WildFire', 0x20000000],
  ['enterprise_credential_submission', 0x10000000], ['source_flow_allow_list', 0x08000000], ['ipv6_session', 0x02000000],
  ['ssl_decrypted', 0x01000000], ['url_filter_denied', 0x00800000], ['nat_translated', 0x00400000],
  ['captive_portal', 0x00200000], ['non_standard_port_usage', 0x00100000], ['x_forwarded_for', 0x00080000],
  ['http_proxy', 0x00040000], ['client_server_policy_based_forwarding', 0x00020000],
  ['server_client_policy_based_forwarding', 0x00010000], ['container_page', 0x00008000], ['temporary_match', 0x00002000],
  ['symmetric_return', 0x00000800], ['decrypted_traffic', 0x00000400], ['payload_outer_tunnel', 0x00000100],
];

const SUBTYPE_ACTIONS: Readonly<Record<string, string>> = {
  start: 'flow_started', end: 'flow_terminated', drop: 'flow_dropped', deny: 'flow_denied', data: 'data_match',
  file: 'file_match', flood: 'flood_detected', packet: 'packet_attack', scan: 'scan_detected',
  spyware: 'spyware_detected', url: 'url_filtering', virus: 'virus_detected', vulnerability: 'exploit_detected',
  wildfire: 'wildfire_verdict', 'wildfire-virus': 'wildfire_virus_detected',
};
const SUBTYPE_TYPES: Readonly<Record<string, readonly string[]>> = {
  start: ['start', 'connection'], end: ['end', 'connection'], drop: ['denied', 'connection'], deny: ['denied', 'connection'],
};
const ALLOWED_ACTIONS: ReadonlySet<string> = new Set(['alert', 'allow', 'continue']);
const DENIED_ACTIONS: ReadonlySet<string> = new Set([
  'deny', 'drop', 'reset-client', 'reset-server', 'reset-both', 'block-url', 'block-ip', 'random-drop', 'sinkhole', 'block',
]);
const SEVERITY: Readonly<Record<string, number>> = { critical: 1, high: 2, medium: 3, low: 4, informational: 5 };
const ACTION_FIXES: Readonly<Record<string, string>> = {
  'drop icmp': 'drop-icmp', 'drop ICMP': 'drop-icmp', 'reset both': 'reset-both', 'reset client': 'reset-client',
  'reset server': 'reset-server',
};
const CONFIG_ACTIONS: Readonly<Record<string, string>> = {
  add: 'cmd-add', clone: 'cmd-clone', commit: 'cmd-commit', delete: 'cmd-delete', edit: 'cmd-edit', move: 'cmd-move',
  rename: 'cmd-rename', set: 'cmd-set',
};

// ------------------------------------------------------------------------------------------------
// Shape detection
// ------------------------------------------------------------------------------------------------

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Length of a PAN-OS time at `i`: `YYYY/MM/DD HH:MM:SS` (19) or an ISO-8601 time up to the next comma; 0 when none. */
function timeLength(s: string, i: number): number {
  if (!(isDigit(s.charCodeAt(i)) && isDigit(s.charCodeAt(i + 3)))) return 0;
  const sep = s.charCodeAt(i + 4);
  if (sep === 47) {
    return s.charCodeAt(i + 7) === 47 && s.charCodeAt(i + 10) === 32 && s.charCodeAt(i + 13) === 58 && s.charCodeAt(i + 16) === 58
      ? 19
      : 0;
  }
  if (sep === 45 && s.charCodeAt(i + 7) === 45 && s.charCodeAt(i + 10) === 84) {
    let k = i + 11;
    while (k < s.length && s.charCodeAt(k) !== 44) k++;
    return k - i;
  }
  return 0;
}

type Shape = 'std' | 'audit';

/** Checks `<digits>,<time>,<serial>,<TYPE>,` (or `<serial>,<time>,audit,`) at `i`. */
function shapeAt(s: string, i: number): Shape | undefined {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  if (j > i && s.charCodeAt(j) === 44) {
    const tl = timeLength(s, j + 1);
    if (tl > 0 && s.startsWith(',audit,', j + 1 + tl)) return 'audit';
    if (tl > 0 && s.charCodeAt(j + 1 + tl) === 44) {
      let k = j + 2 + tl;
      while (k < s.length && s.charCodeAt(k) !== 44 && s.charCodeAt(k) !== 32) k++;
      if (s.charCodeAt(k) !== 44) return undefined;
      const typeStart = k + 1;
      let m = typeStart;
      while (m < s.length) {
        const c = s.charCodeAt(m) | 0x20;
        if ((c >= 97 && c <= 122) || c === 0x2d /* - */) m++;
        else break;
      }
      return m > typeStart && s.charCodeAt(m) === 44 ? 'std' : undefined;
    }
  }
  // audit: serial (any non-comma text), time, "audit"
  let k = i;
  while (k < s.length && s.charCodeAt(k) !== 44 && s.charCodeAt(k) !== 32) k++;
  if (k > i && s.charCodeAt(k) === 44) {
    const tl = timeLength(s, k + 1);
    if (tl > 0 && s.startsWith(',audit,', k + 1 + tl)) return 'audit';
  }
  return undefined;
}

export interface PanosLocation {
  start: number;
  shape: Shape | 'leef' | 'cef';
}

/** Finds the PAN-OS CSV body in `s` (at its start, or after up to 9 header tokens). */
export function locatePanos(s: string): PanosLocation | undefined {
  let i = 0;
  if (s.charCodeAt(0) === 0xfeff) i = 1;
  while (s.charCodeAt(i) === 32) i++;
  for (let t = 0; t < 10 && i < s.length; t++) {
    if (s.startsWith('LEEF:', i)) return { start: i, shape: 'leef' };
    if (s.startsWith('CEF:', i)) return { start: i, shape: 'cef' };
    const shape = shapeAt(s, i);
    if (shape !== undefined) return { start: i, shape };
    while (i < s.length && s.charCodeAt(i) !== 32) i++;
    while (s.charCodeAt(i) === 32) i++;
  }
  return undefined;
}

let lastLocText: string | undefined;
let lastLoc: PanosLocation | undefined;

/**
 * {@link locatePanos} of the last text asked (`claims` and `decode` look at the same message in a
 * row). The result depends only on the text; callers here only read it.
 */
function locatePanosCached(s: string): PanosLocation | undefined {
  if (s === lastLocText) return lastLoc;
  const loc = locatePanos(s);
  lastLocText = s;
  lastLoc = loc;
  return loc;
}

/** Cheap shape check used by `claims`. */
export function looksLikePanos(message: string): boolean {
  const loc = locatePanosCached(message);
  if (loc === undefined) return false;
  if (loc.shape === 'leef' || loc.shape === 'cef') return message.includes('Palo Alto Networks');
  return true;
}

// ------------------------------------------------------------------------------------------------
// Times
// ------------------------------------------------------------------------------------------------

let cacheText1 = '';
let cacheZone1: Zone | undefined;
let cacheMs1: number | undefined;
let cacheText2 = '';
let cacheZone2: Zone | undefined;
let cacheMs2: number | undefined;

/**
 * Epoch ms of a PAN-OS time: `YYYY/MM/DD HH:MM:SS` in `zone`, or ISO-8601 (its own offset, else
 * `zone`). The last two results are cached: receive, generated and start times often repeat.
 */
export function parsePanosTime(text: string, zone: Zone | undefined): number | undefined {
  if (text === cacheText1 && zone === cacheZone1) return cacheMs1;
  if (text === cacheText2 && zone === cacheZone2) return cacheMs2;
  const ms = parsePanosTimeUncached(text, zone);
  cacheText2 = cacheText1;
  cacheZone2 = cacheZone1;
  cacheMs2 = cacheMs1;
  cacheText1 = text;
  cacheZone1 = zone;
  cacheMs1 = ms;
  return ms;
}

function parsePanosTimeUncached(text: string, zone: Zone | undefined): number | undefined {
  if (text.length === 19 && text.charCodeAt(4) === 47) {
    const p = parseDateTimeParts(text.slice(0, 10), text.slice(11));
    return p === undefined ? undefined : localToEpochMs(p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms, zone);
  }
  if (text.length >= 19 && text.charCodeAt(10) === 84) {
    const off = isoOffset(text);
    if (off !== undefined) {
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? undefined : ms;
    }
    const p = parseDateTimeParts(text.slice(0, 10), text.slice(11));
    return p === undefined ? undefined : localToEpochMs(p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms, zone);
  }
  return undefined;
}

/** Offset minutes of an ISO-8601 text ending in `Z` or `±hh:mm`; undefined when it has none. */
function isoOffset(text: string): number | undefined {
  const n = text.length;
  if (text.charCodeAt(n - 1) === 90) return 0;
  if (n >= 6) {
    const sign = text.charCodeAt(n - 6);
    if ((sign === 43 || sign === 45) && text.charCodeAt(n - 3) === 58) return parseOffsetMinutes(text.slice(n - 6));
  }
  return undefined;
}

/** A high-resolution timestamp worth trusting: parseable, with an offset, not the epoch-0 placeholder. */
function highResolution(text: string | undefined): { ms: number; offset: number } | undefined {
  if (text === undefined || text.length < 20) return undefined;
  const offset = isoOffset(text);
  if (offset === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || Math.abs(ms) < 86_400_000) return undefined;
  return { ms, offset };
}

function shifted(type: string, index: number, name: string, raw: string, what: string): DecodeError {
  const column = name.startsWith('~') ? name.slice(1) : name;
  return new DecodeError(
    `decoding PAN-OS ${type}: column ${index + 1} (${column}) is "${raw.slice(0, 40)}", not ${what}: columns shifted`,
    'column_shift',
  );
}

/** `0x` + hex digits, or decimal digits (the session flags column). */
function isFlags(s: string): boolean {
  let i = 0;
  let hex = false;
  if (s.length > 2 && s.charCodeAt(0) === 48 && (s.charCodeAt(1) | 0x20) === 120) {
    i = 2;
    hex = true;
  }
  if (i >= s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isDigit(c) || (hex && ((c | 0x20) >= 97 && (c | 0x20) <= 102)))) return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------------
// Decoding
// ------------------------------------------------------------------------------------------------

const child = (parent: Rec, key: string): Rec => {
  let o = parent[key] as Rec | undefined;
  if (o === undefined || typeof o !== 'object') {
    o = {};
    parent[key] = o;
  }
  return o;
};

function setPath(root: Rec, path: readonly string[], value: unknown, from = 0): void {
  let cur = root;
  for (let i = from; i < path.length - 1; i++) cur = child(cur, path[i]!);
  cur[path[path.length - 1]!] = value;
}

// A record repeats the same instants (generated / received / start times): the last two texts are kept.
let isoMs1 = Number.NaN;
let isoText1 = '';
let isoMs2 = Number.NaN;
let isoText2 = '';

/** `isoFromMs` with a two-entry memo (pure function of `ms`; `-0` and `0` give the same text; NaN never hits). */
function isoFromMs(ms: number): string {
  if (ms === isoMs1) return isoText1;
  if (ms === isoMs2) return isoText2;
  const text = isoFromMsUncached(ms);
  isoMs2 = isoMs1;
  isoText2 = isoText1;
  isoMs1 = ms;
  isoText1 = text;
  return text;
}

const isEmpty = (o: Rec): boolean => {
  for (const _ in o) return false;
  return true;
};

const addUnique = (arr: string[], v: unknown): void => {
  if (typeof v === 'string' && v.length > 0 && !arr.includes(v)) arr.push(v);
};

const normaliseMac = (v: string): string => v.replace(/[:.]/g, '-').toUpperCase();

/** Splits `domain\user`, `domain\\user` or `user@domain` (Elastic's user grok). */
function splitUser(text: string): { name: string; domain?: string } {
  const bs = text.indexOf('\\');
  if (bs > 0) {
    let name = text.slice(bs + 1);
    if (name.startsWith('\\')) name = name.slice(1);
    if (name.length > 0 && !name.includes('\\')) return { domain: text.slice(0, bs), name };
  }
  const at = text.lastIndexOf('@');
  if (at > 0 && at < text.length - 1 && !text.includes(' ')) return { name: text.slice(0, at), domain: text.slice(at + 1) };
  return { name: text };
}

/** One decoded row: raw fields and lookups by column name. */
class Row {
  constructor(
    readonly fields: readonly string[],
    readonly layout: Layout,
    readonly offset: number,
  ) {}

  /** Raw value of a type-specific column by mapper id (`undefined` when absent or empty). */
  v(id: number): string | undefined {
    const idx = this.layout.pos[id]!;
    if (idx < 0) return undefined;
    const value = this.fields[this.offset + idx];
    return value === undefined || value.length === 0 ? undefined : value;
  }

  int(id: number): number | undefined {
    return toInt(this.v(id));
  }
}

export interface PanosDecodeOptions {
  receivedAt: Date;
  timezone?: string;
}

/** Decodes one PAN-OS message (`input.message`, falling back to `input.raw`) into an ECS fragment. */
export function decodePanos(input: DecodeInput): EcsFragment {
  let text = input.message;
  let loc = locatePanosCached(text);
  if (loc === undefined && input.raw !== text) {
    text = input.raw;
    loc = locatePanosCached(text);
  }
  if (loc === undefined) {
    throw new DecodeError('decoding PAN-OS body: not a PAN-OS CSV record (no "<n>,<time>,<serial>,<TYPE>," prefix)', 'fragment');
  }
  if (loc.shape === 'leef' || loc.shape === 'cef') {
    throw new DecodeError(`decoding PAN-OS body: ${loc.shape.toUpperCase()} custom format is not supported`, 'unsupported_format');
  }
  const audit = loc.shape === 'audit';
  const row = splitCsv(text, loc.start, audit ? 3 : BODY);
  const f = row.fields;
  const tags: string[] = [];
  if (row.unterminated) tags.push('unterminated_quote');
  if (row.unbalancedBrace >= BODY && !audit) {
    // `{` without its `}`: the commas inside were split, so every later column may be shifted.
    tags.push('column_shift');
    f.length = row.unbalancedBrace;
  }
  if (atSizeCap(input.raw)) {
    // The last column may be cut: drop it rather than index a partial value.
    tags.push('truncated');
    if (f.length > BODY) f[f.length - 1] = '';
  }

  // --- zone and times -------------------------------------------------------------------------
  const typeRaw = audit ? f[2]! : f[3]!;
  const type = typeRaw.toUpperCase();
  const layout = audit ? AUDIT_LAYOUT : LAYOUTS.get(type) ?? GENERIC_LAYOUT;
  const offset = audit ? 3 : BODY;
  const r = new Row(f, layout, offset);
  const generatedText = audit ? f[1]! : f[6] ?? '';
  const receivedText = audit ? undefined : f[1];

  let zone: Zone | undefined;
  let zoneText: string | undefined;
  const hr = highResolution(r.v(C['~high_res_timestamp']));
  let timestampMs: number | undefined;
  if (hr !== undefined) {
    const genAsUtc = parsePanosTime(generatedText, undefined);
    // Trust the offset only when the high-resolution time is the generated time (same wall clock ± 2 min).
    if (genAsUtc === undefined || Math.abs(hr.ms + hr.offset * 60000 - genAsUtc) <= 120_000) {
      zone = { kind: 'fixed', minutes: hr.offset };
      zoneText = formatOffset(hr.offset);
      timestampMs = hr.ms;
    }
  }
  if (zone === undefined && input.header.format === 'rfc5424' && input.header.timestampHasZone && input.header.timestampText) {
    const off = isoOffset(input.header.timestampText);
    if (off !== undefined) {
      zone = { kind: 'fixed', minutes: off };
      zoneText = formatOffset(off);
    }
  }
  if (zone === undefined && input.timezone !== undefined) {
    zone = resolveZone(input.timezone);
    if (zone !== undefined) zoneText = input.timezone;
  }
  const generatedMs = parsePanosTime(generatedText, zone);
  if (generatedMs === undefined) {
    throw new DecodeError(`decoding PAN-OS ${type}: generated time "${generatedText.slice(0, 40)}" is not a time`, 'column_shift');
  }
  if (timestampMs === undefined || Math.abs(timestampMs - generatedMs) > 120_000) timestampMs = generatedMs;

  const doc: Rec = { '@timestamp': isoFromMs(timestampMs) };
  const event: Rec = { module: PANOS_MODULE, dataset: PANOS_DATASET };
  if (zoneText !== undefined) event.timezone = zoneText;
  if (receivedText !== undefined && receivedText.length > 0) {
    const created = parsePanosTime(receivedText, zone);
    if (created === undefined) {
      throw new DecodeError(`decoding PAN-OS ${type}: receive time "${receivedText.slice(0, 40)}" is not a time`, 'column_shift');
    }
    event.created = isoFromMs(created);
  }

  const observer: Rec = { vendor: 'Palo Alto Networks', product: 'PAN-OS', type: 'firewall' };
  const serial = audit ? f[0] : f[2];
  if (serial !== undefined && serial.length > 0) observer.serial_number = serial;
  const panos: Rec = { type: typeRaw };
  const subType = audit ? undefined : f[4];
  if (subType !== undefined && subType.length > 0) panos.sub_type = subType;
  if (!audit && f[5] !== undefined && f[5].length > 0 && layout === GENERIC_LAYOUT) panos.config_version = f[5];
  if (!audit && row.markOffset < text.length) doc.message = text.slice(row.markOffset);
  if (layout === GENERIC_LAYOUT && !audit) tags.push('panos_unknown_type');

  // --- columns → panw.panos.* (typed), with layout anchors --------------------------------------
  const cols = layout.columns;
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i];
    if (col === null || col === undefined) continue;
    const raw = f[offset + i];
    if (raw === undefined) break;
    if (raw.length === 0) continue;
    let value: unknown = raw;
    switch (col.kind) {
      case 'ip':
        if (!isIp(raw)) {
          if (col.anchor) throw shifted(type, offset + i, col.name, raw, 'an IP');
          tags.push('invalid_ip');
          continue;
        }
        break;
      case 'long': {
        const n = toInt(raw);
        if (n === undefined) {
          if (col.anchor) throw shifted(type, offset + i, col.name, raw, 'a number');
          continue;
        }
        value = n;
        break;
      }
      case 'time': {
        const ms = parsePanosTime(raw, zone);
        if (ms === undefined) {
          if (col.anchor) throw shifted(type, offset + i, col.name, raw, 'a time');
          continue;
        }
        value = isoFromMs(ms);
        break;
      }
      case 'mac':
        value = normaliseMac(raw);
        break;
      default:
        if (col.anchor && !isFlags(raw)) throw shifted(type, offset + i, col.name, raw, 'a flags value');
        break;
    }
    if (col.keep) {
      if (col.depth === 1) panos[col.p0] = value;
      else {
        let o = panos[col.p0] as Rec | undefined;
        if (o === undefined || typeof o !== 'object') {
          o = {};
          panos[col.p0] = o;
        }
        if (col.depth === 2) o[col.p1] = value;
        else setPath(o, col.path, value, 1);
      }
    }
  }
  const hrText = r.v(C['~high_res_timestamp']);
  if (hrText !== undefined) {
    const ms = parsePanosTime(hrText, zone);
    if (ms !== undefined) panos.high_resolution_timestamp = isoFromMs(ms);
  }
  const logged = r.v(C['~logged_time']);
  if (logged !== undefined) {
    const ms = parsePanosTime(logged, zone);
    if (ms !== undefined) panos.logged_time = isoFromMs(ms);
  }
  if (type === 'DECRYPTION' && f[5] !== undefined && f[5].length > 0) panos.config_version = f[5];
  const extra = f.length - offset - cols.length;
  if (extra > 0 && layout !== AUDIT_LAYOUT) {
    const tail = f.slice(offset + cols.length);
    if (tail.some((x) => x.length > 0)) panos.trailing_columns = tail;
  }

  const ctx: MapCtx = {
    r, doc, event, observer, panos, tags, zone, subType: subType ?? '',
    source: {}, destination: {}, network: {}, rule: {}, eventType: [], eventCategory: [],
  };
  switch (type) {
    case 'TRAFFIC': mapTraffic(ctx); break;
    case 'THREAT': mapThreat(ctx); break;
    case 'SYSTEM': mapSystem(ctx); break;
    case 'CONFIG': mapConfig(ctx); break;
    case 'GLOBALPROTECT': mapGlobalProtect(ctx); break;
    case 'USERID': mapUserId(ctx); break;
    case 'HIPMATCH': case 'HIP-MATCH': mapHipMatch(ctx); break;
    case 'AUTHENTICATION': mapAuthentication(ctx); break;
    case 'DECRYPTION': mapDecryption(ctx); break;
    case 'CORRELATION': mapCorrelation(ctx); break;
    case 'IPTAG': mapIpTag(ctx); break;
    case 'START': case 'END': mapTunnel(ctx); break;
    case 'GTP': mapGtp(ctx); break;
    case 'SCTP': mapSctp(ctx); break;
    case 'AUDIT': mapAudit(ctx); break;
    default: event.kind = 'event'; break;
  }
  return finish(ctx);
}

interface MapCtx {
  r: Row;
  doc: Rec;
  event: Rec;
  observer: Rec;
  panos: Rec;
  tags: string[];
  zone: Zone | undefined;
  subType: string;
  source: Rec;
  destination: Rec;
  network: Rec;
  rule: Rec;
  eventType: string[];
  eventCategory: string[];
  /** Source user already decided by the type mapper (authentication: a list). */
  sourceUserNames?: string[];
}

function category(c: MapCtx, ...values: string[]): void {
  for (const v of values) if (!c.eventCategory.includes(v)) c.eventCategory.push(v);
}

/** Columns shared by the session logs (traffic, threat, decryption, tunnel, gtp, sctp). */
function mapSession(c: MapCtx): void {
  const { r, source, destination, network, observer } = c;
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
  const dip = r.v(C['destination.ip']);
  if (dip !== undefined) destination.ip = dip;
  const snat = r.v(C['source.nat.ip']);
  if (snat !== undefined) child(source, 'nat').ip = snat;
  const dnat = r.v(C['destination.nat.ip']);
  if (dnat !== undefined) child(destination, 'nat').ip = dnat;
  const sport = r.int(C['source.port']);
  if (sport !== undefined) source.port = sport;
  const dport = r.int(C['destination.port']);
  if (dport !== undefined) destination.port = dport;
  const snatPort = r.int(C['source.nat.port']);
  if (snatPort !== undefined) child(source, 'nat').port = snatPort;
  const dnatPort = r.int(C['destination.nat.port']);
  if (dnatPort !== undefined) child(destination, 'nat').port = dnatPort;
  const app = r.v(C['network.application']);
  if (app !== undefined) network.application = app.toLowerCase();
  const proto = r.v(C['protocol']);
  if (proto !== undefined) network.transport = proto.toLowerCase();
  const inIf = r.v(C['inbound_interface']);
  const inZone = r.v(C['source.zone']);
  if (inIf !== undefined || inZone !== undefined) {
    const ingress: Rec = {};
    if (inIf !== undefined) ingress.interface = { name: inIf };
    if (inZone !== undefined) ingress.zone = inZone;
    observer.ingress = ingress;
  }
  const outIf = r.v(C['outbound_interface']);
  const outZone = r.v(C['destination.zone']);
  if (outIf !== undefined || outZone !== undefined) {
    const egress: Rec = {};
    if (outIf !== undefined) egress.interface = { name: outIf };
    if (outZone !== undefined) egress.zone = outZone;
    observer.egress = egress;
  }
  const ruleUuid = r.v(C['rule_uuid']);
  if (ruleUuid !== undefined) c.rule.uuid = ruleUuid;
  const bytes = r.int(C['network.bytes']);
  if (bytes !== undefined) network.bytes = bytes;
  const packets = r.int(C['network.packets']);
  if (packets !== undefined) network.packets = packets;
  const sb = r.int(C['bytes_sent']);
  if (sb !== undefined) source.bytes = sb;
  const db = r.int(C['bytes_received']);
  if (db !== undefined) destination.bytes = db;
  const sp = r.int(C['packets_sent']);
  if (sp !== undefined) source.packets = sp;
  const dp = r.int(C['packets_received']);
  if (dp !== undefined) destination.packets = dp;
  const srcloc = r.v(C['~srcloc']);
  if (srcloc !== undefined) source.geo = { name: srcloc };
  const dstloc = r.v(C['~dstloc']);
  if (dstloc !== undefined) destination.geo = { name: dstloc };
  const startTime = r.v(C['start_time']);
  if (startTime !== undefined) {
    const ms = parsePanosTime(startTime, c.zone);
    if (ms !== undefined) c.event.start = isoFromMs(ms);
  }
  const elapsed = r.int(C['elapsed_time']);
  if (elapsed !== undefined) c.event.duration = elapsed;
  const http2 = r.v(C['http2_connection']);
  if (http2 !== undefined && http2 !== '0') c.doc.http = { version: '2' };
}

function outcomeFromAllow(c: MapCtx): void {
  c.event.outcome = c.r.v(C['action']) === 'allow' ? 'success' : 'failure';
}

function mapTraffic(c: MapCtx): void {
  c.event.kind = 'event';
  category(c, 'network');
  outcomeFromAllow(c);
  mapSession(c);
}

function mapTunnel(c: MapCtx): void {
  c.event.kind = 'event';
  category(c, 'network');
  outcomeFromAllow(c);
  mapSession(c);
  const sev = c.r.v(C['severity']);
  if (sev !== undefined) setLogLevel(c, sev);
  const tir = c.r.v(C['tunnel_inspection_rule']);
  if (tir !== undefined) c.rule.name = tir;
}

function mapGtp(c: MapCtx): void {
  c.event.kind = 'event';
  category(c, 'network', 'malware');
  mapSession(c);
  const sev = c.r.v(C['severity']);
  if (sev !== undefined) setLogLevel(c, sev);
  const tir = c.r.v(C['tunnel_inspection_rule']);
  if (tir !== undefined) c.rule.name = tir;
}

function mapSctp(c: MapCtx): void {
  c.event.kind = 'event';
  category(c, 'network');
  mapSession(c);
  const sev = c.r.v(C['severity']);
  if (sev !== undefined) setLogLevel(c, sev);
}

function setLogLevel(c: MapCtx, level: string): void {
  child(c.doc, 'log').level = level;
}

function mapThreat(c: MapCtx): void {
  const { r, event, network, panos, doc } = c;
  const dir = r.v(C['~direction']);
  network.direction = dir === '0' || dir === 'client-to-server' ? 'inbound' : dir === '1' || dir === 'server-to-client' ? 'outbound' : 'unknown';
  if (dir !== undefined) setPath(panos, ['network', 'direction'], dir);
  event.kind = 'alert';
  category(c, 'intrusion_detection', 'threat', 'network');
  const action = r.v(C['action']);
  event.outcome = action !== undefined && ALLOWED_ACTIONS.has(action) ? 'success' : 'failure';
  const fwd = r.v(C['~forwarded_ip']);
  if (fwd !== undefined) {
    if (isIp(fwd)) network.forwarded_ip = fwd;
    else panos.x_forwarded_for = fwd;
  }
  mapSession(c);
  const recipient = r.v(C['recipient']);
  if (recipient !== undefined) child(c.destination, 'user').email = recipient;
  const sender = r.v(C['sender']);
  if (sender !== undefined) child(c.source, 'user').email = sender;
  const fileType = r.v(C['file.type']);
  if (fileType !== undefined) child(doc, 'file').type = fileType;
  const method = r.v(C['http_method']);
  const referrer = r.v(C['referrer']);
  if (method !== undefined || referrer !== undefined) {
    const req: Rec = {};
    if (method !== undefined) req.method = method;
    if (referrer !== undefined) req.referrer = referrer;
    child(doc, 'http').request = req;
  }
  const sev = r.v(C['severity']);
  if (sev !== undefined) setLogLevel(c, sev);

  const misc = r.v(C['misc']);
  const sub = c.subType;
  if (misc !== undefined) {
    const hasSlash = misc.includes('/');
    if (sub === 'url' || ((sub === 'virus' || sub === 'vulnerability') && hasSlash)) {
      doc.url = threatUrl(misc, c);
    }
    if (sub === 'file' && (hasSlash || misc.includes('\\'))) {
      let idx = misc.lastIndexOf('/');
      if (idx === -1) idx = misc.lastIndexOf('\\');
      const file = child(doc, 'file');
      file.path = misc;
      file.name = misc.slice(idx + 1);
    }
    if ((sub === 'file' || sub === 'virus' || sub === 'vulnerability') && !(hasSlash || misc.includes('\\'))) {
      child(doc, 'file').name = misc;
    }
    if (sub === 'vulnerability' && (doc.file as Rec | undefined)?.name !== undefined) delete doc.url;
  }
  const ua = r.v(C['~user_agent']);
  if (ua !== undefined) doc.user_agent = { original: ua };
  const cats = r.v(C['url_category_list']);
  if (cats !== undefined) setPath(panos, ['url_category_list'], cats.trim().split(','));
  const threatName = r.v(C['threat.name']);
  if (threatName !== undefined) {
    const threat: Rec = { name: threatName };
    const open = threatName.lastIndexOf('(');
    if (open >= 0 && threatName.endsWith(')')) {
      const id = threatName.slice(open + 1, -1).trim();
      if (/^\d+$/.test(id)) {
        threat.name = threatName.slice(0, open);
        threat.id = id;
      }
    }
    if (threat.id === '9999') threat.name = 'URL-filtering';
    panos.threat = threat;
  }
  if (panos.network !== undefined && (panos.network as Rec).pcap_id === '0') {
    delete (panos.network as Rec).pcap_id;
    if (isEmpty(panos.network as Rec)) delete panos.network;
  }
}

/** Elastic's scheme-less URL split of the threat `misc` column (`host[:port]/path?query`). */
function threatUrl(original: string, c: MapCtx): Rec {
  const url: Rec = { original };
  let domainPort = original;
  const slash = original.indexOf('/');
  if (slash >= 0) {
    domainPort = original.slice(0, slash);
    const after = original.slice(slash);
    const q = after.indexOf('?');
    const path = q === -1 ? after : after.slice(0, q);
    url.path = path;
    if (q !== -1) url.query = after.slice(q + 1);
    const dot = path.lastIndexOf('.');
    if (dot !== -1) url.extension = path.slice(dot + 1);
  } else {
    const q = original.indexOf('?');
    if (q !== -1) {
      domainPort = original.slice(0, q);
      url.query = original.slice(q + 1);
    }
  }
  const colon = domainPort.indexOf(':');
  if (colon !== -1) {
    url.domain = domainPort.slice(0, colon);
    const port = toInt(domainPort.slice(colon + 1).split(':')[0]);
    if (port !== undefined) url.port = port;
  } else {
    url.domain = domainPort;
    c.destination.domain = domainPort;
  }
  return url;
}

function mapSystem(c: MapCtx): void {
  const { r, event } = c;
  event.kind = 'event';
  category(c, 'configuration');
  const id = r.v(C['event.id'])?.trim();
  if (id !== undefined && id.length > 0) {
    event.code = id;
  }
  const sev = r.v(C['severity'])?.trim();
  if (sev !== undefined && sev.length > 0) setLogLevel(c, sev);
  // Elastic trims system columns
  for (const k of Object.keys(c.panos)) {
    const v = c.panos[k];
    if (typeof v === 'string') c.panos[k] = v.trim();
  }
}

function mapConfig(c: MapCtx): void {
  const { r, event } = c;
  const cmd = r.v(C['cmd']);
  if (cmd !== undefined) {
    const action = CONFIG_ACTIONS[cmd];
    if (action !== undefined) event.action = action;
  }
  const result = r.v(C['result']);
  event.outcome = result === 'Succeeded' ? 'success' : result === 'Failed' ? 'failure' : 'unknown';
  event.kind = 'event';
  category(c, 'configuration');
  const hostIp = r.v(C['host.ip']);
  if (hostIp !== undefined) c.doc.host = { ip: hostIp };
  const admin = r.v(C['admin']);
  if (admin !== undefined) c.doc.user = { name: admin };
}

function mapGlobalProtect(c: MapCtx): void {
  const { r, source, event, doc } = c;
  const priv = r.v(C['private.ip']);
  if (priv !== undefined) source.ip = priv;
  const priv6 = r.v(C['~private_ipv6']);
  if ((source.ip === undefined || source.ip === '0.0.0.0') && priv6 !== undefined && priv6 !== '0.0.0.0' && isIp(priv6)) source.ip = priv6;
  const host: Rec = {};
  if (source.ip !== undefined) host.ip = source.ip;
  const pub = r.v(C['public.ip']);
  if (pub !== undefined) child(source, 'nat').ip = pub;
  const pub6 = r.v(C['~public_ipv6']);
  const nat = source.nat as Rec | undefined;
  if ((nat?.ip === undefined || nat.ip === '0.0.0.0') && pub6 !== undefined && pub6 !== '0.0.0.0' && isIp(pub6)) child(source, 'nat').ip = pub6;
  event.kind = 'event';
  category(c, 'network');
  const code = r.v(C['event.id']);
  if (code !== undefined) event.code = code;
  const loginDuration = r.int(C['login_duration']);
  if (loginDuration !== undefined) event.duration = loginDuration;
  const status = r.v(C['event.status']);
  if (status !== undefined) event.outcome = status;
  const reason = r.v(C['event.reason']);
  if (reason !== undefined) event.reason = reason;
  const hostId = r.v(C['host.id']);
  if (hostId !== undefined) host.id = hostId;
  const machine = r.v(C['machine.name']);
  if (machine !== undefined) host.name = machine;
  const os = r.v(C['client.os']);
  const osFull = r.v(C['client.os_version']);
  if (os !== undefined || osFull !== undefined) {
    const o: Rec = {};
    if (os !== undefined) o.family = os;
    if (osFull !== undefined) o.full = osFull;
    host.os = o;
  }
  if (!isEmpty(host)) doc.host = host;
  const location = r.v(C['location']);
  if (location !== undefined) c.observer.geo = { name: location };
  const srcloc = r.v(C['~srcloc']);
  if (srcloc !== undefined) source.geo = { name: srcloc };
  if (pub6 !== undefined) setPath(c.panos, ['public', 'ipv6'], pub6);
  if (priv6 !== undefined) setPath(c.panos, ['private', 'ipv6'], priv6);
}

function mapUserId(c: MapCtx): void {
  const { r, source, event } = c;
  event.kind = 'event';
  category(c, 'network', 'iam');
  const dport = r.int(C['destination.port']);
  if (dport !== undefined) c.destination.port = dport;
  const code = r.v(C['event.id']);
  if (code !== undefined) event.code = code;
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
  const sport = r.int(C['source.port']);
  if (sport !== undefined) source.port = sport;
  const ubs = r.v(C['user_by_source']);
  if (ubs !== undefined) child(source, 'user').name = ubs;
}

function mapHipMatch(c: MapCtx): void {
  const { r, source, doc } = c;
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
  const s6 = r.v(C['~source_ipv6']);
  if (s6 !== undefined && s6 !== '0.0.0.0' && isIp(s6)) source.ip = s6;
  c.event.kind = 'event';
  category(c, 'network');
  const host: Rec = {};
  const hostId = r.v(C['host.id']);
  if (hostId !== undefined) host.id = hostId;
  const mac = r.v(C['machine.mac_address']);
  if (mac !== undefined) host.mac = normaliseMac(mac);
  const name = r.v(C['machine.name']);
  if (name !== undefined) host.name = name;
  const os = r.v(C['machine.os']);
  if (os !== undefined) host.os = { full: os };
  if (!isEmpty(host)) doc.host = host;
  if (s6 !== undefined) setPath(c.panos, ['source', 'ipv6'], s6);
}

function mapAuthentication(c: MapCtx): void {
  const { r, source, event, doc } = c;
  const names: string[] = [];
  addUnique(names, r.v(C['~user']));
  addUnique(names, r.v(C['normalize_user']));
  if (names.length > 0) c.sourceUserNames = names;
  event.kind = 'event';
  category(c, 'authentication');
  event.outcome = 'success';
  const ruleUuid = r.v(C['rule_uuid']);
  if (ruleUuid !== undefined) c.rule.uuid = ruleUuid;
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
  const ua = r.v(C['~user_agent']);
  if (ua !== undefined) doc.user_agent = { original: ua };
}

function mapDecryption(c: MapCtx): void {
  const { r, event, doc, panos } = c;
  event.kind = 'event';
  category(c, 'network');
  const err = r.v(C['error_message']);
  event.outcome = err === undefined ? 'success' : 'failure';
  mapSession(c);
  const tls: Rec = {};
  const client: Rec = {};
  const x509: Rec = {};
  const subjectCn = r.v(C['subject_common_name.value']);
  if (subjectCn !== undefined) x509.subject = { common_name: [subjectCn] };
  const issuerCn = r.v(C['issuer_common_name.value']);
  if (issuerCn !== undefined) x509.issuer = { common_name: [issuerCn] };
  const cipher = r.v(C['tls.encryption']);
  if (cipher !== undefined) tls.cipher = cipher;
  const notAfter = r.v(C['certificate.not_after']);
  if (notAfter !== undefined) {
    const ms = parsePanosTime(notAfter, c.zone);
    if (ms !== undefined) client.not_after = isoFromMs(ms);
  }
  const notBefore = r.v(C['certificate.not_before']);
  if (notBefore !== undefined) {
    const ms = parsePanosTime(notBefore, c.zone);
    if (ms !== undefined) client.not_before = isoFromMs(ms);
  }
  const sni = r.v(C['server_name_indication.value']);
  if (sni !== undefined) client.server_name = sni;
  const size = r.v(C['certificate.size']);
  if (size !== undefined) {
    const n = toInt(size);
    if (n !== undefined) x509.public_key_size = n;
    else setPath(panos, ['certificate', 'raw_size'], size);
  }
  const serial = r.v(C['certificate.serial_number']);
  if (serial !== undefined) x509.serial_number = serial;
  const version = r.v(C['certificate.version']);
  if (version !== undefined) x509.version_number = version;
  const curve = r.v(C['elliptic_curve']);
  if (curve !== undefined) tls.curve = curve;
  const hash = r.v(C['~hash']);
  if (hash !== undefined) {
    const algo = hash.length === 32 ? 'md5' : hash.length === 40 ? 'sha1' : hash.length === 64 ? 'sha256' : undefined;
    if (algo !== undefined) client.hash = { [algo]: hash };
  }
  const ver = r.v(C['~tls']);
  if (ver !== undefined && ver.length >= 6) {
    tls.version_protocol = ver.slice(0, 3).toLowerCase();
    tls.version = ver.slice(3, 6);
  }
  if (!isEmpty(x509)) client.x509 = x509;
  if (!isEmpty(client)) tls.client = client;
  if (!isEmpty(tls)) doc.tls = tls;
}

function mapCorrelation(c: MapCtx): void {
  const { r, event, source } = c;
  event.kind = 'event';
  category(c, 'network');
  event.outcome = 'success';
  const sev = r.v(C['severity']);
  if (sev !== undefined) setLogLevel(c, sev);
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
}

function mapIpTag(c: MapCtx): void {
  const { r, event, source } = c;
  event.kind = 'event';
  category(c, 'network');
  const code = r.v(C['event.id']);
  if (code !== undefined) event.code = code;
  const sip = r.v(C['source.ip']);
  if (sip !== undefined) source.ip = sip;
}

function mapAudit(c: MapCtx): void {
  const { r, event, doc } = c;
  event.kind = 'event';
  category(c, 'configuration');
  const clientType = r.v(C['client_type']);
  if (clientType !== undefined) event.action = clientType;
  const result = r.v(C['result']);
  if (result !== undefined) event.outcome = result === 'success' ? 'success' : result === 'failure' ? 'failure' : 'unknown';
  const admin = r.v(C['admin']);
  if (admin !== undefined) doc.user = { name: admin };
}

/** Common tail (Elastic `default` pipeline after the type pipeline). */
function finish(c: MapCtx): EcsFragment {
  const { r, doc, event, observer, panos, source, destination, network, rule } = c;
  const deviceName = r.v(C['device_name']);
  if (deviceName !== undefined) observer.hostname = deviceName;

  // users
  const srcUser = r.v(C['~srcuser']);
  if (srcUser !== undefined) {
    const u = splitUser(srcUser);
    const su = child(source, 'user');
    su.name = u.name;
    if (u.domain !== undefined) su.domain = u.domain;
  }
  if (c.sourceUserNames !== undefined) child(source, 'user').name = c.sourceUserNames.length === 1 ? c.sourceUserNames[0] : c.sourceUserNames;
  const dstUser = r.v(C['~dstuser']);
  if (dstUser !== undefined) {
    const u = splitUser(dstUser);
    const du = child(destination, 'user');
    du.name = u.name;
    if (u.domain !== undefined) du.domain = u.domain;
  }
  if (source.user !== undefined && doc.user === undefined) doc.user = { ...(source.user as Rec) };

  // event.duration and event.end
  if (typeof event.duration === 'number') {
    const seconds = event.duration;
    event.duration = seconds * 1_000_000_000;
    if (typeof event.start === 'string') event.end = isoFromMs(Date.parse(event.start) + seconds * 1000);
  }

  // event.type / event.action
  let action = r.v(C['action']);
  if (action !== undefined) {
    const fixed = ACTION_FIXES[action];
    if (fixed !== undefined) {
      action = fixed;
      panos.action = fixed;
    }
    if (ALLOWED_ACTIONS.has(action)) c.eventType.push('allowed');
    else if (DENIED_ACTIONS.has(action)) c.eventType.push('denied');
  }
  if (event.action === undefined) {
    const a = SUBTYPE_ACTIONS[c.subType];
    if (a !== undefined) event.action = a;
  }
  const more = SUBTYPE_TYPES[c.subType];
  if (more !== undefined) c.eventType.push(...more);
  const level = (doc.log as Rec | undefined)?.level;
  if (typeof level === 'string') {
    const sev = SEVERITY[level];
    if (sev !== undefined) event.severity = sev;
  }

  // network.type
  if (typeof source.ip === 'string') network.type = source.ip.includes(':') ? 'ipv6' : 'ipv4';

  // labels from the flags bit field
  const flags = r.v(C['~labels']);
  if (flags !== undefined) {
    const value = flags.startsWith('0x') ? Number.parseInt(flags.slice(2), 16) : Number(flags);
    if (Number.isFinite(value) && value !== 0 && value <= 0xffffffff) {
      const bits = value >>> 0;
      let labels: Rec | undefined;
      for (let i = 0; i < LABEL_FLAGS.length; i++) {
        const flag = LABEL_FLAGS[i]!;
        if ((bits & flag[1]) !== 0) (labels ??= {})[flag[0]] = true;
      }
      if (labels !== undefined) doc.labels = labels;
    }
  }

  // NAT fields without translation
  const snat = source.nat as Rec | undefined;
  if (snat !== undefined && snat.ip === '0.0.0.0' && snat.port === 0) delete source.nat;
  const dnat = destination.nat as Rec | undefined;
  if (dnat !== undefined && dnat.ip === '0.0.0.0' && dnat.port === 0) delete destination.nat;

  // rule.name
  const ruleset = r.v(C['ruleset']);
  if (rule.name === undefined && ruleset !== undefined) rule.name = ruleset;

  // related.*
  const relatedIp: string[] = [];
  addUnique(relatedIp, source.ip);
  addUnique(relatedIp, destination.ip);
  addUnique(relatedIp, (source.nat as Rec | undefined)?.ip);
  addUnique(relatedIp, (destination.nat as Rec | undefined)?.ip);
  addUnique(relatedIp, (doc.host as Rec | undefined)?.ip);
  addUnique(relatedIp, (panos.xff as Rec | undefined)?.ip);
  addUnique(relatedIp, network.forwarded_ip);
  addUnique(relatedIp, (panos.remote_user as Rec | undefined)?.ip);
  addUnique(relatedIp, panos.end_ip_address);
  const relatedUser: string[] = [];
  const sun = (source.user as Rec | undefined)?.name;
  if (Array.isArray(sun)) for (const u of sun) addUnique(relatedUser, u);
  else addUnique(relatedUser, sun);
  addUnique(relatedUser, (destination.user as Rec | undefined)?.name);
  const relatedHash: string[] = [];
  addUnique(relatedHash, (panos.file as Rec | undefined)?.hash);
  const clientHash = ((doc.tls as Rec | undefined)?.client as Rec | undefined)?.hash as Rec | undefined;
  if (clientHash !== undefined) for (const v of Object.values(clientHash)) addUnique(relatedHash, v);
  const relatedHosts: string[] = [];
  addUnique(relatedHosts, observer.hostname);
  addUnique(relatedHosts, (doc.host as Rec | undefined)?.name);
  addUnique(relatedHosts, (panos.dst as Rec | undefined)?.host);
  addUnique(relatedHosts, (panos.src as Rec | undefined)?.host);
  const related: Rec = {};
  if (relatedIp.length > 0) related.ip = relatedIp;
  if (relatedUser.length > 0) related.user = relatedUser;
  if (relatedHash.length > 0) related.hash = relatedHash;
  if (relatedHosts.length > 0) related.hosts = relatedHosts;

  // assemble
  if (c.eventCategory.length > 0) event.category = c.eventCategory;
  if (c.eventType.length > 0) event.type = c.eventType;
  if (event.kind === undefined) event.kind = 'event';
  doc.event = event;
  doc.observer = observer;
  if (!isEmpty(source)) doc.source = source;
  if (!isEmpty(destination)) doc.destination = destination;
  if (!isEmpty(network)) doc.network = network;
  if (!isEmpty(rule)) doc.rule = rule;
  if (!isEmpty(related)) doc.related = related;
  doc.panw = { panos };
  if (c.tags.length > 0) doc.tags = c.tags;
  return doc as EcsFragment;
}
