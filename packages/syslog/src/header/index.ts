export * from './types.js';
export { parseSyslog } from './parse-syslog.js';
export { facilityName, severityName, FACILITY_NAMES, SEVERITY_NAMES } from './names.js';
export { toEcsSyslog, type EcsLogSyslog, type EcsSyslogFragment } from './ecs.js';
export { zoneOffsetMs, zonedTimeToUtcMs } from './timezone.js';
