/** URL splitting into ECS `url.*` fields, in the spirit of Elasticsearch's `uri_parts` processor. */

export interface UrlParts {
  original?: string;
  full?: string;
  scheme?: string;
  domain?: string;
  port?: number;
  path?: string;
  query?: string;
  fragment?: string;
  extension?: string;
  username?: string;
}

/** Characters a strict (RFC 3986 / java.net.URI) parser rejects outside the authority. */
function isStrictChar(c: number): boolean {
  if (c <= 0x20 || c >= 0x7f) return c >= 0xa0; // controls and space rejected; non-ASCII letters allowed (java "other")
  switch (c) {
    case 0x22: // "
    case 0x3c: // <
    case 0x3e: // >
    case 0x5c: // \
    case 0x5e: // ^
    case 0x60: // `
    case 0x7b: // {
    case 0x7c: // |
    case 0x7d: // }
    case 0x5b: // [
    case 0x5d: // ]
      return false;
    default:
      return true;
  }
}

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** True when every character is legal in a URI reference and every `%` starts a `%XX` escape. */
function isValidUriText(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (!isHexCode(s.charCodeAt(i + 1)) || !isHexCode(s.charCodeAt(i + 2))) return false;
      i += 2;
    } else if (!isStrictChar(c)) {
      return false;
    }
  }
  return true;
}

function extensionOf(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1 || dot === path.length - 1) return undefined;
  return path.slice(dot + 1);
}

/**
 * Splits an absolute URL (`scheme://host[:port]/path?query#fragment`) or a relative reference
 * (`/path?query`). A text a strict URI parser would reject (spaces, `{`, `|`, a broken `%` escape)
 * is returned as `{ original }` only.
 */
export function splitUrl(text: string): UrlParts {
  if (text.length === 0) return {};
  const schemeEnd = text.indexOf('://');
  let rest = 0;
  const out: UrlParts = {};
  if (schemeEnd > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(text.slice(0, schemeEnd))) {
    out.scheme = text.slice(0, schemeEnd).toLowerCase();
    const authStart = schemeEnd + 3;
    let authEnd = authStart;
    while (authEnd < text.length) {
      const c = text.charCodeAt(authEnd);
      if (c === 0x2f || c === 0x3f || c === 0x23) break;
      authEnd++;
    }
    let host = text.slice(authStart, authEnd);
    const at = host.lastIndexOf('@');
    if (at >= 0) {
      out.username = host.slice(0, at).split(':')[0];
      host = host.slice(at + 1);
    }
    if (host.startsWith('[')) {
      const close = host.indexOf(']');
      if (close < 0) return { original: text };
      const portText = host.slice(close + 1);
      host = host.slice(1, close);
      if (portText.startsWith(':') && portText.length > 1) {
        const p = Number(portText.slice(1));
        if (!Number.isInteger(p) || p > 65535) return { original: text };
        out.port = p;
      }
    } else {
      const colon = host.lastIndexOf(':');
      if (colon >= 0) {
        const p = Number(host.slice(colon + 1));
        if (colon < host.length - 1) {
          if (!Number.isInteger(p) || p > 65535) return { original: text };
          out.port = p;
        }
        host = host.slice(0, colon);
      }
    }
    if (host.length > 0) out.domain = host;
    rest = authEnd;
  } else if (text.charCodeAt(0) !== 0x2f) {
    return { original: text };
  }
  if (!isValidUriText(text, rest)) return { original: text };
  let end = text.length;
  const hash = text.indexOf('#', rest);
  if (hash >= 0) {
    if (hash + 1 < end) out.fragment = text.slice(hash + 1);
    end = hash;
  }
  const q = text.indexOf('?', rest);
  let pathEnd = end;
  if (q >= 0 && q < end) {
    if (q + 1 < end) out.query = text.slice(q + 1, end);
    pathEnd = q;
  }
  const path = text.slice(rest, pathEnd);
  if (path.length > 0) {
    out.path = path;
    const ext = extensionOf(path);
    if (ext !== undefined) out.extension = ext;
  }
  if (out.scheme !== undefined) out.full = text;
  return out;
}
