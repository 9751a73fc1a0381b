import { z } from 'zod';

/**
 * Leaf schemas that accept both typed values (from a config file) and strings
 * (from environment variables), so one schema validates both sources.
 */

const fromString = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);

/** An integer, optionally bounded. Strings such as "5514" are accepted. */
export const int = (min: number, max: number) =>
  z.preprocess((v) => {
    const s = fromString(v);
    return typeof s === 'string' && s !== '' && /^-?\d+$/.test(s) ? Number(s) : s;
  }, z.number().int().min(min).max(max));

/** A TCP/UDP port number. */
export const port = () => int(1, 65535);

/** A boolean; strings "true"/"false"/"1"/"0"/"yes"/"no" are accepted. */
export const bool = () =>
  z.preprocess((v) => {
    const s = fromString(v);
    if (typeof s !== 'string') return s;
    const l = s.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(l)) return true;
    if (['false', '0', 'no', 'off'].includes(l)) return false;
    return s;
  }, z.boolean());

/** A list of strings; a string is split on commas. */
export const list = () =>
  z.preprocess((v) => {
    const s = fromString(v);
    return typeof s === 'string' ? s.split(',').map((x) => x.trim()).filter(Boolean) : s;
  }, z.array(z.string().min(1)));

/**
 * A map of string keys to values; a string `key=value,key=value` is accepted
 * (environment variables), as is an object (config file).
 */
export const map = <T extends z.ZodType>(value: T) =>
  z.preprocess((v) => {
    const s = fromString(v);
    if (typeof s !== 'string') return s;
    const out: Record<string, string> = {};
    for (const pair of s.split(',').map((x) => x.trim()).filter(Boolean)) {
      const i = pair.lastIndexOf('=');
      if (i <= 0) return s;
      out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    return out;
  }, z.record(z.string().min(1), value));

/** A non-empty string. */
export const str = () => z.preprocess(fromString, z.string().min(1));

/** A host name or IP address to bind to or connect to. */
export const host = () => str();

/**
 * A secret (password, API key). Validated as a string, held in a `Secret`
 * wrapper so it never prints: `toString()`/`toJSON()` give "[redacted]".
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret([redacted])';
  }
}

export const secret = () =>
  z.preprocess((v) => (v instanceof Secret ? v.reveal() : fromString(v)), z.string().min(1)).transform((s) => new Secret(s));
