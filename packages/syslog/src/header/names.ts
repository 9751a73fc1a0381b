/**
 * Facility keywords by code (RFC 5424 table 1, BSD keyword spelling). Codes 13-15 have no
 * single standard keyword; these are the common ones (`security` = log audit, `console` =
 * log alert, `solaris-cron` = the second clock daemon).
 */
export const FACILITY_NAMES: readonly string[] = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news',
  'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'solaris-cron',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

/**
 * Severity names by code, spelled exactly as Elastic's syslog processor writes
 * `log.syslog.severity.name` (libbeat `reader/syslog`: capitalised full words), so documents
 * from pullwatch and from Elastic's own syslog inputs agree in Kibana.
 */
export const SEVERITY_NAMES: readonly string[] = [
  'Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug',
];

/** ECS `log.syslog.facility.name` for a facility code 0..23 (`pri >> 3`); undefined outside that range. */
export function facilityName(code: number): string | undefined {
  return Number.isInteger(code) ? FACILITY_NAMES[code] : undefined;
}

/** ECS `log.syslog.severity.name` for a severity code 0..7 (`pri & 7`); undefined outside that range. */
export function severityName(code: number): string | undefined {
  return Number.isInteger(code) ? SEVERITY_NAMES[code] : undefined;
}
