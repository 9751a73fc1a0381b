import type { FirewallVendor } from '@pullwatch/core';

/** How each vendor is named in texts. */
export const VENDOR_LABELS: Record<FirewallVendor, string> = {
  fortigate: 'FortiGate',
  panos: 'PAN-OS',
  pfsense: 'pfSense',
  opnsense: 'OPNsense',
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-25 08:02 UTC`. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `08:05` when `ms` falls on the same UTC day as `reference`, else the full `formatTime`. */
export function formatClock(ms: number, reference: number | undefined): string {
  if (reference !== undefined && new Date(ms).toISOString().slice(0, 10) === new Date(reference).toISOString().slice(0, 10)) {
    const d = new Date(ms);
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }
  return formatTime(ms);
}

/** `7 d`, `21 h`, `3 h 20 min`, `45 min`, `30 s`. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(abs / 86_400);
  const h = Math.floor((abs % 86_400) / 3600);
  const m = Math.floor((abs % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${abs} s`;
}

/** `1 pull`, `96 pulls`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Drops `user:password@` from a URL so that no credential reaches a diagnosis. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1');
}

/** Rounds a confidence to two decimals, within 0..1. */
export const roundConfidence = (c: number): number => Math.round(Math.min(1, Math.max(0, c)) * 100) / 100;
