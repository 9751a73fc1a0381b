/** Which syslog header shape a message carried. `none`: no recognisable header (body only). */
export type SyslogFormat = 'rfc5424' | 'rfc3164' | 'none';

/** RFC 5424 structured data: SD-ID → (param name → value), values unescaped. */
export type StructuredData = Record<string, Record<string, string>>;

/** The syslog header of one message, as parsed. Absent fields were absent (or NILVALUE `-`) on the wire. */
export interface SyslogHeader {
  format: SyslogFormat;
  /** PRI value 0..191, absent when the message had no `<PRI>`. */
  priority?: number;
  facility?: number;
  severity?: number;
  /** RFC 5424 VERSION (always 1 when present). */
  version?: number;
  /** Header timestamp as an instant. RFC 3164: year inferred and zone from options (device tz, else UTC). */
  timestamp?: Date;
  /** The timestamp text exactly as received. */
  timestampText?: string;
  /** True when the wire timestamp carried its own offset (`Z` / `±hh:mm`). */
  timestampHasZone?: boolean;
  hostname?: string;
  /** APP-NAME (5424) or TAG program (3164), e.g. `filterlog`, `php-fpm`. */
  appname?: string;
  /** PROCID (5424) or the `[pid]` of a 3164 TAG. */
  procid?: string;
  msgid?: string;
  structuredData?: StructuredData;
  /** True when a UTF-8 BOM was stripped from the start of MSG. */
  bom?: boolean;
  /** When a relay prepended its own header, the relay's hostname (outer header); the fields above describe the device (inner header). */
  relayHostname?: string;
}

/** Options for header parsing. */
export interface ParseSyslogOptions {
  /** When the message was received; RFC 3164 year inference picks the year that puts the timestamp closest to it. */
  receivedAt: Date;
  /** Device time zone for zone-less timestamps: IANA name (`Europe/Paris`) or offset (`+02:00`). Default UTC. */
  timezone?: string;
}

/** A parsed syslog message: its header and its MSG part (BOM stripped). */
export interface ParsedSyslog {
  header: SyslogHeader;
  message: string;
}
