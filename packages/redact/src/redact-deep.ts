import { REDACTED } from './marker.js';
import { redactString } from './redact-string.js';

/** Field names whose whole string value is a secret (ECS `url.password`, header maps, vendor fields). */
const SENSITIVE_KEY_RE = /(?:passw(?:or)?d|secret|token|api[_-]?key|private[_-]?key|authorization)$/i;

/** Objects nested deeper than this are replaced by the marker: no real ECS document gets close. */
const MAX_DEPTH = 64;

/** True for a field name whose value is a secret as a whole (`password`, `url.password`, `x-api-key`, `authorization`). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY_RE.test(key);
}

/** A whole secret value: the marker, keeping a leading auth scheme (`Basic [REDACTED]`). */
function redactWhole(key: string, value: string): string {
  if (value.length === 0 || value === REDACTED) return value;
  if (/authorization$/i.test(key)) {
    const m = /^([A-Za-z][A-Za-z0-9-]*)[ \t]+\S/.exec(value);
    if (m !== null && m[1] !== undefined && /^(?:basic|bearer|digest|negotiate|ntlm|token|apikey|oauth)$/i.test(m[1])) {
      return `${m[1]} ${REDACTED}`;
    }
  }
  return REDACTED;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, key: string | undefined, sensitive: boolean, depth: number, path: Set<object>): unknown {
  if (typeof value === 'string') {
    return sensitive && key !== undefined ? redactWhole(key, value) : redactString(value);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (path.has(value)) return value; // a cycle: already being redacted further up
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) {
    path.add(value);
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = walk(item, key, sensitive, depth + 1, path);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    path.delete(value);
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value; // Date, Buffer, Map...: not text, left alone
  path.add(value);
  const obj = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k of Object.keys(obj)) {
    const item = obj[k];
    const next = walk(item, k, sensitive || isSensitiveKey(k), depth + 1, path);
    if (next !== item) {
      if (copy === undefined) {
        copy = Object.create(Object.getPrototypeOf(obj) as object | null) as Record<string, unknown>;
        for (const k2 of Object.keys(obj)) copy[k2] = obj[k2];
      }
      copy[k] = next;
    }
  }
  path.delete(value);
  return copy ?? value;
}

/**
 * Redacts every string value of a nested document (an ECS event, an error context), without
 * mutating it: the result shares every subtree that had nothing to redact, and is `value`
 * itself when nothing changed (copy-on-write). Strings go through `redactString`; a string
 * under a secret-named key (`password`, `url.password`, `client_secret`, `X-Api-Key`,
 * `authorization`, and arrays under them) is replaced whole. Keys are never changed.
 * Non-plain objects (Date, Buffer, class instances) are returned as they are; cycles are
 * left in place; anything nested deeper than 64 levels is replaced by the marker.
 * Never throws: on an internal error the whole value becomes the marker.
 */
export function redactDeep<T>(value: T): T {
  try {
    return walk(value, undefined, false, 0, new Set()) as T;
  } catch {
    return REDACTED as T;
  }
}
