import type { FilterlogRecord } from './record.js';
import { TRUNCATION_CAPS } from './parse.js';

/** IANA keywords for protocol numbers filterlog commonly prints (ECS `network.transport` values). */
const IANA_KEYWORDS: Record<number, string> = {
  0: 'hopopt', 1: 'icmp', 2: 'igmp', 4: 'ipv4', 6: 'tcp', 17: 'udp', 41: 'ipv6', 47: 'gre', 50: 'esp', 51: 'ah',
  58: 'ipv6-icmp', 89: 'ospf', 103: 'pim', 112: 'carp', 132: 'sctp',
};

/**
 * ECS `network.transport`: the protocol name filterlog printed, lower-cased, except that the
 * number decides for ICMPv6 (`ICMPv6`, `ipv6-icmp`, and OPNsense's `icmp` with number 58 all
 * become `ipv6-icmp`) and for the core protocols whose printed name varies in case only.
 * Without a printed name, the IANA keyword of the number.
 */
export function transportName(rec: FilterlogRecord): string | undefined {
  const num = rec.protoNum;
  if (num === 58) return 'ipv6-icmp';
  if (num === 6 || num === 17 || num === 1 || num === 2) return IANA_KEYWORDS[num];
  if (rec.protoName !== undefined) return rec.protoName.toLowerCase();
  return num === undefined ? undefined : IANA_KEYWORDS[num];
}

/**
 * True when `raw` is exactly as long (in UTF-8 bytes) as a known syslog truncation cap
 * (480 for pfSense 2.4.5 remote logging, 1024 for RFC 3164 relays, 2048 for RFC 5424 receivers).
 */
export function isAtTruncationCap(raw: string): boolean {
  const len = raw.length;
  // UTF-8 length is between len and 3*len: skip the byte count for lines that cannot hit a cap.
  if (len > 2048 || len * 3 < 480) return false;
  const bytes = Buffer.byteLength(raw, 'utf8');
  return TRUNCATION_CAPS.includes(bytes);
}
