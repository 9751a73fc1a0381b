import type { ProgramParser } from './context.js';
import { parseDhcp } from './dhcp.js';
import { parseHaproxy } from './haproxy.js';
import { parseIpsec } from './ipsec.js';
import { parseNginx } from './nginx.js';
import { parseOpenvpn } from './openvpn.js';
import { parsePfblockerng } from './pfblockerng.js';
import { parsePhp } from './php.js';
import { parseSnort } from './snort.js';
import { parseSquid } from './squid.js';
import { parseSshd } from './sshd.js';
import { parseUnbound } from './unbound.js';

export type { ProgramContext, ProgramParser, FamilyNamespace } from './context.js';
export { endpoint, urlFields, vendorGroup, actionWord } from './context.js';
export { bodyZone, clfTimeToIso } from './local-time.js';
export { domainParts } from './unbound.js';
export { parsePhp } from './php.js';

/** Program (lower-cased `process.name`) → parser, for the daemons pfSense and OPNsense share. */
const PARSERS: Record<string, ProgramParser> = {
  php: parsePhp,
  'php-fpm': parsePhp,
  'php-cgi': parsePhp,
  php_wrapper: parsePhp,
  'rc.update_urltables': parsePhp,
  dhcpd: parseDhcp,
  dhclient: parseDhcp,
  dhcp6c: parseDhcp,
  unbound: parseUnbound,
  openvpn: parseOpenvpn,
  charon: parseIpsec,
  sshd: parseSshd,
  nginx: parseNginx,
  haproxy: parseHaproxy,
  snort: parseSnort,
  suricata: parseSnort,
  pfblockerng: parsePfblockerng,
  squid: parseSquid,
};

/** The parser of a program (`squid-1`, `squid-2`... are squid), or undefined for message-only programs. */
export function programParser(programKey: string): ProgramParser | undefined {
  const p = PARSERS[programKey];
  if (p !== undefined) return p;
  if (programKey.startsWith('squid')) return parseSquid;
  if (programKey.startsWith('php')) return parsePhp;
  return undefined;
}

/** `event.provider`: the program without a `-N` instance suffix (`squid-1` → `squid`). */
export function providerOf(program: string): string {
  const m = /^(.*?)-\d+$/.exec(program);
  return m === null ? program : m[1]!;
}
