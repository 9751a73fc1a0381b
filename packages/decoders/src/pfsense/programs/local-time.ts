import { localToEpochMs, resolveZone, type Zone } from '../../shared/time.js';
import type { DecodeInput } from '../../types.js';

const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/**
 * The zone for a zone-less time written inside a message body: the offset of the RFC 5424
 * header timestamp when it had one (the device's own clock), else the configured device zone,
 * else UTC.
 */
export function bodyZone(input: DecodeInput): Zone | undefined {
  const h = input.header;
  if (h.timestampHasZone && h.timestampText !== undefined) {
    const t = h.timestampText;
    if (t.endsWith('Z') || t.endsWith('z')) return { kind: 'fixed', minutes: 0 };
    const m = /([+-]\d{2}:?\d{2})$/.exec(t);
    if (m !== null) {
      const z = resolveZone(m[1]);
      if (z !== undefined) return z;
    }
  }
  return resolveZone(input.timezone);
}

/**
 * `15/Aug/2021:16:15:18.502` (haproxy, Apache/nginx style) → ISO-8601 UTC text, in `zone`;
 * undefined when malformed.
 */
export function clfTimeToIso(text: string, zone: Zone | undefined): string | undefined {
  const m = /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return undefined;
  const mo = MONTHS[m[2]!];
  if (mo === undefined) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const epoch = localToEpochMs(Number(m[3]), mo, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), ms, zone);
  return Number.isFinite(epoch) ? new Date(epoch).toISOString() : undefined;
}
