import type { EcsFragment } from '@pullwatch/core';
import type { SyslogHeader } from '@pullwatch/syslog';

export type Vendor = 'fortigate' | 'panos' | 'pfsense' | 'opnsense';
export const VENDORS: readonly Vendor[] = ['fortigate', 'panos', 'pfsense', 'opnsense'];

/** What a decoder sees of one message. */
export interface DecodeInput {
  /** The whole line as received (becomes `event.original`). */
  raw: string;
  /** Parsed syslog header (format `none` when the line had none). */
  header: SyslogHeader;
  /** The MSG part after the header, BOM stripped. */
  message: string;
  /** Receive time; used for year inference and sanity checks of device times. */
  receivedAt: Date;
  /** Device time zone configured for this sender (IANA name or ±hh:mm), if any. */
  timezone?: string;
}

/**
 * A vendor decoder: pure, synchronous, no I/O.
 * `claims` is a cheap shape check (header + first bytes of the body);
 * `decode` returns the vendor's ECS fragment, merged by the caller over the
 * base syslog document (`@timestamp`, `log.syslog.*`, `event.original`, `message`...).
 * `decode` throws a `DecodeError` for a claimed line it cannot decode; the caller
 * then keeps the base document with `error.message` and still indexes it.
 */
export interface Decoder {
  readonly vendor: Vendor;
  claims(input: DecodeInput): boolean;
  decode(input: DecodeInput): EcsFragment;
}
