import type { EcsDocument } from '@pullwatch/core';
import type { FactField } from './rules/types.js';
import type { ClassifierVendor } from './taxonomy.js';

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * What the rules see of one decoded line. This is the only place that knows the decoders'
 * field names (see rules/types.ts `FactField` for the table); every fact is a string ('' when
 * absent) so conditions never meet `undefined`.
 */
export interface LineFacts extends Record<FactField, string> {
  vendor: ClassifierVendor;
  /** The text vendor rules match: the message plus the vendor fields that carry the reason. */
  text: string;
  /** `text` with every `scheme://...` URL replaced by `<url>`: generic rules match this. */
  bare: string;
  /** HTTP status the decoder extracted (`http.response.status_code`). */
  status: number | undefined;
  /** Feed name from a structured field (alias, object, cfgobj...). */
  name: string | undefined;
  /** Feed URL from a structured field (`url.original`). */
  url: string | undefined;
  /** `url.domain`, lower-case. */
  domain: string | undefined;
  /** The first URL in `text`, if any. */
  firstUrl: string | undefined;
  /** `text`, lower-cased once on first use. */
  lowerText(): string;
  /** `bare`, lower-cased once on first use. */
  lowerBare(): string;
  /**
   * Whether the lower-cased `text` (or `bare`) contains one of `words` (lower-case literals): the
   * rows' `contains` gates. A bigram filter built once per text rules out most words without a
   * scan, so a line can be tested against many rows' words cheaply.
   */
  containsAny(words: readonly string[], bare: boolean): boolean;
}

/** Bits of a 4096-bit set of the (hashed) character pairs of a text: a filter with false positives only. */
const BIGRAM_BITS = 4096;
const bigramHash = (a: number, b: number): number => ((a << 5) ^ b) & (BIGRAM_BITS - 1);

/** Fills `set` with the character pairs of `lower`. */
function fillBigrams(set: Uint32Array, lower: string): void {
  set.fill(0);
  let prev = lower.charCodeAt(0);
  for (let i = 1; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const h = bigramHash(prev, c);
    set[h >>> 5]! |= 1 << (h & 31);
    prev = c;
  }
}

/**
 * Two reused pair sets (text, URL-free text) and the line each was built for: classification is
 * synchronous, one line at a time, so no allocation per line.
 */
const TEXT_PAIRS = new Uint32Array(BIGRAM_BITS / 32);
const BARE_PAIRS = new Uint32Array(BIGRAM_BITS / 32);
let textPairsOf = 0;
let barePairsOf = 0;
let lineSeq = 0;

/** False when some character pair of `word` is missing from the set (then the text cannot contain it). */
function mayContain(set: Uint32Array, word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    const h = bigramHash(word.charCodeAt(i - 1), word.charCodeAt(i));
    if ((set[h >>> 5]! & (1 << (h & 31))) === 0) return false;
  }
  return true;
}

/** The facts object: plain fields plus the two lazily lower-cased texts (one class, one shape). */
class Facts implements LineFacts {
  program = '';
  logid = '';
  logdesc = '';
  type = '';
  subtype = '';
  eventid = '';
  action = '';
  cfgpath = '';
  cfgattr = '';
  text: string;
  bare: string;
  status: number | undefined = undefined;
  name: string | undefined = undefined;
  url: string | undefined;
  domain: string | undefined;
  firstUrl: string | undefined = undefined;
  #lowerText: string | undefined = undefined;
  #lowerBare: string | undefined = undefined;
  readonly #seq = ++lineSeq;

  constructor(
    readonly vendor: ClassifierVendor,
    message: string,
    url: string | undefined,
    domain: string | undefined,
  ) {
    this.text = message;
    this.bare = message;
    this.url = url;
    this.domain = domain;
  }

  lowerText(): string {
    return (this.#lowerText ??= this.text.toLowerCase());
  }

  lowerBare(): string {
    return (this.#lowerBare ??= this.bare === this.text ? this.lowerText() : this.bare.toLowerCase());
  }

  containsAny(words: readonly string[], bare: boolean): boolean {
    const same = !bare || this.bare === this.text;
    const lower = same ? this.lowerText() : this.lowerBare();
    let pairs: Uint32Array;
    if (same) {
      if (textPairsOf !== this.#seq) {
        fillBigrams(TEXT_PAIRS, lower);
        textPairsOf = this.#seq;
      }
      pairs = TEXT_PAIRS;
    } else {
      if (barePairsOf !== this.#seq) {
        fillBigrams(BARE_PAIRS, lower);
        barePairsOf = this.#seq;
      }
      pairs = BARE_PAIRS;
    }
    for (const w of words) if (mayContain(pairs, w) && lower.includes(w)) return true;
    return false;
  }
}

const isSchemeChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
const isUrlEnd = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 124 || c === 34 || c === 39 || c === 40 || c === 41 || c === 60 || c === 62 || c === 93;

/**
 * Where the URLs of `text` are (`scheme://...` up to a space, `|`, a quote, a bracket or `<>`),
 * as [start, end) pairs. A scan for `://`, no regular expression: this runs on every selected line.
 */
export function urlSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const sep = text.indexOf('://', from);
    if (sep < 0) return spans;
    let start = sep;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    let end = sep + 3;
    while (end < text.length && !isUrlEnd(text.charCodeAt(end))) end++;
    if (start < sep && end > sep + 3) spans.push([start, end]);
    from = end;
  }
}

/** `text` with each URL replaced by `<url>`. */
function blankUrls(text: string, spans: ReadonlyArray<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [a, b] of spans) {
    out += `${text.slice(at, a)}<url>`;
    at = b;
  }
  return out + text.slice(at);
}

function join(parts: Array<string | undefined>): string {
  let out = '';
  for (const p of parts) {
    if (p === undefined || p.length === 0) continue;
    out = out.length === 0 ? p : `${out} | ${p}`;
  }
  return out;
}

/** Last token of a PAN-OS configuration path (`vsys  vsys1 external-list  CrowdSec_BL` → `CrowdSec_BL`). */
function lastPathToken(path: string): string | undefined {
  const parts = path.trim().split(/\s+/);
  const i = parts.indexOf('external-list');
  return i >= 0 && i + 1 < parts.length ? parts[i + 1] : undefined;
}

/** Builds the facts of a line the pre-check selected. */
export function lineFacts(doc: EcsDocument, vendor: ClassifierVendor): LineFacts {
  const event = obj(doc.event) ?? {};
  const message = str(doc.message) ?? '';
  const url = obj(doc.url);
  const f = new Facts(vendor, message, str(url?.original) ?? str(url?.full), str(url?.domain)?.toLowerCase());
  const status = obj(obj(doc.http)?.response)?.status_code;
  if (typeof status === 'number') f.status = status;

  switch (vendor) {
    case 'fortigate': {
      const fw = obj(obj(doc.fortinet)?.firewall) ?? {};
      f.logid = str(event.code) ?? str(fw.logid) ?? '';
      f.logdesc = str(obj(doc.rule)?.description) ?? str(fw.logdesc) ?? '';
      f.type = str(fw.type) ?? '';
      f.subtype = str(fw.subtype) ?? '';
      f.action = str(fw.action) ?? str(event.action) ?? '';
      f.cfgpath = str(fw.cfgpath) ?? '';
      f.cfgattr = str(fw.cfgattr) ?? '';
      f.name = str(fw.cfgobj);
      // The reason of a threat-feed failure is in `reason` (event.reason after decoding), maybe `status` and `desc`.
      f.text = join([message || str(fw.msg), str(event.reason) ?? str(fw.reason), str(fw.status), str(fw.desc), str(fw.url), f.url]);
      break;
    }
    case 'panos': {
      const panos = obj(obj(doc.panw)?.panos) ?? {};
      f.type = str(panos.type) ?? '';
      f.subtype = str(panos.sub_type) ?? '';
      if (f.type === 'CONFIG') {
        f.action = str(panos.cmd) ?? '';
        f.cfgpath = str(panos.path) ?? '';
        f.cfgattr = str(panos.after_change_detail) ?? '';
        f.name = lastPathToken(f.cfgpath);
        f.text = join([f.cfgpath.trim(), str(panos.before_change_detail), f.cfgattr]);
      } else {
        f.eventid = str(event.code) ?? str(panos.event_id) ?? '';
        f.name = str(obj(panos.object)?.id) ?? str(panos.object);
        f.text = str(panos.description) ?? message;
      }
      break;
    }
    case 'pfsense':
    case 'opnsense': {
      f.program = str(obj(doc.process)?.name)?.toLowerCase() ?? '';
      f.action = str(event.action) ?? '';
      const ns = obj(doc[vendor]) ?? {};
      f.name =
        str(obj(ns.url_table)?.alias) ?? str(obj(ns.alias)?.name) ?? str(obj(ns.pfblockerng)?.header) ?? str(obj(ns.pfblockerng)?.alias);
      break;
    }
  }
  f.bare = f.text;
  if (f.text.indexOf('://') >= 0) {
    const spans = urlSpans(f.text);
    if (spans.length > 0) {
      f.bare = blankUrls(f.text, spans);
      f.firstUrl = f.text.slice(spans[0]![0], spans[0]![1]);
    }
  }
  return f;
}
