import { REDACTED } from './marker.js';

/** Characters that end a URL authority: `/ ? #`, whitespace, quotes, `< >`, and a backslash before a quote. */
function endsAuthority(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  switch (c) {
    case 0x2f: // /
    case 0x3f: // ?
    case 0x23: // #
    case 0x20:
    case 0x09:
    case 0x0a:
    case 0x0d:
    case 0x22: // "
    case 0x27: // '
    case 0x3c: // <
    case 0x3e: // >
      return true;
    case 0x5c: {
      // \" or \' : an escaped quote closing the value around the URL
      const n = s.charCodeAt(i + 1);
      return n === 0x22 || n === 0x27;
    }
    default:
      return c !== c; // NaN: end of string
  }
}

/**
 * Replaces the password of every `scheme://user:password@host` with `[REDACTED]`, keeping the
 * user (`https://user:[REDACTED]@host`). A URL with a user only (`https://token@host`) is kept
 * as is. The password runs from the first `:` of the authority to its last `@`, so a password
 * containing `@` or `:` is covered (and so is `john@corp:pw@host`, with the user `john@corp`).
 * Linear: one forward scan per `://`.
 */
export function redactUrlCredentials(s: string): string {
  let idx = s.indexOf('://');
  if (idx === -1) return s;
  let out = '';
  let last = 0;
  while (idx !== -1) {
    const start = idx + 3;
    let end = start;
    let firstColon = -1;
    let lastAt = -1;
    while (!endsAuthority(s, end)) {
      const c = s.charCodeAt(end);
      if (c === 0x40) lastAt = end;
      else if (c === 0x3a && firstColon === -1) firstColon = end;
      end++;
    }
    if (lastAt !== -1 && firstColon !== -1 && firstColon < lastAt) {
      const passStart = firstColon + 1;
      const pass = s.slice(passStart, lastAt);
      if (pass.length > 0 && pass !== REDACTED) {
        out += s.slice(last, passStart) + REDACTED;
        last = lastAt;
      }
    }
    // The next `://` may begin at the `:` right before the `/` that ended this authority
    // (`://https://u:p@h`). Scans stay linear: an authority never contains `/`.
    idx = s.indexOf('://', idx + 1);
  }
  return last === 0 ? s : out + s.slice(last);
}
