/** Static tables for the FortiGate decoder. */

/** Keys that may open a FortiOS key=value run (after PRI, header or a relay prefix). */
export const LEAD_KEYS: ReadonlySet<string> = new Set([
  'date', 'logver', 'devname', 'eventtime', 'timestamp', 'logid', 'log_id', 'devid', 'itime', 'time', 'tz',
  'type', 'logdesc', 'device_id', 'vd',
]);

/** IANA protocol number → ECS `network.transport` (the subset Elastic maps). */
export const IANA_TRANSPORT: Readonly<Record<string, string>> = {
  '0': 'hopopt', '1': 'icmp', '2': 'igmp', '6': 'tcp', '8': 'egp', '17': 'udp', '47': 'gre', '50': 'esp',
  '58': 'ipv6-icmp', '112': 'vrrp', '132': 'sctp',
};

/** Vendor keys Elastic converts to numbers under `fortinet.firewall.*`. */
export const LONG_KEYS: readonly string[] = [
  'auditid', 'audittime', 'quotamax', 'quotaused', 'size', 'disklograte', 'fazlograte', 'lanin', 'lanout',
  'setuprate', 'wanin', 'wanout', 'mem', 'valid',
];
export const FLOAT_KEYS: readonly string[] = ['jitter', 'latency'];

/** `network.direction` values ECS allows; others become `unknown`. */
export const DIRECTIONS: ReadonlySet<string> = new Set(['ingress', 'egress', 'inbound', 'outbound', 'internal', 'external']);
