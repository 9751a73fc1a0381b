/**
 * An Elastic Common Schema document as pullwatch writes it: nested objects
 * (`{ source: { ip } }`), never dotted keys. `@timestamp` is an ISO-8601 string.
 */
export interface EcsDocument {
  '@timestamp'?: string;
  [field: string]: unknown;
}

/** A partial ECS document produced by one stage, merged over the document so far. */
export type EcsFragment = EcsDocument;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Deep-merges `fragment` into `target` (mutating and returning `target`).
 * Objects merge key by key; arrays and scalars replace, except `tags` and the
 * arrays under `related`, which are unioned; `undefined` values are skipped.
 * A value whose key `target` lacks is adopted, not copied: a fragment belongs
 * to the document once merged, so never reuse a fragment object afterwards.
 */
export function mergeEcs(target: EcsDocument, fragment: EcsFragment): EcsDocument {
  mergeInto(target, fragment, UNION_TOP);
  return target;
}

/** Where array union applies: at the top (`tags`), under `related` (every array), nowhere else. */
const UNION_TOP = 1;
const UNION_ALL = 2;
const UNION_NONE = 0;

function mergeInto(target: Record<string, unknown>, src: Record<string, unknown>, union: number): void {
  for (const key in src) {
    const value = src[key];
    if (value === undefined) continue;
    const current = target[key];
    if (current === undefined) {
      target[key] = value;
    } else if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value, union === UNION_TOP && key === 'related' ? UNION_ALL : UNION_NONE);
    } else if (Array.isArray(value) && Array.isArray(current) && (union === UNION_ALL || (union === UNION_TOP && key === 'tags'))) {
      for (const item of value) if (!current.includes(item)) current.push(item);
    } else {
      target[key] = value;
    }
  }
}

/** Reads a dotted path (`source.ip`) from a nested document. */
export function getField(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Sets a dotted path on a nested document, creating objects on the way. */
export function setField(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    let next = cur[part];
    if (!isPlainObject(next)) {
      next = {};
      cur[part] = next;
    }
    cur = next as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}
