import type { StructuredData } from './types.js';

const SP = 0x20;
const QUOTE = 0x22;
const EQ = 0x3d;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;

/** `obj[key] = value` as an own data property, also for `__proto__` (which `=` would treat as the prototype). */
function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Result of `parseStructuredData`: the elements and the position after the last `]`. */
export interface SdResult {
  data: StructuredData;
  end: number;
}

/** An SD-NAME (SD-ID or PARAM-NAME) ends at `=`, space, `]` or `"`; returns its end or -1 when empty. */
function nameEnd(s: string, pos: number): number {
  let p = pos;
  for (;;) {
    const c = s.charCodeAt(p);
    if (c !== c || c === EQ || c === SP || c === CLOSE || c === QUOTE) break; // c !== c: NaN, end of string
    p++;
  }
  return p === pos ? -1 : p;
}

/**
 * RFC 5424 STRUCTURED-DATA tokenizer, starting at the `[` at `pos`: one or more SD-ELEMENTs
 * `[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]`. In values, `\"`, `\\` and `\]` are unescaped; any
 * other backslash is kept as is (RFC 5424 §6.3.3). A `]` inside a quoted value does not end
 * the element. Elements with the same SD-ID are merged (later params win). Returns null when
 * the text is not well-formed SD, in which case the caller treats it as part of MSG.
 *
 * SD-IDs and param names are own data properties: `__proto__`, `constructor` and the like are
 * stored as plain keys, never touching a prototype.
 */
export function parseStructuredData(s: string, pos: number): SdResult | null {
  const data: StructuredData = {};
  let p = pos;
  while (s.charCodeAt(p) === OPEN) {
    const idEnd = nameEnd(s, p + 1);
    if (idEnd < 0) return null;
    const id = s.slice(p + 1, idEnd);
    let params = Object.hasOwn(data, id) ? data[id] : undefined;
    if (params === undefined) {
      params = {};
      setOwn(data, id, params);
    }
    p = idEnd;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === CLOSE) {
        p++;
        break;
      }
      if (c !== SP) return null;
      while (s.charCodeAt(p) === SP) p++;
      if (s.charCodeAt(p) === CLOSE) continue;
      const keyEnd = nameEnd(s, p);
      if (keyEnd < 0 || s.charCodeAt(keyEnd) !== EQ || s.charCodeAt(keyEnd + 1) !== QUOTE) return null;
      const key = s.slice(p, keyEnd);
      const valueStart = keyEnd + 2;
      let q = valueStart;
      let value = '';
      let chunkStart = valueStart;
      for (;;) {
        const v = s.charCodeAt(q);
        if (v !== v) return null; // unterminated value
        if (v === QUOTE) break;
        if (v === BACKSLASH) {
          const next = s.charCodeAt(q + 1);
          if (next === QUOTE || next === BACKSLASH || next === CLOSE) {
            value += s.slice(chunkStart, q);
            chunkStart = q + 1;
            q += 2;
            continue;
          }
        }
        q++;
      }
      value = chunkStart === valueStart ? s.slice(valueStart, q) : value + s.slice(chunkStart, q);
      setOwn(params, key, value);
      p = q + 1;
    }
  }
  return p === pos ? null : { data, end: p };
}
