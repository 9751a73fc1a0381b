import type { SyslogHeader } from './types.js';

/** Highest valid PRI: facility 23 (local7) × 8 + severity 7. */
export const MAX_PRI = 191;

/**
 * Reads `<PRI>` at `pos` (1 to 3 digits, value 0..191) into `h.priority/facility/severity`.
 * Returns the position after `>`, or `pos` unchanged when there is no valid PRI there
 * (then `h` is not touched and the text stays part of the message).
 */
export function parsePri(s: string, pos: number, h: SyslogHeader): number {
  if (s.charCodeAt(pos) !== 0x3c) return pos;
  let value = 0;
  let p = pos + 1;
  const limit = Math.min(s.length, pos + 5);
  while (p < limit) {
    const c = s.charCodeAt(p);
    if (c === 0x3e) {
      if (p === pos + 1 || value > MAX_PRI) return pos;
      h.priority = value;
      h.facility = value >> 3;
      h.severity = value & 7;
      return p + 1;
    }
    if (c < 0x30 || c > 0x39) return pos;
    value = value * 10 + (c - 0x30);
    p++;
  }
  return pos;
}

/** Position of the first character at or after `pos` that is not a space or a tab. */
export function skipBlanks(s: string, pos: number): number {
  let p = pos;
  for (;;) {
    const c = s.charCodeAt(p);
    if (c !== 0x20 && c !== 0x09) return p;
    p++;
  }
}
