import { facilityName, severityName } from './names.js';
import type { StructuredData, SyslogHeader } from './types.js';

/** The ECS `log.syslog` object built from a header; absent header fields are omitted. */
export interface EcsLogSyslog {
  priority?: number;
  facility?: { code: number; name?: string };
  severity?: { code: number; name?: string };
  hostname?: string;
  appname?: string;
  procid?: string;
  msgid?: string;
  /** ECS types `log.syslog.version` as keyword, so the number is written as a string (`"1"`). */
  version?: string;
  structured_data?: StructuredData;
}

/** `{ log: { syslog } }`, or `{}` when the header carried nothing for `log.syslog`. */
export interface EcsSyslogFragment {
  log?: { syslog: EcsLogSyslog };
}

/**
 * The ECS fragment for a parsed header: `log.syslog.{priority, facility.{code,name},
 * severity.{code,name}, hostname, appname, procid, msgid, version, structured_data}`, with
 * absent fields omitted (a header-less line without PRI gives `{}`). Names come from
 * `facilityName` / `severityName`. `relayHostname` and the timestamp are not part of
 * `log.syslog`; the ingest pipeline maps them.
 */
export function toEcsSyslog(header: SyslogHeader): EcsSyslogFragment {
  const syslog: EcsLogSyslog = {};
  let any = false;
  if (header.priority !== undefined) {
    syslog.priority = header.priority;
    any = true;
  }
  if (header.facility !== undefined) {
    const name = facilityName(header.facility);
    syslog.facility = name === undefined ? { code: header.facility } : { code: header.facility, name };
    any = true;
  }
  if (header.severity !== undefined) {
    const name = severityName(header.severity);
    syslog.severity = name === undefined ? { code: header.severity } : { code: header.severity, name };
    any = true;
  }
  if (header.hostname !== undefined) {
    syslog.hostname = header.hostname;
    any = true;
  }
  if (header.appname !== undefined) {
    syslog.appname = header.appname;
    any = true;
  }
  if (header.procid !== undefined) {
    syslog.procid = header.procid;
    any = true;
  }
  if (header.msgid !== undefined) {
    syslog.msgid = header.msgid;
    any = true;
  }
  if (header.version !== undefined) {
    syslog.version = String(header.version);
    any = true;
  }
  if (header.structuredData !== undefined && hasOwnKey(header.structuredData)) {
    syslog.structured_data = header.structuredData;
    any = true;
  }
  return any ? { log: { syslog } } : {};
}

/** Same as `Object.keys(o).length > 0`, without building the key array. */
function hasOwnKey(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}
