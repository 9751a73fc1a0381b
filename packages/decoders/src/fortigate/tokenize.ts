/**
 * Single-pass tokenizer for FortiOS `key=value` bodies.
 *
 * - key: `[A-Za-z0-9_]+` directly followed by `=`; anything else up to the next separator is skipped;
 * - value: `"..."` with `\"` → `"` and `\\` → `\` (other backslashes kept), `=` and spaces allowed inside;
 *   an unterminated quote runs to the end of the line; unquoted values run to the next separator;
 * - separator: space (default format) or `,` (FortiOS `csv` format); control characters (NUL, tab…)
 *   outside quotes separate too and are dropped inside quoted values;
 * - a repeated key keeps its first value (FortiAnalyzer repeats `tz`).
 */

/** Parsed pairs: key → value, null prototype (keys come from the wire). */
export type KvMap = Record<string, string>;

export interface KvResult {
  kv: KvMap;
  /** Number of pairs read (repeated keys included). */
  pairs: number;
  /** True when the last quoted value had no closing quote. */
  unterminated: boolean;
}

const isKeyChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** Reads key=value pairs of `s` from `start`; `sep` is 32 (space) or 44 (comma). */
export function tokenizeKv(s: string, start: number, sep: number): KvResult {
  const kv: KvMap = Object.create(null) as KvMap;
  const n = s.length;
  let i = start;
  let pairs = 0;
  let unterminated = false;
  while (i < n) {
    let c = s.charCodeAt(i);
    // skip separators and control characters
    if (c === sep || c <= 32 || c === 127) {
      i++;
      continue;
    }
    const keyStart = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === keyStart || i >= n || s.charCodeAt(i) !== 61) {
      i = skipToken(s, i, sep);
      continue;
    }
    const key = s.slice(keyStart, i);
    i++; // '='
    let value: string;
    if (i < n && s.charCodeAt(i) === 34) {
      i++;
      const vStart = i;
      let simple = true;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 || c < 32 || c === 127) simple = false;
        if (c === 92 && i + 1 < n) i++;
        i++;
      }
      const vEnd = i < n ? i : n;
      if (i >= n) unterminated = true;
      value = simple ? s.slice(vStart, vEnd) : unescape(s, vStart, vEnd);
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
    if (kv[key] === undefined && key !== '__proto__') kv[key] = value;
  }
  return { kv, pairs, unterminated };
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
