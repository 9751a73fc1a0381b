import type { EcsFragment } from '@pullwatch/core';
import { isIPv4, isIPv6 } from '../../shared/ip.js';
import { actionWord, endpoint, vendorGroup, type ProgramContext } from './context.js';

/**
 * ISC dhcpd (v4 and v6), dhclient and dhcp6c, mapped as Elastic's pfsense `dhcp` pipeline does:
 * client → `client.*` and `source.*`, server → `server.*` and `destination.*`, MAC upper-cased
 * with dashes, `event.action` the DHCPv4 message name as written (`DHCPACK`) or the v6 phrase
 * lower-cased and hyphenated (`solicit-message`), `pfsense.dhcp.*` for hostname, DUID, IAID,
 * lease time, transaction id and lease age.
 */

const IFACE = '([a-zA-Z0-9._]+)';
const MAC = '((?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})';
const V6 = '([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)';
const HOST = '(?: \\(([^)\\s]*)\\))?';

const V6_ON_IFACE = new RegExp(`^(.*?) ${V6}(?:/\\d+)? on ${IFACE}$`);
const V6_PORT = new RegExp(`^(.*?) (?:from|to) ${V6} port (\\d+)(?:, transaction ID (\\S+))?`);
const V6_REUSE = new RegExp(`^(.*?) for: ${V6}(?:, age (\\d+) secs)?`);
const V6_NA = new RegExp(`^(.*?): address ${V6} to client with duid (\\S+) iaid = (-?\\d+) valid for (\\d+) seconds`);
const V4_FROM = new RegExp(`^(DHCP[A-Z]+) from ${MAC}${HOST} via ${IFACE}`);
const V4_ON = new RegExp(`^(DHCP[A-Z]+) on (\\S+) to ${MAC}${HOST} via ${IFACE}`);
const V4_FOR = new RegExp(`^(DHCP[A-Z]+) for (\\S+)(?: \\((\\S+)\\))? from ${MAC}${HOST} via ${IFACE}`);
const V6_TRAILING = new RegExp(`^(.*?) ${V6}$`);

const macOf = (m: string): string => m.toUpperCase().replace(/:/g, '-');

export function parseDhcp(ctx: ProgramContext): EcsFragment {
  const text = ctx.line.body.trimEnd();
  const program = ctx.line.programKey;
  const doc: EcsFragment = {};
  const dhcp: Record<string, unknown> = {};
  let action: string | undefined;
  let client: Record<string, unknown> | undefined;
  let server: Record<string, unknown> | undefined;
  let iface: string | undefined;
  let m: RegExpExecArray | null;

  if ((m = V4_FROM.exec(text)) !== null) {
    action = m[1]!;
    client = { mac: macOf(m[2]!) };
    if (m[3]) dhcp.hostname = m[3];
    iface = m[4];
  } else if ((m = V4_ON.exec(text)) !== null) {
    action = m[1]!;
    client = { ...endpoint(m[2]!), mac: macOf(m[3]!) };
    if (m[4]) dhcp.hostname = m[4];
    iface = m[5];
  } else if ((m = V4_FOR.exec(text)) !== null) {
    action = m[1]!;
    client = { ...endpoint(m[2]!), mac: macOf(m[4]!) };
    if (m[3] !== undefined) server = endpoint(m[3]);
    if (m[5]) dhcp.hostname = m[5];
    iface = m[6];
  } else if ((m = V6_NA.exec(text)) !== null && isIPv6(m[2]!)) {
    action = actionWord(m[1]!);
    client = endpoint(m[2]!);
    dhcp.duid = m[3]!;
    dhcp.iaid = m[4]!;
    dhcp.lease_time = Number(m[5]);
  } else if ((m = V6_PORT.exec(text)) !== null && isIPv6(m[2]!)) {
    action = actionWord(m[1]!);
    client = endpoint(m[2]!, Number(m[3]));
    if (m[4] !== undefined) dhcp.transaction_id = m[4];
  } else if ((m = V6_REUSE.exec(text)) !== null && isIPv6(m[2]!)) {
    action = actionWord(m[1]!);
    client = endpoint(m[2]!);
    if (m[3] !== undefined) dhcp.age = Number(m[3]);
  } else if ((m = V6_ON_IFACE.exec(text)) !== null && isIPv6(m[2]!)) {
    action = actionWord(m[1]!);
    client = endpoint(m[2]!);
    iface = m[3];
  } else if ((m = V6_TRAILING.exec(text)) !== null && isIPv6(m[2]!)) {
    action = actionWord(m[1]!);
    client = endpoint(m[2]!);
  }

  const v6 = program === 'dhcp6c' || isV6(client) || isV6(server);
  doc.event = { category: ['network'], type: ['connection', 'protocol', 'info'] };
  if (action !== undefined && action.length > 0) (doc.event as Record<string, unknown>).action = action;
  doc.network = { protocol: v6 ? 'dhcpv6' : 'dhcp', transport: 'udp' };
  if (client !== undefined) {
    doc.client = client;
    doc.source = { ...client };
  }
  if (server !== undefined) {
    doc.server = server;
    doc.destination = { ...server };
  }
  if (iface !== undefined) {
    const ingress: Record<string, unknown> = { interface: { name: iface } };
    const dot = iface.lastIndexOf('.');
    if (dot > 0 && /^\d+$/.test(iface.slice(dot + 1))) {
      const vlan = iface.slice(dot + 1);
      ingress.vlan = { id: vlan };
      (doc.network as Record<string, unknown>).vlan = { id: vlan };
    }
    doc.observer = { ingress };
  }
  vendorGroup(doc, ctx.ns, 'dhcp', dhcp);
  return doc;
}

function isV6(e: Record<string, unknown> | undefined): boolean {
  const ip = e?.ip;
  return typeof ip === 'string' && !isIPv4(ip) && ip.indexOf(':') >= 0;
}
