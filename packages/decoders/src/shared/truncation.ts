/**
 * Syslog size caps at which senders and relays silently cut messages (RFC 3164 1024 bytes,
 * RFC 5424 minimum 480 and recommended 2048, FreeBSD syslogd 480 on pfSense 2.4.5).
 */
export const TRUNCATION_CAPS: readonly number[] = [480, 1024, 2048];

/**
 * True when the line's UTF-8 size equals a common cap: its tail is probably cut.
 * The byte length is only computed for lines within 96 UTF-16 units below a cap (a line with a
 * few dozen non-ASCII characters), so the check costs nothing on the usual line.
 */
export function atSizeCap(raw: string): boolean {
  const n = raw.length;
  for (const cap of TRUNCATION_CAPS) {
    if (n === cap) return Buffer.byteLength(raw, 'utf8') === cap;
    if (n < cap && n >= cap - 96) return Buffer.byteLength(raw, 'utf8') === cap;
  }
  return false;
}
