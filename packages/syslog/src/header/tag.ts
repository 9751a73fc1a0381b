import type { SyslogHeader } from './types.js';

const COLON = 0x3a;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SLASH = 0x2f;

/** Characters that never occur in a program name: they mark a body token (`a=b`, `1,2`, `"x"`). */
function isProgramChar(c: number): boolean {
  switch (c) {
    case 0x2c: // ,
    case 0x3d: // =
    case 0x22: // "
    case 0x27: // '
    case 0x3a: // :
    case OPEN_PAREN:
    case CLOSE_PAREN:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case 0x3c: // <
    case 0x3e: // >
    case 0x7b: // {
    case 0x7d: // }
    case 0x5c: // \
      return false;
    default:
      return c > 0x20 && c !== 0x7f;
  }
}

/**
 * Recognises an RFC 3164 TAG token `s[start, end)` (no spaces inside) of the shapes
 * `prog:`, `prog[pid]:`, `(name):`, `(name)[pid]:`, `/usr/local/sbin/prog[pid]:`.
 * On a match sets `h.appname` (program without its path and parentheses) and `h.procid`
 * (the pid, when present) and returns true; otherwise leaves `h` alone.
 */
export function matchTag(s: string, start: number, end: number, h: SyslogHeader): boolean {
  if (end - start < 2 || s.charCodeAt(end - 1) !== COLON) return false;
  const last = end - 1; // position of ':'
  let progStart = start;
  let progEnd: number;
  let p: number;
  if (s.charCodeAt(start) === OPEN_PAREN) {
    p = start + 1;
    while (p < last && isProgramChar(s.charCodeAt(p))) p++;
    if (p === start + 1 || p >= last || s.charCodeAt(p) !== CLOSE_PAREN) return false;
    progStart = start + 1;
    progEnd = p;
    p++;
  } else {
    p = start;
    while (p < last && isProgramChar(s.charCodeAt(p))) p++;
    if (p === start) return false;
    progEnd = p;
  }
  let pid: string | undefined;
  if (p !== last) {
    if (s.charCodeAt(p) !== OPEN_BRACKET || s.charCodeAt(last - 1) !== CLOSE_BRACKET || last - 1 <= p + 1) return false;
    for (let q = p + 1; q < last - 1; q++) {
      const c = s.charCodeAt(q);
      if (c === OPEN_BRACKET || c === CLOSE_BRACKET) return false;
    }
    pid = s.slice(p + 1, last - 1);
  }
  let nameStart = progStart;
  for (let q = progEnd - 1; q >= progStart; q--) {
    if (s.charCodeAt(q) === SLASH) {
      nameStart = q + 1;
      break;
    }
  }
  if (nameStart === progEnd) nameStart = progStart; // `foo/:` keeps the whole program
  h.appname = s.slice(nameStart, progEnd);
  if (pid !== undefined) h.procid = pid;
  return true;
}

/** A header token (hostname, APP-NAME...) never contains `,` or `=`: such a token starts a vendor body. */
export function isHeaderToken(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let p = start; p < end; p++) {
    const c = s.charCodeAt(p);
    if (c === 0x2c || c === 0x3d) return false;
  }
  return true;
}
