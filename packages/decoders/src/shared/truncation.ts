/**
 * Syslog size caps at which senders and relays silently cut messages (RFC 3164 1024 bytes,
 * RFC 5424 minimum 480 and recommended 2048, FreeBSD syslogd 480 on pfSense 2.4.5).
 */
export const TRUNCATION_CAPS: readonly number[] = [480, 1024, 2048];

/** True when the line's UTF-8 size equals a common cap: its tail is probably cut. */
export function atSizeCap(raw: string): boolean {
  const n = raw.length;
  if (n > 2048 || n < 160) return false; // 480 bytes need at least 160 UTF-16 units
  const bytes = n === 480 || n === 1024 || n === 2048 ? n : Buffer.byteLength(raw, 'utf8');
  if (bytes === n && n !== 480 && n !== 1024 && n !== 2048) return false;
  return bytes === 480 || bytes === 1024 || bytes === 2048;
}
