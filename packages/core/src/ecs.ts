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
 * Objects merge key by key; arrays and scalars replace, except `related.*`
 * arrays and `tags`, which are unioned; `undefined` values are skipped.
 */
export function mergeEcs(target: EcsDocument, fragment: EcsFragment): EcsDocument {
  mergeInto(target, fragment, '');
  return target;
}

function mergeInto(target: Record<string, unknown>, src: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(src)) {
    if (value === undefined) continue;
    const here = path ? `${path}.${key}` : key;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value, here);
    } else if (Array.isArray(value) && Array.isArray(current) && (here === 'tags' || here.startsWith('related.'))) {
      for (const item of value) if (!current.includes(item)) current.push(item);
    } else if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      mergeInto(copy, value, here);
      target[key] = copy;
    } else {
      target[key] = Array.isArray(value) ? [...value] : value;
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
