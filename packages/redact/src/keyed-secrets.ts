import { REDACTED } from './marker.js';

/**
 * Names whose value is a secret, matched case-insensitively anywhere (so `client_secret`,
 * `refresh_token`, `X-Api-Key` and `Proxy-Authorization` are covered too). Literal
 * alternatives only: no nested quantifier, so no backtracking blow-up.
 */
const KEY_RE = /api[_-]?key|token|passw(?:or)?d|secret|private[_-]?key|authorization/gi;

/**
 * An unquoted value, matched from its first character (sticky): characters up to whitespace, a
 * quote, `& , ; < >`, a backtick or a backslash before a quote, stopping early where another
 * pair this module honours begins (`token=Authorization: Basic x`), so the scan resumes there
 * and each character is looked at a bounded number of times (no quadratic blow-up on
 * `token=token=token=...`). The lookahead is a set of literals: no backtracking blow-up either.
 */
const UNQUOTED_VALUE_RE =
  /(?:(?!(?:api[_-]?key|authorization)(?:\\*["'])?[ \t]*[=:]|(?:token|passw(?:or)?d|secret|private[_-]?key)(?:\\*["'][ \t]*[=:]|[ \t]*=))(?:[^\s"'&,;<>`\\]|\\(?!["'])))*/iy;

/** HTTP authentication schemes kept in clear in front of the credential (`Basic [REDACTED]`). */
const AUTH_SCHEMES = new Set([
  'basic',
  'bearer',
  'digest',
  'negotiate',
  'ntlm',
  'token',
  'apikey',
  'oauth',
  'hoba',
  'mutual',
  'aws4-hmac-sha256',
]);

const BACKSLASH = 0x5c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Count of backslashes starting at `i`. */
function backslashesAt(s: string, i: number): number {
  let n = 0;
  while (s.charCodeAt(i + n) === BACKSLASH) n++;
  return n;
}

/**
 * End of a quoted value whose content starts at `start`, closed by `quote` preceded by
 * `escapes` backslashes (0 for `"v"`, 1 for `\"v\"` inside an escaped string). With no
 * escapes, `\x` inside the value is skipped. An unclosed value runs to the end of the line.
 * Returns the end of the content (the position of the closing quote or of the line end).
 */
function quotedEnd(s: string, start: number, quote: number, escapes: number): number {
  if (escapes === 0) {
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c !== c || c === 0x0a || c === 0x0d) return i;
      if (c === quote) return i;
      i += c === BACKSLASH ? 2 : 1;
    }
  }
  const closing = '\\'.repeat(escapes) + String.fromCharCode(quote);
  const found = s.indexOf(closing, start);
  const limit = found === -1 ? s.length : found;
  for (let i = start; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return i;
  }
  return limit;
}

/** Length of a known auth scheme word at `i` followed by a blank, or 0. */
function authSchemeAt(s: string, i: number, limit: number): number {
  let j = i;
  while (j < limit) {
    const c = s.charCodeAt(j) | 0x20;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d) j++;
    else break;
  }
  if (j === i || j >= limit || !isBlank(s.charCodeAt(j))) return 0;
  return AUTH_SCHEMES.has(s.slice(i, j).toLowerCase()) ? j - i : 0;
}

/**
 * Redacts the values of secret-bearing keys:
 * - query and key=value parameters: `api_key=`, `apikey=`, `api-key=`, `token=`,
 *   `access_token=`, `password=`, `passwd=`, `secret=` (and names ending so);
 * - JSON-ish pairs with a quoted key: `"password":"..."`, also escaped (`\"password\":\"...\"`);
 * - header lines: `X-Api-Key: v`, `Authorization: Basic v`, `Authorization: Bearer v`
 *   (the scheme stays readable), `Proxy-Authorization: ...`.
 * A quoted value (`"..."`, `'...'`, `\"...\"`) is redacted up to its closing quote; an unquoted
 * one up to whitespace, a quote, `&`, `,`, `;`, `<`, `>` or a backtick, so the CSV column, the
 * FortiGate `msg="..."` quote or the next query parameter around it survives. `key: value`
 * with an unquoted key counts only for header names (api keys, authorization), so prose such as
 * "password: expired" elsewhere is left alone.
 */
export function redactKeyedSecrets(s: string): string {
  KEY_RE.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_RE.exec(s)) !== null) {
    const keyEnd = m.index + m[0].length;
    const first = m[0].charCodeAt(0) | 0x20;
    const isAuthorization = first === 0x61 && m[0].length === 13; // "authorization"
    const isHeaderKey = isAuthorization || first === 0x61; // api?key or authorization

    let p = keyEnd;
    // A quoted key: `"password"` or `\"password\"`.
    const keyEsc = backslashesAt(s, p);
    const kq = s.charCodeAt(p + keyEsc);
    const keyQuoted = kq === DQUOTE || kq === SQUOTE;
    if (keyQuoted) p += keyEsc + 1;
    const beforeBlanks = p;
    while (isBlank(s.charCodeAt(p))) p++;
    const spacedKey = p > beforeBlanks;
    const sep = s.charCodeAt(p);
    if (sep !== 0x3d && !(sep === 0x3a && (keyQuoted || isHeaderKey))) continue;
    p++;
    // `key: value` and `key = value` put blanks before the value; `key= next=1` is an empty value.
    if (sep === 0x3a || spacedKey) while (isBlank(s.charCodeAt(p))) p++;

    if (isAuthorization) p += authScheme(s, p);

    let valueStart: number;
    let valueEnd: number;
    let resume: number;
    const esc = backslashesAt(s, p);
    const q = s.charCodeAt(p + esc);
    if (q === DQUOTE || q === SQUOTE) {
      valueStart = p + esc + 1;
      valueEnd = quotedEnd(s, valueStart, q, esc);
      if (isAuthorization) {
        const scheme = authSchemeAt(s, valueStart, valueEnd);
        if (scheme > 0) {
          valueStart += scheme;
          while (valueStart < valueEnd && isBlank(s.charCodeAt(valueStart))) valueStart++;
        }
      }
      resume = valueEnd;
    } else {
      valueStart = p;
      UNQUOTED_VALUE_RE.lastIndex = p;
      valueEnd = UNQUOTED_VALUE_RE.exec(s) === null ? p : UNQUOTED_VALUE_RE.lastIndex;
      resume = valueEnd;
    }
    if (valueEnd > valueStart && s.slice(valueStart, valueEnd) !== REDACTED) {
      out += s.slice(last, valueStart) + REDACTED;
      last = valueEnd;
    }
    if (resume > KEY_RE.lastIndex) KEY_RE.lastIndex = resume;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Width of `Scheme ` (scheme word plus blanks) at `p` when it is a known auth scheme, else 0. */
function authScheme(s: string, p: number): number {
  const len = authSchemeAt(s, p, s.length);
  if (len === 0) return 0;
  let j = p + len;
  while (isBlank(s.charCodeAt(j))) j++;
  return j - p;
}
