/**
 * Single-pass tokenizer for FortiOS `key=value` bodies.
 *
 * - key: `[A-Za-z0-9_]+` directly followed by `=`; anything else up to the next separator is skipped;
 * - value: `"..."` with `\"` → `"` and `\\` → `\` (other backslashes kept), `=` and spaces allowed inside;
 *   an unterminated quote runs to the end of the line; unquoted values run to the next separator;
 * - separator: space (default format) or `,` (FortiOS `csv` format); control characters (NUL, tab…)
 *   outside quotes separate too and are dropped inside quoted values;
 * - a repeated key keeps its first value (FortiAnalyzer repeats `tz`).
 *
 * Keys FortiOS commonly sends are recognised from the characters without building a string
 * (a precomputed hash table); their values land in a slot array. Other keys are sliced.
 */
import { KNOWN_KEYS } from './keys.js';

const KEY_COUNT = KNOWN_KEYS.length;
const TABLE_BITS = 11;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE = new Int16Array(TABLE_SIZE).fill(-1);
/** Characters of every known key, back to back (`KEY_OFF[id]`..`KEY_OFF[id + 1]`), for a compare without string loads. */
const KEY_OFF = new Int32Array(KEY_COUNT + 1);
const KEY_CHARS = new Uint16Array(KNOWN_KEYS.reduce((n, k) => n + k.length, 0));
/** Per-slot copy of the id's hash and key length, so a probe touches typed arrays only. */
const SLOT_HASH = new Int32Array(TABLE_SIZE);
const SLOT_LEN = new Int32Array(TABLE_SIZE);

const hashStep = (h: number, c: number): number => (Math.imul(h, 31) + c) | 0;
const mix = (h: number): number => {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) & TABLE_MASK;
};

/** Key → slot id (also used for lookups by name). */
export const KEY_ID: ReadonlyMap<string, number> = new Map(KNOWN_KEYS.map((k, i) => [k, i]));

for (let id = 0; id < KEY_COUNT; id++) {
  const k = KNOWN_KEYS[id]!;
  let h = 0;
  for (let i = 0; i < k.length; i++) h = hashStep(h, k.charCodeAt(i));
  let slot = mix(h);
  while (TABLE[slot] !== -1) slot = (slot + 1) & TABLE_MASK;
  TABLE[slot] = id;
  SLOT_HASH[slot] = h;
  SLOT_LEN[slot] = k.length;
}
for (let id = 0, off = 0; id < KEY_COUNT; id++) {
  const k = KNOWN_KEYS[id]!;
  KEY_OFF[id] = off;
  for (let i = 0; i < k.length; i++) KEY_CHARS[off++] = k.charCodeAt(i);
  KEY_OFF[id + 1] = off;
}

function lookup(s: string, start: number, end: number, h: number): number {
  const len = end - start;
  let slot = mix(h);
  for (;;) {
    const id = TABLE[slot]!;
    if (id === -1) return -1;
    if (SLOT_HASH[slot] === h && SLOT_LEN[slot] === len) {
      const off = KEY_OFF[id]!;
      let i = 0;
      while (i < len && KEY_CHARS[off + i] === s.charCodeAt(start + i)) i++;
      if (i === len) return id;
    }
    slot = (slot + 1) & TABLE_MASK;
  }
}

/**
 * The pairs of one message. Values of known keys sit in `vals[id]`; `order` lists the ids in
 * arrival order; unknown keys are kept in `extraKeys`/`extraVals`. `consumed` marks values moved
 * to ECS (they leave the vendor namespace).
 */
export class KvRecord {
  readonly vals: (string | undefined)[] = new Array<string | undefined>(KEY_COUNT).fill(undefined);
  readonly consumed = new Uint8Array(KEY_COUNT);
  readonly order: number[] = [];
  readonly extraKeys: string[] = [];
  readonly extraVals: string[] = [];
  pairs = 0;
  unterminated = false;
  /** Offset of the last key read (to drop a pair cut by truncation). */
  lastKeyStart = -1;
  lastKeyEnd = -1;

  /** Empties the record for reuse (only the slots used by the previous message are touched). */
  reset(): void {
    for (const id of this.order) {
      this.vals[id] = undefined;
      this.consumed[id] = 0;
    }
    this.order.length = 0;
    this.extraKeys.length = 0;
    this.extraVals.length = 0;
    this.pairs = 0;
    this.unterminated = false;
    this.lastKeyStart = -1;
    this.lastKeyEnd = -1;
  }

  /** Empties a value (it reads as absent everywhere). */
  clear(key: string): void {
    const id = KEY_ID.get(key);
    if (id !== undefined) {
      if (this.vals[id] !== undefined) this.vals[id] = '';
    } else {
      const i = this.extraKeys.indexOf(key);
      if (i >= 0) this.extraVals[i] = '';
    }
  }

  /** Sets a value by key name (first value wins). */
  set(key: string, value: string): void {
    this.pairs++;
    const id = KEY_ID.get(key);
    if (id !== undefined) {
      if (this.vals[id] === undefined) {
        this.vals[id] = value;
        this.order.push(id);
      }
    } else if (key !== '__proto__' && !this.extraKeys.includes(key)) {
      this.extraKeys.push(key);
      this.extraVals.push(value);
    }
  }

  /** Raw value by key name, `undefined` when absent. */
  raw(key: string): string | undefined {
    const id = KEY_ID.get(key);
    if (id !== undefined) return this.vals[id];
    const i = this.extraKeys.indexOf(key);
    return i < 0 ? undefined : this.extraVals[i];
  }

  /** Marks a key as moved out of the vendor namespace. */
  consume(key: string): void {
    const id = KEY_ID.get(key);
    if (id !== undefined) this.consumed[id] = 1;
    else {
      const i = this.extraKeys.indexOf(key);
      if (i >= 0) {
        this.extraKeys.splice(i, 1);
        this.extraVals.splice(i, 1);
      }
    }
  }

  /** Plain key → value object of what is left (or of everything with `all`). */
  toObject(all = false): Record<string, string> {
    const out = Object.create(null) as Record<string, string>;
    for (const id of this.order) {
      if (all || this.consumed[id] === 0) out[KNOWN_KEYS[id]!] = this.vals[id]!;
    }
    for (let i = 0; i < this.extraKeys.length; i++) out[this.extraKeys[i]!] = this.extraVals[i]!;
    return out;
  }
}

/** Reads key=value pairs of `s` from `start` into `rec` (reset first); `sep` is 32 (space) or 44 (comma). */
export function scanKv(s: string, start: number, sep: number, rec: KvRecord): void {
  rec.reset();
  const vals = rec.vals;
  const order = rec.order;
  const n = s.length;
  let pairs = 0;
  let lastKeyStart = -1;
  let lastKeyEnd = -1;
  let unterminated = false;
  let i = start;
  while (i < n) {
    let c = s.charCodeAt(i);
    if (c === sep || c <= 32 || c === 127) {
      i++;
      continue;
    }
    const keyStart = i;
    let h = 0;
    while (i < n) {
      c = s.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) break;
      h = (Math.imul(h, 31) + c) | 0;
      i++;
    }
    if (i === keyStart || i >= n || c !== 61) {
      i = skipToken(s, i, sep);
      continue;
    }
    const keyEnd = i;
    i++; // '='
    let value: string;
    if (i < n && s.charCodeAt(i) === 34) {
      i++;
      const vStart = i;
      let simple = true;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 || c < 32 || c === 127) {
          simple = false;
          if (c === 92 && i + 1 < n) i++;
        }
        i++;
      }
      if (i >= n) unterminated = true;
      value = simple ? s.slice(vStart, i) : unescape(s, vStart, Math.min(i, n));
      if (i < n) i++; // closing quote
    } else {
      const vStart = i;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c === sep || c <= 32 || c === 127) break;
        i++;
      }
      value = s.slice(vStart, i);
    }
    pairs++;
    lastKeyStart = keyStart;
    lastKeyEnd = keyEnd;
    const id = lookup(s, keyStart, keyEnd, h);
    if (id >= 0) {
      if (vals[id] === undefined) {
        vals[id] = value;
        order.push(id);
      }
    } else {
      const key = s.slice(keyStart, keyEnd);
      if (key !== '__proto__' && !rec.extraKeys.includes(key)) {
        rec.extraKeys.push(key);
        rec.extraVals.push(value);
      }
    }
  }
  rec.pairs = pairs;
  rec.lastKeyStart = lastKeyStart;
  rec.lastKeyEnd = lastKeyEnd;
  rec.unterminated = unterminated;
}

/** Skips a token that is not `key=value`, honouring a quoted value after an `=` inside it. */
function skipToken(s: string, i: number, sep: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === sep || c <= 32 || c === 127) return i;
    if (c === 61 && s.charCodeAt(i + 1) === 34) {
      i += 2;
      while (i < n && s.charCodeAt(i) !== 34) i += s.charCodeAt(i) === 92 ? 2 : 1;
      return i + 1;
    }
    i++;
  }
  return i;
}

function unescape(s: string, from: number, to: number): string {
  let out = '';
  let runStart = from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < to) {
      const next = s.charCodeAt(i + 1);
      if (next === 34 || next === 92) {
        out += s.slice(runStart, i);
        runStart = i + 1; // keep the escaped char
        i++;
      }
    } else if (c < 32 || c === 127) {
      out += s.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return out + s.slice(runStart, to);
}

/** Parsed pairs as a plain object (null prototype). */
export type KvMap = Record<string, string>;

export interface KvResult {
  kv: KvMap;
  /** Number of pairs read (repeated keys included). */
  pairs: number;
  /** True when the last quoted value had no closing quote. */
  unterminated: boolean;
}

/** Convenience form of {@link scanKv}: a fresh key → value object (first value of a repeated key). */
export function tokenizeKv(s: string, start: number, sep: number): KvResult {
  const rec = new KvRecord();
  scanKv(s, start, sep, rec);
  return { kv: rec.toObject(true), pairs: rec.pairs, unterminated: rec.unterminated };
}
