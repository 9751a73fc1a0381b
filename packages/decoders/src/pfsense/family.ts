import { splitCommas } from '../filterlog/split.js';
import type { DecodeInput } from '../types.js';
import type { FamilyLine } from './line.js';

/**
 * Shape checks shared by the pfSense and OPNsense decoders' `claims`, and the rule that tells
 * the two apart. Both run FreeBSD with pf, the same `filterlog` CSV and the same daemons, so a
 * line is "family-shaped" first, then OPNsense only on positive evidence:
 *
 * 1. RFC 5424 structured data `[meta sequenceId="n"]` (OPNsense's syslog-ng; pfSense sends `-`);
 * 2. a program only OPNsense has: `configd.py`, `configctl`, `audit`, `firewall` (alias updates),
 *    `opnsense`, `pluginctl`, `update_tables.py`, `flowd_aggregate.py`, `lighttpd`, `opnsense-update`;
 * 3. a filterlog line whose field 4 is a 32-hex rule label (pfSense writes a decimal tracker);
 * 4. a hostname with a label `opnsense` (the default hostname is `OPNsense.localdomain`);
 * 5. a squid access line in JSON (OPNsense's web proxy log format; pfSense's squid package writes
 *    the native format).
 *
 * Otherwise the line is pfSense. A `pfsense` hostname label vetoes rule 4 only.
 */

/** Programs logged by pfSense and OPNsense boxes (lower-case). */
export const FAMILY_PROGRAMS: ReadonlySet<string> = new Set([
  'filterlog', 'php', 'php-fpm', 'php-cgi', 'php_wrapper', 'rc.update_urltables', 'check_reload_status', 'pfblockerng',
  'dhcpd', 'dhclient', 'dhcp6c', 'dhcpleases', 'unbound', 'dnsmasq', 'openvpn', 'charon', 'ipsec_starter', 'sshd',
  'sshguard', 'nginx', 'haproxy', 'snort', 'suricata', 'dpinger', 'rc.gateway_alarm', 'ntpd', 'radiusd', 'filterdns',
  'miniupnpd', 'rtsold', 'ppp', 'mpd5', 'kernel', 'syslogd', 'devd', 'sudo', 'login', 'pkg', 'pkg-static', 'zebra',
  'bgpd', 'ospfd', 'lighttpd', 'tinc', 'wireguard', 'kea-dhcp4', 'kea-dhcp6', 'ntopng', 'zabbix_agentd',
]);

/** Programs only OPNsense logs (lower-case). */
export const OPNSENSE_PROGRAMS: ReadonlySet<string> = new Set([
  'configd.py', 'configctl', 'audit', 'firewall', 'opnsense', 'pluginctl', 'update_tables.py', 'flowd_aggregate.py',
  'lighttpd', 'opnsense-update', 'opnsense-patch', 'firmware', 'api',
]);

const scratch: string[] = [];

/** True when the first nine comma-separated fields have filterlog's common shape. */
export function looksLikeFilterlog(body: string): boolean {
  const end = Math.min(body.length, 256);
  const f = splitCommas(body, 0, end, scratch);
  if (f.length < 10) return false;
  const digitsOrEmpty = (s: string): boolean => /^\d*$/.test(s);
  return (
    digitsOrEmpty(f[0]!) && digitsOrEmpty(f[1]!) && f[4]!.length > 0 && !f[4]!.includes(' ') &&
    /^[a-z0-9()-]+$/.test(f[5]!) && /^[a-z0-9()-]+$/.test(f[6]!) && (f[7] === 'in' || f[7] === 'out') &&
    (f[8] === '4' || f[8] === '6')
  );
}

/** True when the line comes from a pfSense/OPNsense program, or is a filterlog CSV without a program. */
export function isFamilyLine(line: FamilyLine): boolean {
  const key = line.programKey;
  if (key.length > 0) return FAMILY_PROGRAMS.has(key) || OPNSENSE_PROGRAMS.has(key) || key.startsWith('squid');
  return looksLikeFilterlog(line.body);
}

const isHex32 = (s: string): boolean => s.length === 32 && /^[0-9a-f]{32}$/i.test(s);

/** Field 4 of a filterlog body, without splitting the whole line. */
function labelField(body: string): string {
  let from = 0;
  for (let k = 0; k < 3; k++) {
    const c = body.indexOf(',', from);
    if (c < 0) return '';
    from = c + 1;
  }
  const end = body.indexOf(',', from);
  return end < 0 ? body.slice(from) : body.slice(from, end);
}

function hostnameLabel(hostname: string | undefined, label: string): boolean {
  if (hostname === undefined) return false;
  const lower = hostname.toLowerCase();
  return lower === label || lower.startsWith(`${label}.`) || lower.endsWith(`.${label}`) || lower.includes(`.${label}.`);
}

/** Which of the rules above says OPNsense (for tests and docs), or undefined for pfSense. */
export function opnsenseEvidence(
  input: DecodeInput,
  line: FamilyLine,
): 'structured_data' | 'program' | 'rule_label' | 'hostname' | 'squid_json' | undefined {
  if (input.header.structuredData?.meta?.sequenceId !== undefined) return 'structured_data';
  if (OPNSENSE_PROGRAMS.has(line.programKey)) return 'program';
  if ((line.programKey === 'filterlog' || line.programKey === '') && isHex32(labelField(line.body))) return 'rule_label';
  if (hostnameLabel(line.hostname, 'opnsense') && !hostnameLabel(line.hostname, 'pfsense')) return 'hostname';
  if (line.programKey.startsWith('squid') && line.body.startsWith('{"')) return 'squid_json';
  return undefined;
}
