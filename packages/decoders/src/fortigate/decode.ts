/**
 * FortiGate (FortiOS) key=value decoder.
 *
 * Mapping follows Elastic's `fortinet_fortigate` integration (data stream `log`): the same ECS
 * targets, the same keys moved out of `fortinet.firewall.*`, the same `event.*` categorisation per
 * log type (traffic, utm/dns, event) and for login messages. Differences are listed in
 * docs/decoders/fortigate.md.
 */
import { DecodeError, type EcsFragment } from '@pullwatch/core';
import type { DecodeInput } from '../types.js';
import { isIp, isPrivateIp } from '../shared/ip.js';
import { toFloat, toInt } from '../shared/number.js';
import {
  YEAR_MS, isoFromMs, localToEpochMs, parseDateTimeParts, parseEpochDigits, parseOffsetMinutes, resolveZone,
  type Zone,
} from '../shared/time.js';
import { atSizeCap } from '../shared/truncation.js';
import { splitUrl } from '../shared/url.js';
import { DIRECTIONS, FLOAT_KEYS, IANA_TRANSPORT, LEAD_KEYS, LONG_KEYS } from './fields.js';

/** Per-key conversion under fortinet.firewall: 1 integer, 2 float. */
const KEY_CONVERSION = new Uint8Array(KNOWN_KEYS.length);
for (const k of LONG_KEYS) KEY_CONVERSION[KEY_ID.get(k)!] = 1;
for (const k of FLOAT_KEYS) KEY_CONVERSION[KEY_ID.get(k)!] = 2;

/** Reused between messages (decoding is synchronous). */
const SCRATCH = new KvRecord();
import { K, KNOWN_KEYS } from './keys.js';
import { KEY_ID, KvRecord, scanKv } from './tokenize.js';

type Rec = Record<string, unknown>;

/** Keys Elastic removes after converting them into ECS fields, per sub-pipeline. */
const TRAFFIC_DROPPED = [K.dstport, K.tranport, K.rcvdbyte, K.rcvdpkt, K.sentbyte, K.srcport, K.sentpkt, K.transport];
const EVENT_DROPPED = [K.dstport, K.remport, K.rcvdbyte, K.sentbyte, K.srcport, K.locport, K.filesize, K.sess_duration];
const UTM_DROPPED = [K.cn, K.san, K.dst_port, K.remport, K.dstport, K.rcvdbyte, K.locport, K.scertcname, K.src_port, K.srcport, K.sentbyte, K.filesize, K.dtype, K.tlsver];
/** Keys whose IP values also go to `related.ip`. */
const RELATED_IP_KEYS: readonly number[] = [K.ip, K.assignip, K.tunnelip];
const LOGIN_DROPPED = [K.userfrom, K.remote_ip, K.remote_port, K.ui, K.status];

export const FORTIGATE_MODULE = 'fortinet_fortigate';
export const FORTIGATE_DATASET = 'fortinet_fortigate.log';

const isKeyChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** Where the FortiOS payload starts inside a message. */
export interface BodyLocation {
  /** Index of the first key of the run, or of `{` (JSON) / `CEF:`. */
  start: number;
  /** Text before the run that is not a PRI (relay / file prefix), trimmed; empty when none. */
  prefix: string;
  format: 'kv' | 'csv' | 'json' | 'cef';
}

/** Skips a BOM, spaces and one `<PRI>` (plus spaces after it). */
function skipPri(s: string, i: number): number {
  if (s.charCodeAt(i) === 0xfeff) i++;
  while (s.charCodeAt(i) === 32) i++;
  if (s.charCodeAt(i) === 60) {
    let j = i + 1;
    while (j < s.length && j - i <= 4 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > i + 1 && s.charCodeAt(j) === 62) {
      i = j + 1;
      while (s.charCodeAt(i) === 32) i++;
    }
  }
  return i;
}

/**
 * Finds the FortiOS payload in `s`: after an optional PRI, the first of the next 12 space-separated
 * tokens that is `<lead key>=` (`date=`, `logver=`, `devname=`, `eventtime=`, `timestamp=`, `logid=`…),
 * or a JSON object / CEF record. `undefined` when there is none.
 */
export function locateBody(s: string): BodyLocation | undefined {
  const n = s.length;
  const first = skipPri(s, 0);
  let i = first;
  for (let t = 0; t < 12 && i < n; t++) {
    const c = s.charCodeAt(i);
    if (t === 0 && c === 123 /* { */) return { start: i, prefix: '', format: 'json' };
    if (c === 67 && s.startsWith('CEF:', i)) return { start: i, prefix: s.slice(first, i).trim(), format: 'cef' };
    let k = i;
    while (k < n && isKeyChar(s.charCodeAt(k))) k++;
    if (k > i && s.charCodeAt(k) === 61 && LEAD_KEYS.has(s.slice(i, k))) {
      return { start: i, prefix: s.slice(first, i).trim(), format: detectSeparator(s, k + 1) === 44 ? 'csv' : 'kv' };
    }
    while (i < n && s.charCodeAt(i) !== 32) i++;
    while (i < n && s.charCodeAt(i) === 32) i++;
  }
  return undefined;
}

let lastLocText: string | undefined;
let lastLoc: BodyLocation | undefined;

/**
 * {@link locateBody} of the last text asked (`claims` and `decode` look at the same message in a
 * row). The result depends only on the text; callers here only read it.
 */
function locateBodyCached(s: string): BodyLocation | undefined {
  if (s === lastLocText) return lastLoc;
  const loc = locateBody(s);
  lastLocText = s;
  lastLoc = loc;
  return loc;
}

/** Looks at the end of the first value: `,` followed by `key=` means the FortiOS `csv` format. */
function detectSeparator(s: string, i: number): number {
  const n = s.length;
  if (s.charCodeAt(i) === 34) {
    i++;
    while (i < n && s.charCodeAt(i) !== 34) i += s.charCodeAt(i) === 92 ? 2 : 1;
    i++;
  } else {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 44) break;
      i++;
    }
  }
  if (s.charCodeAt(i) !== 44) return 32;
  let k = i + 1;
  while (k < n && isKeyChar(s.charCodeAt(k))) k++;
  return k > i + 1 && s.charCodeAt(k) === 61 ? 44 : 32;
}

/** Cheap shape check used by `claims`. */
export function looksLikeFortigate(message: string): boolean {
  const loc = locateBodyCached(message);
  if (loc === undefined) return false;
  if (loc.format === 'cef') return message.startsWith('Fortinet|', loc.start + 6) || message.includes('|Fortinet|');
  if (loc.format === 'json') return message.includes('"logid"') || message.includes('"devid"');
  const s = message;
  return (
    s.includes('logid=', loc.start) || s.includes('log_id=', loc.start) || s.includes('devid=', loc.start) ||
    s.includes('type=', loc.start) || s.includes('desc=', loc.start) || s.includes('msg=', loc.start)
  );
}

/** Elastic's tz clean-up: `UTC+2:00` → `+0200`, `GMT-05:00` → `-0500`; other shapes unchanged. */
function normaliseTz(tz: string): string {
  const c = tz.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return tz;
  const minutes = parseOffsetMinutes(tz);
  if (minutes === undefined) return tz;
  let k = 0;
  while (k < tz.length && tz.charCodeAt(k) !== 43 && tz.charCodeAt(k) !== 45) k++;
  if (k === tz.length) return tz; // a bare name such as CEST
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${minutes < 0 ? '-' : '+'}${h < 10 ? '0' : ''}${h}${m < 10 ? '0' : ''}${m}`;
}

const TZ_CACHE = new Map<string, { text: string; zone: Zone | undefined }>();

/** `tz` value → normalised text and zone; cached (a device sends the same few values). */
function tzInfo(raw: string): { text: string; zone: Zone | undefined } {
  let info = TZ_CACHE.get(raw);
  if (info === undefined) {
    const minutes = parseOffsetMinutes(raw);
    info = { text: normaliseTz(raw), zone: minutes !== undefined ? { kind: 'fixed', minutes } : resolveZone(raw) };
    if (TZ_CACHE.size >= 256) TZ_CACHE.clear();
    TZ_CACHE.set(raw, info);
  }
  return info;
}

const addUnique = (arr: string[], v: unknown): void => {
  if (typeof v === 'string' && v.length > 0 && !arr.includes(v)) arr.push(v);
};

const child = (parent: Rec, key: string): Rec => {
  let o = parent[key] as Rec | undefined;
  if (o === undefined) {
    o = {};
    parent[key] = o;
  }
  return o;
};

const isEmpty = (o: Rec): boolean => {
  for (const _ in o) return false;
  return true;
};

/** The decoder's state for one message. */
class Ctx {
  readonly event: Rec = {};
  readonly source: Rec = {};
  readonly destination: Rec = {};
  readonly network: Rec = {};
  readonly rule: Rec = {};
  readonly url: Rec = {};
  readonly observer: Rec = { vendor: 'Fortinet', product: 'Fortigate', type: 'firewall' };
  readonly doc: Rec = {};
  readonly tags: string[] = [];
  eventType: string[] | undefined;
  eventCategory: string[] | undefined;

  constructor(readonly rec: KvRecord) {}

  /** Value for ECS use: absent, empty and `N/A` read as undefined; the key stays in the vendor namespace. */
  get(id: number): string | undefined {
    const v = this.rec.vals[id];
    return v === undefined || v.length === 0 || v === 'N/A' ? undefined : v;
  }

  /** Moves a value out of the vendor namespace (Elastic `rename`); `N/A` stays there and reads as undefined. */
  take(id: number): string | undefined {
    const v = this.rec.vals[id];
    if (v === undefined || v === 'N/A') return undefined;
    this.rec.consumed[id] = 1;
    return v.length === 0 ? undefined : v;
  }

  /** Removes a key (after a copy-and-remove, Elastic `convert` + `remove`). */
  drop(id: number): void {
    this.rec.consumed[id] = 1;
  }

  type(v: string): void {
    (this.eventType ??= []).push(v);
  }

  category(v: string): void {
    const c = (this.eventCategory ??= []);
    if (!c.includes(v)) c.push(v);
  }
}

export interface FortigateDecodeOptions {
  /** Receive time (sanity window for `eventtime`). */
  receivedAt: Date;
  /** Device zone for `date`/`time` when the body has no usable `tz`. */
  timezone?: string;
  /** Syslog header hostname (observer.name fallback). */
  headerHostname?: string;
  /** True when the syslog header carried a timestamp (then `@timestamp` is not set from `eventtime`). */
  headerHasTime?: boolean;
}

/** Decodes one FortiGate message (`input.message`, falling back to `input.raw`) into an ECS fragment. */
export function decodeFortigate(input: DecodeInput): EcsFragment {
  let text = input.message;
  let loc = locateBodyCached(text);
  if (loc === undefined && input.raw !== text) {
    text = input.raw;
    loc = locateBodyCached(text);
  }
  if (loc === undefined) {
    throw new DecodeError('decoding FortiGate body: no key=value run found', 'fragment');
  }
  if (loc.format === 'cef') {
    throw new DecodeError('decoding FortiGate body: CEF format is not supported', 'unsupported_format');
  }
  const rec = SCRATCH;
  if (loc.format === 'json') {
    parseJsonBody(text, loc.start, rec);
  } else {
    scanKv(text, loc.start, loc.format === 'csv' ? 44 : 32, rec);
    if (rec.pairs === 0) throw new DecodeError('decoding FortiGate body: no key=value pair', 'fragment');
  }
  const unterminated = rec.unterminated;
  const truncated = atSizeCap(input.raw);
  if (truncated && rec.lastKeyStart >= 0) {
    // The last value may be cut: drop it rather than index a partial value.
    rec.clear(text.slice(rec.lastKeyStart, rec.lastKeyEnd));
  }
  const frag = mapFortigate(rec, {
    receivedAt: input.receivedAt,
    timezone: input.timezone,
    headerHostname: input.header.hostname,
    headerHasTime: input.header.timestamp !== undefined,
  });
  const tags = frag.tags as string[];
  if (unterminated) tags.push('unterminated_quote');
  if (truncated) tags.push('truncated');
  if (loc.format === 'csv') tags.push('fortinet_csv_format');
  if (loc.prefix.length > 0 && loc.format !== 'json') {
    tags.push('relay_prefix');
    const fortinet = frag.fortinet as Rec;
    fortinet.relay = { prefix: loc.prefix };
  }
  if (tags.length === 0) delete frag.tags;
  return frag;
}

function parseJsonBody(text: string, start: number, rec: KvRecord): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start));
  } catch (err) {
    throw new DecodeError('decoding FortiGate JSON body: invalid JSON', 'unsupported_format', { cause: err });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DecodeError('decoding FortiGate JSON body: not an object', 'unsupported_format');
  }
  rec.reset();
  for (const [k, v] of Object.entries(parsed as Rec)) {
    if (typeof v === 'string') rec.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') rec.set(k, String(v));
  }
  if (rec.pairs === 0) throw new DecodeError('decoding FortiGate JSON body: no fields', 'fragment');
}

/** Maps tokenized FortiOS pairs to ECS (exported for tests and benchmarks). */
export function mapFortigate(rec: KvRecord, opts: FortigateDecodeOptions): EcsFragment {
  const c = new Ctx(rec);
  const { event, observer } = c;

  // --- time -----------------------------------------------------------------------------------
  const tzRaw = c.get(K.tz);
  let zone: Zone | undefined;
  if (tzRaw !== undefined) {
    const tz = tzInfo(tzRaw);
    event.timezone = tz.text;
    zone = tz.zone;
  }
  if (zone === undefined && opts.timezone !== undefined) {
    zone = resolveZone(opts.timezone);
    if (zone !== undefined && event.timezone === undefined) event.timezone = opts.timezone;
  }
  const date = c.get(K.date);
  const time = c.get(K.time);
  let timestampSet = false;
  const frag: Rec = c.doc;
  if (date !== undefined && time !== undefined) {
    const p = parseDateTimeParts(date, time);
    if (p !== undefined) {
      frag['@timestamp'] = isoFromMs(localToEpochMs(p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms, zone));
      timestampSet = true;
    } else {
      c.tags.push('invalid_date');
    }
  }
  const eventtime = c.get(K.eventtime);
  if (eventtime !== undefined) {
    const t = parseEpochDigits(eventtime);
    if (t !== undefined && Math.abs(t.ms - opts.receivedAt.getTime()) <= YEAR_MS) {
      event.start = t.iso;
      c.drop(K.eventtime);
      if (!timestampSet && !opts.headerHasTime) {
        frag['@timestamp'] = isoFromMs(t.ms);
        timestampSet = true;
      }
    } else {
      c.tags.push('eventtime_out_of_range');
    }
  }
  c.drop(K.tz);
  c.drop(K.date);
  c.drop(K.time);

  // --- observer -------------------------------------------------------------------------------
  const devname = c.take(K.devname);
  if (devname !== undefined) observer.name = devname;
  else if (opts.headerHostname !== undefined) observer.name = opts.headerHostname;
  const devid = c.take(K.devid) ?? c.take(K.device_id);
  if (devid !== undefined) observer.serial_number = devid;
  else c.tags.push('missing_devid');
  const dstintf = c.take(K.dstintf);
  const egress = c.take(K.dst_int) ?? dstintf;
  if (egress !== undefined) observer.egress = { interface: { name: egress } };
  const ingress = c.take(K.src_int) ?? c.take(K.srcintf);
  if (ingress !== undefined) observer.ingress = { interface: { name: ingress } };

  const level = c.take(K.level);
  const log: Rec = {};
  if (level !== undefined) log.level = level;

  const durationText = c.take(K.duration);
  const duration = toInt(durationText);
  if (duration !== undefined) event.duration = duration * 1_000_000_000;

  const subject = c.get(K.subject);
  if (subject !== undefined) child(frag, 'email').subject = subject;
  const srcname = c.get(K.srcname);
  let hostName: string | undefined;
  if (srcname !== undefined) {
    hostName = srcname.toLowerCase();
    frag.host = { name: hostName };
  }
  const msg = c.take(K.msg);
  if (msg !== undefined) frag.message = msg;
  const dstmac = c.take(K.dstmac);
  if (dstmac !== undefined) c.destination.mac = dstmac.replaceAll(':', '-').toUpperCase();

  const type = c.get(K.type);
  if (type === 'event') mapEvent(c);
  const lowerMsg = msg?.toLowerCase();
  if (lowerMsg !== undefined && (lowerMsg.includes('login') || lowerMsg.includes('logged in'))) mapLogin(c, msg!, log);
  if (type === 'traffic') mapTraffic(c);
  else if (type === 'utm' || type === 'dns') mapUtm(c);

  // --- common tail ----------------------------------------------------------------------------
  if (event.action === undefined) {
    const et = c.take(K.eventtype);
    if (et !== undefined) event.action = et;
  }
  if (event.reason === undefined) {
    const reason = c.take(K.reason) ?? c.take(K.eventsubtype);
    if (reason !== undefined) event.reason = reason;
  }
  const network = c.network;
  if (network.direction === undefined) {
    const dir = c.take(K.dir) ?? c.take(K.direction);
    if (dir !== undefined) network.direction = dir;
    else {
      const sip = c.source.ip as string | undefined;
      const dip = c.destination.ip as string | undefined;
      if (sip !== undefined && dip !== undefined && isIp(sip) && isIp(dip)) {
        const si = isPrivateIp(sip);
        const di = isPrivateIp(dip);
        network.direction = si ? (di ? 'internal' : 'outbound') : di ? 'inbound' : 'external';
      }
    }
  }
  if (typeof network.direction === 'string') {
    let d = network.direction.toLowerCase();
    if (d === 'outgoing') d = 'outbound';
    else if (d === 'incoming') d = 'inbound';
    network.direction = DIRECTIONS.has(d) ? d : 'unknown';
  }
  const iface = c.get(K.interface);
  if (iface !== undefined) {
    const d = network.direction;
    if (observer.ingress === undefined && (d === 'ingress' || d === 'inbound' || d === 'internal')) {
      observer.ingress = { interface: { name: iface } };
      c.drop(K.interface);
    } else if (observer.egress === undefined && (d === 'egress' || d === 'outbound' || d === 'external')) {
      observer.egress = { interface: { name: iface } };
      c.drop(K.interface);
    }
  }
  const { source, destination } = c;
  if (typeof source.bytes === 'number' && typeof destination.bytes === 'number') {
    network.bytes = source.bytes + destination.bytes;
  }
  if (typeof source.packets === 'number' && typeof destination.packets === 'number') {
    network.packets = source.packets + destination.packets;
  }
  if (typeof network.iana_number === 'string') {
    const t = IANA_TRANSPORT[network.iana_number];
    if (t !== undefined) network.transport = t;
  }
  if (typeof source.mac === 'string') source.mac = source.mac.toUpperCase().replace(/[:.]/g, '-');

  // related.*
  const relatedIp: string[] = [];
  addUnique(relatedIp, source.ip);
  addUnique(relatedIp, destination.ip);
  addUnique(relatedIp, (source.nat as Rec | undefined)?.ip);
  addUnique(relatedIp, (destination.nat as Rec | undefined)?.ip);
  for (let j = 0; j < RELATED_IP_KEYS.length; j++) {
    const v = c.get(RELATED_IP_KEYS[j]!);
    if (v !== undefined && isIp(v)) addUnique(relatedIp, v);
  }
  const dns = frag.dns as Rec | undefined;
  const resolved = dns?.resolved_ip;
  if (Array.isArray(resolved)) for (const ip of resolved) addUnique(relatedIp, ip);
  const relatedUser: string[] = [];
  addUnique(relatedUser, (source.user as Rec | undefined)?.name);
  addUnique(relatedUser, (destination.user as Rec | undefined)?.name);
  const relatedHosts: string[] = [];
  addUnique(relatedHosts, destination.address);
  addUnique(relatedHosts, source.address);
  addUnique(relatedHosts, hostName);
  addUnique(relatedHosts, (dns?.question as Rec | undefined)?.name);
  const related: Rec = {};
  if (relatedIp.length > 0) related.ip = relatedIp;
  if (relatedUser.length > 0) related.user = relatedUser;
  if (relatedHosts.length > 0) related.hosts = relatedHosts;
  const relatedHash = frag.relatedHash as string[] | undefined;
  if (relatedHash !== undefined) {
    related.hash = relatedHash;
    delete frag.relatedHash;
  }

  // --- assemble -------------------------------------------------------------------------------
  event.module = FORTIGATE_MODULE;
  event.dataset = FORTIGATE_DATASET;
  if (event.kind === undefined) event.kind = 'event';
  if (c.eventCategory !== undefined) event.category = c.eventCategory;
  if (c.eventType !== undefined) event.type = c.eventType;
  frag.event = event;
  frag.observer = observer;
  if (!isEmpty(log)) frag.log = log;
  if (!isEmpty(source)) frag.source = source;
  if (!isEmpty(destination)) frag.destination = destination;
  if (!isEmpty(network)) frag.network = network;
  if (!isEmpty(c.rule)) frag.rule = c.rule;
  if (!isEmpty(c.url)) frag.url = c.url;
  if (!isEmpty(related)) frag.related = related;
  const fortinet = (frag.fortinet as Rec | undefined) ?? {};
  fortinet.firewall = vendorFields(rec);
  frag.fortinet = fortinet;
  frag.tags = c.tags;
  return frag as EcsFragment;
}

/** What is left of the pairs after ECS mapping: `fortinet.firewall.*` (empty values dropped, `N/A` kept). */
function vendorFields(rec: KvRecord): Rec {
  const out: Rec = {};
  const { vals, consumed, order } = rec;
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    if (consumed[id] === 1) continue;
    const v = vals[id]!;
    if (v.length === 0) continue;
    const conv = KEY_CONVERSION[id];
    if (conv === 0) out[KNOWN_KEYS[id]!] = v;
    else {
      const n = conv === 1 ? toInt(v) : toFloat(v);
      out[KNOWN_KEYS[id]!] = n ?? v;
    }
  }
  const { extraKeys, extraVals } = rec;
  for (let i = 0; i < extraKeys.length; i++) {
    const v = extraVals[i]!;
    if (v.length > 0) out[extraKeys[i]!] = v;
  }
  return out;
}

function setUrl(c: Ctx, raw: string | undefined): void {
  if (raw === undefined) return;
  const parts = splitUrl(raw);
  for (const k in parts) c.url[k] = (parts as Rec)[k];
}

function setPort(target: Rec, key: string, text: string | undefined): void {
  const n = toInt(text);
  if (n !== undefined) target[key] = n;
}

function setIp(c: Ctx, target: Rec, key: string, text: string | undefined, copyKey?: number): void {
  if (text === undefined) return;
  if (isIp(text)) target[key] = text;
  else {
    c.tags.push('invalid_ip');
    if (copyKey !== undefined) c.drop(copyKey);
  }
}

function userOf(target: Rec): Rec {
  return child(target, 'user');
}

/** Elastic `traffic` pipeline. */
function mapTraffic(c: Ctx): void {
  const { event, source, destination, network, rule } = c;
  event.kind = 'event';
  const action = c.get(K.action);
  if (action !== undefined) {
    event.action = action;
    event.outcome = 'success';
  }
  c.category('network');
  c.type('connection');
  if (action === 'start') c.type('start');
  else if (action !== undefined) c.type('end');
  const app = c.get(K.app);
  const utmaction = c.get(K.utmaction);
  if (app !== undefined && action !== 'deny') c.type('protocol');
  if (utmaction === undefined && action !== 'deny') c.type('allowed');
  if (utmaction === 'block' || action === 'deny') c.type('denied');

  const dstip = c.take(K.dstip);
  if (dstip !== undefined) destination.ip = dstip;
  const tranip = c.get(K.tranip);
  if (tranip !== undefined) setIp(c, child(destination, 'nat'), 'ip', tranip, K.tranip);
  setPort(destination, 'port', c.get(K.dstport));
  const tranport = toInt(c.get(K.tranport));
  if (tranport !== undefined) child(destination, 'nat').port = tranport;
  setPort(destination, 'bytes', c.get(K.rcvdbyte));
  setPort(destination, 'packets', c.get(K.rcvdpkt));
  const dstEmail = c.get(K.dstcollectedemail);
  if (dstEmail !== undefined) child(child(c.doc, 'email'), 'to').address = [dstEmail];
  const dstname = c.take(K.dstname);
  if (dstname !== undefined) destination.address = dstname;
  const dstunauthuser = c.take(K.dstunauthuser);
  if (dstunauthuser !== undefined) userOf(destination).name = dstunauthuser;
  const group = c.take(K.group);
  if (group !== undefined) userOf(source).group = { name: group };
  setPort(source, 'bytes', c.get(K.sentbyte));
  const srcdomain = c.take(K.srcdomain);
  if (srcdomain !== undefined) source.domain = srcdomain;
  const srcip = c.take(K.srcip);
  if (srcip !== undefined) source.ip = srcip;
  const srcmac = c.take(K.srcmac);
  if (srcmac !== undefined) source.mac = srcmac;
  setPort(source, 'port', c.get(K.srcport));
  const user = c.take(K.unauthuser) ?? (userOf(source).name === undefined ? c.take(K.user) : undefined);
  if (user !== undefined) userOf(source).name = user;
  const srcEmail = c.get(K.collectedemail);
  if (srcEmail !== undefined) child(child(c.doc, 'email'), 'from').address = [srcEmail];
  setPort(source, 'packets', c.get(K.sentpkt));
  const transip = c.get(K.transip);
  if (transip !== undefined) setIp(c, child(source, 'nat'), 'ip', transip, K.transip);
  const transport = toInt(c.get(K.transport));
  if (transport !== undefined) child(source, 'nat').port = transport;
  const appName = c.take(K.app);
  if (appName !== undefined) network.application = appName;
  const filename = c.take(K.filename);
  if (filename !== undefined) child(c.doc, 'file').name = filename;
  const logid = c.take(K.logid);
  if (logid !== undefined && event.code === undefined) event.code = logid;
  const comment = c.take(K.comment);
  if (comment !== undefined) rule.description = comment;
  const policyid = c.take(K.policyid);
  if (policyid !== undefined && rule.id === undefined) rule.id = policyid;
  const poluuid = c.take(K.poluuid);
  if (poluuid !== undefined) rule.uuid = poluuid;
  const policytype = c.take(K.policytype);
  if (policytype !== undefined) rule.ruleset = policytype;
  const policyname = c.take(K.policyname);
  if (policyname !== undefined) rule.name = policyname;
  const appcat = c.take(K.appcat);
  if (appcat !== undefined) rule.category = appcat.replaceAll('.', '-');
  const proto = c.take(K.proto);
  if (proto !== undefined) network.iana_number = proto;
  const service = c.take(K.service);
  if (service !== undefined) network.protocol = service.toLowerCase();
  const feed = c.take(K.srcthreatfeed);
  if (feed !== undefined) c.doc.threat = { feed: { name: feed } };
  setUrl(c, c.take(K.url));
  for (const k of TRAFFIC_DROPPED) c.drop(k);
}

/** Elastic `event` pipeline. */
function mapEvent(c: Ctx): void {
  const { event, source, destination, network, rule } = c;
  event.kind = 'event';
  const result = c.get(K.result);
  const status = c.get(K.status);
  const action = c.get(K.action);
  const subtype = c.get(K.subtype);
  if (result === 'ERROR' || status === 'negotiate_error') event.outcome = 'failure';
  if (result === 'OK' || action === 'FSSO-logon' || action === 'auth-logon' || action === 'FSSO-logoff' || action === 'auth-logout') {
    event.outcome = 'success';
  }
  if (action === 'FSSO-logon' || action === 'auth-logon') c.type('start');
  if (action === 'FSSO-logoff' || action === 'auth-logout') c.type('end');
  if (subtype === 'vpn') {
    c.type('connection');
    c.category('network');
  }
  if (action === 'perf-stats') {
    c.type('info');
    c.category('host');
  }
  if (subtype === 'update') {
    c.type('info');
    c.category('host');
    c.category('malware');
  }
  if (subtype === 'user') c.category('authentication');

  const dstip = c.take(K.dstip) ?? c.take(K.remip);
  if (dstip !== undefined) destination.ip = dstip;
  setPort(destination, 'port', c.get(K.dstport));
  if (destination.port === undefined) setPort(destination, 'port', c.get(K.remport));
  setPort(destination, 'bytes', c.get(K.rcvdbyte));
  const daddr = c.take(K.daddr) ?? c.take(K.dst_host);
  if (daddr !== undefined) destination.address = daddr;
  const group = c.take(K.group);
  if (group !== undefined) userOf(source).group = { name: group };
  setPort(source, 'bytes', c.get(K.sentbyte));
  const srcip = c.take(K.srcip) ?? c.take(K.locip);
  if (srcip !== undefined) source.ip = srcip;
  const srcmac = c.take(K.srcmac) ?? c.take(K.source_mac);
  if (srcmac !== undefined) source.mac = srcmac;
  setPort(source, 'port', c.get(K.srcport));
  if (source.port === undefined) setPort(source, 'port', c.get(K.locport));
  const user = c.take(K.user);
  if (user !== undefined) userOf(source).name = user;
  const saddr = c.take(K.saddr);
  if (saddr !== undefined) source.address = saddr;
  const agent = c.take(K.agent);
  if (agent !== undefined) c.doc.user_agent = { original: agent };
  const file = c.take(K.file);
  const filesize = toInt(c.get(K.filesize));
  if (file !== undefined || filesize !== undefined) {
    const f = child(c.doc, 'file');
    if (file !== undefined) f.name = file;
    if (filesize !== undefined) f.size = filesize;
  }
  const logid = c.take(K.logid);
  if (logid !== undefined && event.code === undefined) event.code = logid;
  const policyid = c.take(K.policyid);
  if (policyid !== undefined) rule.id = policyid;
  const proto = c.take(K.proto);
  if (proto !== undefined) network.iana_number = proto;
  const service = c.take(K.service);
  if (service !== undefined) network.protocol = service.toLowerCase();
  const errorNum = c.take(K.error_num);
  if (errorNum !== undefined) c.doc.error = { code: errorNum };
  const logdesc = c.take(K.logdesc);
  if (logdesc !== undefined) rule.description = logdesc;
  const addr = c.get(K.addr);
  if (addr !== undefined && c.rec.vals[K.addrgrp] === undefined && !isIp(addr)) {
    c.drop(K.addr);
    c.rec.set('addrgrp', addr);
  }
  setUrl(c, c.take(K.url));
  const hostname = c.take(K.hostname);
  if (hostname !== undefined) c.url.domain = hostname;
  const sessDuration = toInt(c.get(K.sess_duration));
  if (sessDuration !== undefined && event.duration === undefined) event.duration = sessDuration;
  for (const k of EVENT_DROPPED) c.drop(k);
}

/** Elastic `utm` pipeline (types utm and dns). */
function mapUtm(c: Ctx): void {
  const { event, source, destination, network, rule, doc } = c;
  event.kind = 'event';
  const action = c.get(K.action);
  if (action === 'block' || action === 'blocked') c.type('denied');
  if (c.get(K.subtype) === 'dns') c.type('info');
  if (action === 'pass' || action === 'passthrough') c.type('allowed');
  if (action !== undefined) event.outcome = 'success';
  c.category('network');

  const dstip = c.take(K.dstip) ?? c.take(K.remip);
  if (dstip !== undefined) destination.ip = dstip;
  setPort(destination, 'port', c.get(K.dst_port));
  if (destination.port === undefined) setPort(destination, 'port', c.get(K.remport));
  if (destination.port === undefined) setPort(destination, 'port', c.get(K.dstport));
  setPort(destination, 'bytes', c.get(K.rcvdbyte));
  const recipient = c.take(K.recipient);
  if (recipient !== undefined) child(child(doc, 'email'), 'to').address = [recipient];
  const group = c.take(K.group);
  if (group !== undefined) userOf(source).group = { name: group };
  const locip = c.take(K.locip);
  if (locip !== undefined) source.ip = locip;
  setPort(source, 'port', c.get(K.locport));
  if (source.port === undefined) setPort(source, 'port', c.get(K.src_port));
  if (source.port === undefined) setPort(source, 'port', c.get(K.srcport));
  setPort(source, 'bytes', c.get(K.sentbyte));
  const srcdomain = c.take(K.srcdomain);
  if (srcdomain !== undefined) source.domain = srcdomain;
  if (source.ip === undefined) {
    const srcip = c.take(K.srcip);
    if (srcip !== undefined) source.ip = srcip;
  }
  const method = c.take(K.httpmethod);
  const referrer = c.take(K.referralurl);
  if (method !== undefined || referrer !== undefined) {
    const req: Rec = {};
    if (method !== undefined) req.method = method;
    if (referrer !== undefined) req.referrer = referrer;
    doc.http = { request: req };
  }
  const srcmac = c.take(K.srcmac);
  if (srcmac !== undefined) source.mac = srcmac;
  const user = c.take(K.unauthuser) ?? c.take(K.user);
  if (user !== undefined) userOf(source).name = user;
  const sender = c.get(K.sender);
  if (sender !== undefined) child(child(doc, 'email'), 'sender').address = [sender];
  const from = c.get(K.from);
  if (from !== undefined) child(child(doc, 'email'), 'from').address = [from];
  const agent = c.take(K.agent);
  if (agent !== undefined) doc.user_agent = { original: agent };
  const app = c.take(K.app);
  if (app !== undefined) network.application = app;
  const appcat = c.take(K.appcat);
  if (appcat !== undefined) rule.category = appcat;
  const applist = c.take(K.applist);
  if (applist !== undefined) rule.ruleset = applist;
  if (rule.category === undefined) {
    const catdesc = c.take(K.catdesc);
    if (catdesc !== undefined) rule.category = catdesc;
  }
  if (typeof rule.category === 'string') rule.category = rule.category.replaceAll('.', '-');
  const error = c.take(K.error);
  if (error !== undefined) event.message = error;
  const errorcode = c.take(K.errorcode);
  if (errorcode !== undefined) event.code = errorcode;
  const eventId = c.take(K.event_id) ?? c.take(K.eventid);
  if (eventId !== undefined) event.id = eventId;
  const file: Rec = {};
  const filename = c.take(K.filename) ?? c.take(K.infectedfilename) ?? c.take(K.matchedfilename);
  if (filename !== undefined) file.name = filename;
  const filesize = toInt(c.get(K.filesize));
  if (filesize !== undefined) file.size = filesize;
  else {
    const infectedSize = c.take(K.infectedfilesize);
    if (infectedSize !== undefined) file.size = toInt(infectedSize) ?? infectedSize;
  }
  const ext = c.take(K.filetype) ?? c.take(K.infectedfiletype) ?? c.take(K.matchedfiletype);
  if (ext !== undefined) file.extension = ext;
  if (!isEmpty(file)) doc.file = file;
  const ipaddr = c.take(K.ipaddr);
  const dns: Rec = {};
  if (ipaddr !== undefined) dns.resolved_ip = ipaddr.split(', ');
  const logid = c.take(K.logid);
  if (logid !== undefined && event.code === undefined) event.code = logid;
  const policyId = c.take(K.policy_id);
  if (policyId !== undefined) rule.id = policyId;
  if (rule.id === undefined) {
    const policyid = c.take(K.policyid);
    if (policyid !== undefined) rule.id = policyid;
  }
  if (rule.ruleset === undefined) {
    const profile = c.take(K.profile);
    if (profile !== undefined) rule.ruleset = profile;
  }
  const proto = c.take(K.proto);
  if (proto !== undefined) network.iana_number = proto;
  const qclass = c.take(K.qclass);
  const qname = c.take(K.qname);
  const qtype = c.take(K.qtype);
  if (qclass !== undefined || qname !== undefined || qtype !== undefined) {
    const q: Rec = {};
    if (qclass !== undefined) q.class = qclass;
    if (qname !== undefined) q.name = qname;
    if (qtype !== undefined) q.type = qtype;
    dns.question = q;
  }
  const service = c.take(K.service);
  if (service !== undefined) network.protocol = service.toLowerCase();
  const url = c.take(K.url);
  setUrl(c, url);
  const hostname = c.take(K.hostname);
  if (hostname !== undefined) {
    c.url.domain = hostname;
    if (url !== undefined && url.charCodeAt(0) === 47 && c.url.full === undefined && c.url.original === undefined) {
      c.url.full = `${service?.toUpperCase() === 'HTTPS' ? 'https' : 'http'}://${hostname}${url}`;
    }
  }
  const xid = c.take(K.xid);
  if (xid !== undefined) dns.id = xid;
  if (!isEmpty(dns)) doc.dns = dns;
  mapTls(c);
  const dtype = c.get(K.dtype);
  if (dtype !== undefined) doc.vulnerability = { category: [dtype] };
  const ref = c.take(K.ref);
  if (ref !== undefined) event.reference = ref;
  const filehash = c.take(K.filehash);
  if (filehash !== undefined) {
    doc.fortinet = { file: { hash: { crc32: filehash } } };
    const rh = ((doc.relatedHash as string[] | undefined) ??= []);
    addUnique(rh, filehash);
    doc.relatedHash = rh;
  }
  for (const k of UTM_DROPPED) c.drop(k);
}

/** TLS fields of utm ssl / ssl-anomaly logs (Elastic `utm` pipeline). */
function mapTls(c: Ctx): void {
  const tls: Rec = {};
  const server: Rec = {};
  const serverX509: Rec = {};
  const client: Rec = {};
  const scertcname = c.get(K.scertcname);
  if (scertcname !== undefined) serverX509.subject = { common_name: [scertcname] };
  const issuer = c.take(K.scertissuer) ?? c.take(K.sender) ?? c.take(K.issuer);
  if (issuer !== undefined) {
    server.issuer = issuer;
    serverX509.issuer = { common_name: [issuer] };
  }
  const ccertissuer = c.take(K.ccertissuer);
  if (ccertissuer !== undefined) {
    client.issuer = ccertissuer;
    client.x509 = { issuer: { common_name: [ccertissuer] } };
  }
  const algo = c.take(K.authalgo) ?? c.take(K.keyalgo);
  if (algo !== undefined) {
    serverX509.public_key_algorithm = algo;
    client.x509 = { ...((client.x509 as Rec | undefined) ?? {}), public_key_algorithm: algo };
  }
  const notbefore = c.take(K.notbefore);
  if (notbefore !== undefined) {
    server.not_before = notbefore;
    serverX509.not_before = notbefore;
  }
  const notafter = c.take(K.notafter);
  if (notafter !== undefined) {
    server.not_after = notafter;
    serverX509.not_after = notafter;
  }
  const keysize = c.take(K.keysize);
  if (keysize !== undefined) serverX509.public_key_size = toInt(keysize) ?? keysize;
  const sn = c.take(K.sn);
  if (sn !== undefined) serverX509.serial_number = sn;
  const certhash = c.take(K.certhash);
  if (certhash !== undefined) {
    server.hash = { sha1: certhash };
    const rh = ((c.doc.relatedHash as string[] | undefined) ??= []);
    addUnique(rh, certhash);
  }
  const san = c.get(K.san);
  const cn = c.get(K.cn);
  if (san !== undefined || cn !== undefined) {
    const names = san !== undefined ? san.split(';') : [];
    if (cn !== undefined && !names.includes(cn)) names.push(cn);
    serverX509.alternative_names = names;
  }
  const kxcurve = c.take(K.kxcurve);
  if (kxcurve !== undefined) tls.curve = kxcurve;
  const cipher = c.take(K.cipher);
  if (cipher !== undefined) tls.cipher = cipher;
  const sni = c.take(K.sni);
  if (sni !== undefined) {
    client.server_name = sni;
    if (c.destination.domain === undefined) c.destination.domain = sni;
  }
  if (c.get(K.handshake) === 'full') tls.established = true;
  const tlsver = c.get(K.tlsver);
  if (tlsver !== undefined) {
    const lower = tlsver.toLowerCase();
    let k = 0;
    while (k < lower.length && (lower.charCodeAt(k) < 48 || lower.charCodeAt(k) > 57)) k++;
    if (k < lower.length) {
      tls.version_protocol = lower.slice(0, k);
      const v = lower.slice(k);
      tls.version = v.includes('.') ? v : `${v}.0`;
    }
  }
  if (!isEmpty(serverX509)) server.x509 = serverX509;
  if (!isEmpty(server)) tls.server = server;
  if (!isEmpty(client)) tls.client = client;
  if (!isEmpty(tls)) c.doc.tls = tls;
}

/** Elastic `login` pipeline: messages containing "login" / "logged in". */
function mapLogin(c: Ctx, message: string, log: Rec): void {
  const { event, source, doc } = c;
  event.kind = 'event';
  if (event.action === undefined) event.action = 'login';
  c.category('authentication');
  const user: Rec = {};
  const srcUser = source.user as Rec | undefined;
  if (srcUser?.name !== undefined) user.name = srcUser.name;
  const roles: string[] = [];
  const adminprof = c.take(K.adminprof);
  if (adminprof !== undefined) roles.push(adminprof);
  const userfrom = c.take(K.userfrom);
  if (userfrom !== undefined && userfrom.startsWith('JSON(') && userfrom.endsWith(')')) {
    source.ip = userfrom.slice(5, -1);
  }
  let outcome: string | undefined;
  const desc = c.get(K.desc);
  if (message.startsWith('user') && desc !== undefined && desc.startsWith('User login/logout ')) {
    outcome = desc.slice('User login/logout '.length);
  }
  if (message.startsWith('Login from ssh: ')) {
    // "Login from ssh: <outcome> for <user> from <ip> port <port>"
    const m = /^Login from ssh: (\S+) for (.+) from (\S+) port (\S+)$/.exec(message);
    if (m !== null) {
      outcome = m[1];
      user.name = m[2];
      source.ip = m[3];
      source.port = m[4];
    }
  } else if (message.startsWith('Administrator')) {
    if (!message.toLowerCase().includes('logged in')) {
      // "<role> <user> login <outcome> from <ui>(<ip>) <rest>"
      const m = /^(\S+) (\S+) login (\S+) from [^(]*\(([^)]*)\) /.exec(message);
      if (m !== null) {
        roles.push(m[1]!);
        user.name = m[2];
        outcome = m[3];
        source.ip = m[4];
      }
    } else {
      // "<role> <user> logged in <outcome> from <ui>(<ip>)"
      const m = /^(\S+) (\S+) logged in (\S+) from [^(]*\(([^)]*)\)/.exec(message);
      if (m !== null) {
        roles.push(m[1]!);
        user.name = m[2];
        outcome = m[3];
        source.ip = m[4];
      }
    }
  }
  if (outcome !== undefined) {
    const lo = outcome.toLowerCase();
    event.outcome = lo.startsWith('fail') ? 'failure' : lo.startsWith('success') ? 'success' : outcome;
  }
  const logId = c.take(K.log_id);
  if (logId !== undefined) event.id = logId;
  const pri = c.take(K.pri);
  if (pri !== undefined && log.level === undefined) log.level = pri;
  if (typeof source.port === 'string') {
    const p = toInt(source.port);
    if (p !== undefined) source.port = p;
    else delete source.port;
  }
  if (roles.length > 0) {
    const uniq = [...new Set(roles)];
    user.roles = uniq;
    userOf(source).roles = [...uniq];
  }
  if (user.name !== undefined) {
    if (srcUser?.name === undefined) userOf(source).name = user.name;
  }
  if (!isEmpty(user)) doc.user = user;
  for (const k of LOGIN_DROPPED) c.drop(k);
}
