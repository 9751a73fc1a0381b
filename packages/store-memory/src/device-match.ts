import { getField, type Device, type EcsDocument } from '@pullwatch/core';

/** Fields holding a device's name: the syslog header host, the vendor's host or device name. */
export const HOSTNAME_FIELDS = ['log.syslog.hostname', 'observer.hostname', 'observer.name'] as const;
/** Field holding the vendor serial (FortiGate devid, PAN-OS serial). */
export const SERIAL_FIELD = 'observer.serial_number';
/** Field holding the sender's address. */
export const ADDRESS_FIELD = 'log.source.address';

/**
 * True when a stored firewall event belongs to the device (EvidenceSource port): one of the
 * hostname fields equals its hostname, the serial field its serial, or the sender address its
 * address. Exact, case-sensitive string equality, as a keyword term query would do.
 */
export function deviceMatches(doc: EcsDocument, device: Device): boolean {
  if (device.hostname !== undefined && HOSTNAME_FIELDS.some((f) => getField(doc, f) === device.hostname)) return true;
  if (device.serial !== undefined && getField(doc, SERIAL_FIELD) === device.serial) return true;
  if (device.address !== undefined && getField(doc, ADDRESS_FIELD) === device.address) return true;
  return false;
}

/** How a device is named in texts: hostname, else serial, else address. */
export const deviceLabel = (device: Device): string => device.hostname ?? device.serial ?? device.address ?? 'device';

/** The line quoted as an excerpt: the original line (redacted at ingest), else the message. */
export function excerptText(doc: EcsDocument): string {
  const original = getField(doc, 'event.original');
  if (typeof original === 'string' && original.length > 0) return original;
  const message = getField(doc, 'message');
  return typeof message === 'string' ? message : '';
}
