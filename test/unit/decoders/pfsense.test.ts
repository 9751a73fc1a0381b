import { describe, expect, it } from 'vitest';
import { DecodeError, getField, type EcsDocument } from '@pullwatch/core';
import { decodeLine, type DecodeInput } from '@pullwatch/decoders';
import { parseSyslog } from '@pullwatch/syslog';
import { pfsenseDecoder } from '../../../packages/decoders/src/pfsense/index.js';
import { opnsenseDecoder } from '../../../packages/decoders/src/opnsense/index.js';

const AT = new Date('2022-09-01T00:00:00Z');
const TCP_BODY = '146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss;sackOK;TS;nop;wscale';

const decode = (raw: string, opts: { receivedAt?: Date; timezone?: string } = {}): EcsDocument =>
  decodeLine(raw, { receivedAt: opts.receivedAt ?? AT, timezone: opts.timezone ?? '-04:00', vendor: 'pfsense' });
const f = (doc: unknown, path: string): unknown => getField(doc, path);

function inputOf(raw: string, receivedAt = AT, timezone = '-04:00'): DecodeInput {
  const p = parseSyslog(raw, { receivedAt, timezone });
  return { raw, header: p.header, message: p.message, receivedAt, timezone };
}

/** Paths holding `undefined` (must be none: output is plain JSON). */
function undefinedPaths(v: unknown, path = ''): string[] {
  if (v === undefined) return [path];
  if (v === null || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => undefinedPaths(x, `${path}[${i}]`));
  return Object.entries(v).flatMap(([k, x]) => undefinedPaths(x, path ? `${path}.${k}` : k));
}

describe('decoders > pfsense > filterlog events', () => {
  it('maps a blocked IPv4 TCP line as Elastic does, plus outcome, product and direction-based interface', () => {
    const doc = decode(`<134>Jul  3 19:10:30 filterlog[72237]: ${TCP_BODY}`);
    expect(doc).toMatchObject({
      '@timestamp': '2022-07-03T23:10:30.000Z',
      observer: { vendor: 'netgate', product: 'pfSense', type: 'firewall', ingress: { interface: { name: 'igb1.12' }, vlan: { id: '12' } } },
      event: { kind: 'event', module: 'pfsense', dataset: 'pfsense.log', category: ['network'], type: ['connection', 'denied'], action: 'block', outcome: 'failure', reason: 'match' },
      rule: { id: '1535324496' },
      network: { type: 'ipv4', transport: 'tcp', iana_number: '6', bytes: 60, direction: 'inbound' },
      source: { ip: '10.170.12.50', port: 49724 },
      destination: { ip: '175.16.199.1', port: 853 },
      related: { ip: ['10.170.12.50', '175.16.199.1'] },
      process: { name: 'filterlog', pid: 72237 },
      pfsense: { ip: { tos: '0x0', ttl: 63, id: 12617, offset: 0, flags: 'DF' }, tcp: { length: 0, flags: 'S', seq: 1891286705, window: 64240, options: ['mss', 'sackOK', 'TS', 'nop', 'wscale'] } },
    });
    expect(f(doc, 'observer.name')).toBeUndefined();
    expect(undefinedPaths(doc)).toEqual([]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('puts an outbound interface under observer.egress', () => {
    const doc = decode('<134>Jul  3 19:10:30 filterlog[1]: 9,,,1000000009,em1,match,pass,out,4,0x0,,64,1,0,DF,17,udp,76,192.0.2.10,198.51.100.53,53412,53,56');
    expect(f(doc, 'observer.egress.interface.name')).toBe('em1');
    expect(f(doc, 'observer.ingress')).toBeUndefined();
    expect(f(doc, 'network.direction')).toBe('outbound');
    expect(f(doc, 'event.outcome')).toBe('success');
    expect(f(doc, 'event.type')).toEqual(['connection', 'allowed']);
  });

  it('maps a TCP seq range to seq/seq_end and ICMP/IGMP/CARP tails to pfsense.*', () => {
    const tcp = decode('<134>Jul  3 19:10:30 filterlog[1]: 5,,,1000000103,em0,match,pass,in,4,0x0,,64,1,0,DF,6,tcp,52,198.51.100.3,192.0.2.1,50000,443,24,PA,1000:1024,77,512,,nop;nop;TS');
    expect(f(tcp, 'pfsense.tcp')).toEqual({ length: 24, flags: 'PA', seq: 1000, seq_end: 1024, ack: 77, window: 512, options: ['nop', 'nop', 'TS'] });
    const port = decode('<134>Jul  3 19:10:30 filterlog[1]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,unreachport,198.51.100.3,17,33434');
    expect(f(port, 'pfsense.icmp')).toEqual({ type: 'unreachport', destination: { ip: '198.51.100.3' }, unreachable: { iana_number: '17', port: 33434 } });
    const frag = decode('<134>Jul  3 19:10:30 filterlog[1]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,needfrag,198.51.100.3,1400');
    expect(f(frag, 'pfsense.icmp')).toEqual({ type: 'needfrag', destination: { ip: '198.51.100.3' }, mtu: 1400 });
    const igmp = decode('<134>Jul  3 19:10:33 filterlog[1]: 199,,,1557957510,igb1.12,match,pass,in,4,0xc0,,1,0,0,DF,2,igmp,32,10.170.12.17,224.0.0.22,datalength=12');
    expect(f(igmp, 'pfsense.igmp.datalength')).toBe(12);
    expect(f(igmp, 'network.transport')).toBe('igmp');
    const carp = decode('<134>Jul  3 19:10:33 filterlog[1]: 60,,,1000000110,em2,match,pass,out,4,0x10,,255,4242,0,none,112,carp,56,192.0.2.2,224.0.0.18,advertise,255,1,2,0,1');
    expect(f(carp, 'pfsense.carp')).toEqual({ type: 'advertise', ttl: 255, vhid: 1, version: 2, advskew: 0, advbase: 1 });
    expect(f(carp, 'network.transport')).toBe('carp');
  });

  it('handles IPv6: UDP, ICMPv6 with a trailing comma, hop-by-hop Options and PIM', () => {
    const udp = decode('<134>Jul  3 19:10:31 filterlog[1]: 6,,,1000000105,igb1.27,match,block,in,6,0x00,0xf6279,1,UDP,17,32,fe80::208:9bff:fef3:652b,ff02::1:2,546,547,32');
    expect(udp).toMatchObject({ network: { type: 'ipv6', transport: 'udp', iana_number: '17' }, source: { port: 546 }, destination: { port: 547 }, pfsense: { ip: { tos: '0x00', flow_label: '0xf6279', ttl: 1 }, udp: { length: 32 } } });
    const icmp6 = decode('<134>Jul  3 19:10:31 filterlog[1]: 6,,,1000000105,igb1.27,match,block,in,6,0x00,0x00000,255,ICMPv6,58,32,fe80::1,ff02::2,');
    expect(icmp6).toMatchObject({ network: { transport: 'ipv6-icmp', iana_number: '58', bytes: 32 }, destination: { ip: 'ff02::2' } });
    expect(icmp6.tags ?? []).not.toContain('truncated');
    const hbh = decode('<134>Jul  3 19:10:31 filterlog[1]: 6,,,1000000105,igb1.27,match,block,in,6,0xe0,0x00000,1,Options,0,32,fe80::1,ff02::1,HBH,RTALERT,0x0000,PADN,');
    expect(f(hbh, 'pfsense.ip.options')).toEqual(['HBH', 'RTALERT', '0x0000', 'PADN']);
    expect(f(hbh, 'destination.ip')).toBe('ff02::1');
    const pim = decode('<134>Jul  3 19:10:31 filterlog[1]: 6,,,1000000105,igb1.27,match,pass,in,6,0x00,0x00000,1,PIM,103,38,fe80::1,ff02::d,hello,1');
    expect(pim).toMatchObject({ network: { transport: 'pim', iana_number: '103' }, pfsense: { protocol_data: 'hello,1' }, destination: { ip: 'ff02::d' } });
  });

  it('accepts empty ECN, flags DF/none/+, and the action unkn(%u)', () => {
    const plus = decode('<134>Jul  3 19:10:31 filterlog[1]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,1,0,+,17,udp,40,192.0.2.1,192.0.2.2,1,2,12');
    expect(f(plus, 'pfsense.ip.flags')).toBe('+');
    expect(f(plus, 'pfsense.ip.ecn')).toBeUndefined();
    const unkn = decode('<134>Jul  3 19:10:31 filterlog[1]: 5,,,1000000103,em0,match,unkn(11),in,4,0x0,,64,1,0,DF,17,udp,40,192.0.2.1,192.0.2.2,1,2,12');
    expect(f(unkn, 'event.action')).toBe('unkn(11)');
    expect(f(unkn, 'event.outcome')).toBeUndefined();
    expect(f(unkn, 'event.type')).toEqual(['connection']);
  });
});

describe('decoders > pfsense > headers by version', () => {
  it('2.4 header `filterlog:` without pid or host, and with a host', () => {
    const bare = decode(`<134>Oct  1 22:13:51 filterlog: ${TCP_BODY}`);
    expect(f(bare, 'process')).toEqual({ name: 'filterlog' });
    expect(f(bare, 'observer.name')).toBeUndefined();
    expect(f(bare, 'source.ip')).toBe('10.170.12.50');
    const hosted = decode(`Apr 16 16:20:46 PFSENSE1-PUY filterlog: ${TCP_BODY}`);
    expect(f(hosted, 'observer.name')).toBe('PFSENSE1-PUY');
    expect(f(hosted, 'rule.id')).toBe('1535324496');
  });

  it('2.5 BSD default `filterlog[pid]:` with no hostname, and an IP as hostname', () => {
    const doc = decode(`<134>Apr 16 14:12:51 filterlog[24923]: ${TCP_BODY}`);
    expect(f(doc, 'process.pid')).toBe(24923);
    expect(f(doc, 'observer.name')).toBeUndefined();
    const ip = decode(`<134>Apr 16 14:12:51 192.0.2.1 filterlog[24923]: ${TCP_BODY}`);
    expect(f(ip, 'observer.name')).toBe('192.0.2.1');
  });

  it('RFC 5424 with µs and an offset keeps the instant and the hostname', () => {
    const doc = decode(`<134>1 2021-07-03T19:10:14.578288-05:00 pfSense.example.com filterlog 72237 - - ${TCP_BODY}`);
    expect(f(doc, '@timestamp')).toBe('2021-07-04T00:10:14.578Z');
    expect(f(doc, 'observer.name')).toBe('pfSense.example.com');
    expect(f(doc, 'process.pid')).toBe(72237);
  });

  it('accepts `Nov  5` and `Nov 5`, a space after PRI, and no PRI at all', () => {
    for (const raw of [
      `<134>Nov  5 10:00:00 filterlog[1]: ${TCP_BODY}`,
      `<134>Nov 5 10:00:00 filterlog[1]: ${TCP_BODY}`,
      `<134> Nov 5 10:00:00 filterlog[1]: ${TCP_BODY}`,
      `Nov 5 10:00:00 filterlog[1]: ${TCP_BODY}`,
    ]) {
      const doc = decode(raw, { receivedAt: new Date('2021-11-06T00:00:00Z'), timezone: 'UTC' });
      expect(f(doc, '@timestamp')).toBe('2021-11-05T10:00:00.000Z');
      expect(f(doc, 'destination.port')).toBe(853);
    }
  });

  it('infers the year around new year in the device zone', () => {
    const late = decode(`<134>Dec 31 23:59:59 filterlog[1]: ${TCP_BODY}`, { receivedAt: new Date('2023-01-01T05:00:05Z'), timezone: '-05:00' });
    expect(f(late, '@timestamp')).toBe('2023-01-01T04:59:59.000Z'); // Dec 31 2022 23:59:59 at -05:00
    const early = decode(`<134>Jan  1 00:00:01 filterlog[1]: ${TCP_BODY}`, { receivedAt: new Date('2023-01-01T04:59:58Z'), timezone: '-05:00' });
    expect(f(early, '@timestamp')).toBe('2023-01-01T05:00:01.000Z'); // Jan 1 2023 00:00:01 at -05:00
  });

  it('a MSG starting with a BOM still yields the right first CSV column', () => {
    const doc = decode(`<134>1 2021-07-03T19:10:14Z pfSense.example.com filterlog 72237 - - \uFEFF${TCP_BODY}`);
    expect(f(doc, 'pfsense.rule.number')).toBe('146');
    expect(f(doc, 'rule.id')).toBe('1535324496');
    expect(doc.tags).toContain('bom_stripped');
  });

  it('a relayed double header describes the device from the inner header', () => {
    const doc = decode(`<13>Mar 13 11:45:17 192.168.1.1 filterlog: Mar 13 11:45:17 vFW01 filterlog[25715]: ${TCP_BODY}`);
    expect(f(doc, 'observer.name')).toBe('vFW01');
    expect(f(doc, 'process.pid')).toBe(25715);
    expect(f(doc, 'source.ip')).toBe('10.170.12.50');
  });
});

describe('decoders > pfsense > damaged input', () => {
  it('an LF-split fragment is rejected with DecodeError(fragment), and decodeLine keeps the base document', () => {
    const raw = '<134>Jul  3 19:10:30 filterlog[72237]: 255.255,,1,1,aged-out,0,0,1,1,1';
    expect(() => pfsenseDecoder.decode(inputOf(raw))).toThrow(DecodeError);
    try {
      pfsenseDecoder.decode(inputOf(raw));
    } catch (e) {
      expect((e as DecodeError).code).toBe('fragment');
    }
    const doc = decode(raw);
    expect(doc.tags).toEqual(expect.arrayContaining(['decode_failed', 'fragment']));
    expect(f(doc, 'event.original')).toBe(raw);
    const headerless = decode('255.255,,1,1,aged-out,0,0,1,1,1');
    expect(headerless.tags).toEqual(expect.arrayContaining(['decode_failed', 'fragment']));
  });

  it.each([480, 1024, 2048])('a line cut at exactly %i bytes is tagged truncated, complete fields kept, nothing shifted', (cap) => {
    const header = '<134>Jul  3 19:10:30 filterlog[72237]: ';
    const head = '146,,,1535324496,igb1.12,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,';
    const options = Array.from({ length: 400 }, (_, i) => (i % 2 ? 'nop' : 'sackOK')).join(';');
    const raw = (header + head + options).slice(0, cap);
    expect(Buffer.byteLength(raw)).toBe(cap);
    const doc = decode(raw);
    expect(doc.tags).toContain('truncated');
    expect(doc.tags ?? []).not.toContain('decode_failed');
    expect(doc).toMatchObject({ source: { ip: '10.170.12.50', port: 49724 }, destination: { ip: '175.16.199.1', port: 853 }, pfsense: { tcp: { window: 64240 } } });
    expect(f(doc, 'pfsense.tcp.options')).toBeUndefined();
  });

  it('a php line cut at exactly 480 bytes is tagged truncated', () => {
    const raw = `<11>Jul  3 19:10:30 php-cgi[5]: /etc/rc.update_urltables: Download file failed with status code 401. URL: https://h.example/${'a'.repeat(600)}`.slice(0, 480);
    const doc = decode(raw);
    expect(doc.tags).toContain('truncated');
    expect(f(doc, 'http.response.status_code')).toBe(401);
  });

  it('a line with invalid UTF-8 (replacement characters, a lone surrogate) does not throw and keeps event.original exact', () => {
    const raw = `<134>Jul  3 19:10:30 filterlog[1]: 146,,,1535324496,igb\uFFFD1,match,block,in,4,0x0,,63,1,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1,,64240,,mss\uD800`;
    const doc = decode(raw);
    expect(f(doc, 'event.original')).toBe(raw);
    expect(f(doc, 'observer.ingress.interface.name')).toBe('igb\uFFFD1');
    expect(f(doc, 'source.ip')).toBe('10.170.12.50');
  });

  it('keeps a line whose addresses are not IPs, with error.message and without source.ip', () => {
    const doc = decode('<134>Jul  3 19:10:30 filterlog[1]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,1,0,DF,17,udp,40,999.1.1.1,192.0.2.2,1,2,12');
    expect(f(doc, 'source.ip')).toBeUndefined();
    expect(f(doc, 'source.address')).toBe('999.1.1.1');
    expect(f(doc, 'error.message')).toBe('source is not an IP: 999.1.1.1');
    expect(f(doc, 'destination.ip')).toBe('192.0.2.2');
  });
});

describe('decoders > pfsense > other programs', () => {
  it('php-fpm web GUI login success and failure lines with no hostname', () => {
    const ok = decode("<134>Jul  3 19:10:30 php-fpm[99932]: /index.php: Successful login for user 'admin' from: 10.150.150.77 (Local Database)");
    expect(ok).toMatchObject({ user: { name: 'admin' }, source: { ip: '10.150.150.77' }, event: { category: ['authentication'], outcome: 'success' }, process: { name: 'php-fpm', pid: 99932 }, pfsense: { php: { script: '/index.php', auth_source: 'Local Database' } } });
    expect(f(ok, 'observer.name')).toBeUndefined();
    const bad = decode("<134>Jul  3 19:10:30 php-fpm[99932]: /index.php: webConfigurator authentication error for user 'asdf' from: 175.16.199.1");
    expect(bad).toMatchObject({ user: { name: 'asdf' }, source: { ip: '175.16.199.1' }, event: { outcome: 'failure' }, related: { user: ['asdf'], ip: ['175.16.199.1'] } });
  });

  it('php configuration change deleting a firewall alias', () => {
    const doc = decode('<11>Jul  3 19:10:30 php-fpm[1]: /firewall_aliases.php: Configuration Change: admin@192.0.2.10 (Local Database): Deleted firewall alias CrowdSec_BL');
    expect(doc).toMatchObject({ user: { name: 'admin' }, source: { ip: '192.0.2.10' }, event: { category: ['configuration'], type: ['deletion'], action: 'alias-deleted' }, pfsense: { alias: { name: 'CrowdSec_BL' } } });
  });

  it('rc.update_urltables: updated, not due, could not update (2.7 and master wording), download status code', () => {
    const updated = decode('<11>Jul  3 19:10:30 php-cgi[5]: rc.update_urltables: /etc/rc.update_urltables: Updated CrowdSec_BL content from https://admin.api.crowdsec.net/v1/integrations/abc/content: 1234 addresses added.');
    expect(updated).toMatchObject({ event: { action: 'url-table-updated', outcome: 'success' }, url: { domain: 'admin.api.crowdsec.net', path: '/v1/integrations/abc/content' }, pfsense: { url_table: { alias: 'CrowdSec_BL' }, php: { script: 'rc.update_urltables' } } });
    const failed = decode('<11>Jul  3 19:10:30 php-cgi[5]: /etc/rc.update_urltables: ERROR: could not update CrowdSec_BL content from https://admin.api.crowdsec.net/v1/integrations/abc/content');
    expect(failed).toMatchObject({ event: { action: 'url-table-update-failed', outcome: 'failure' }, url: { original: 'https://admin.api.crowdsec.net/v1/integrations/abc/content' }, pfsense: { url_table: { alias: 'CrowdSec_BL' } } });
    const master = decode('<11>Jul  3 19:10:30 php-cgi[5]: ERROR /etc/rc.update_urltables could not update CrowdSec_BL content from https://h.example/x');
    expect(master).toMatchObject({ log: { level: 'error' }, event: { action: 'url-table-update-failed' }, pfsense: { url_table: { alias: 'CrowdSec_BL' } } });
    const notDue = decode('<11>Jul  3 19:10:30 php-cgi[5]: /etc/rc.update_urltables: CrowdSec_BL does not need updating.');
    expect(f(notDue, 'event.action')).toBe('url-table-not-due');
    const status = decode('<11>Jul  3 19:10:30 php-cgi[5]: /etc/rc.update_urltables: Download file failed with status code 401. URL: https://admin.api.crowdsec.net/v1/integrations/abc/content');
    expect(status).toMatchObject({ http: { response: { status_code: 401 } }, event: { action: 'download-failed', outcome: 'failure' }, url: { domain: 'admin.api.crowdsec.net' } });
  });

  it('pfBlockerNG syslog and log-file lines', () => {
    const reload = decode('<13>Jul  3 19:10:30 pfBlockerNG[7]: Firewall rule changes found, applying Filter Reload');
    expect(reload).toMatchObject({ process: { name: 'pfBlockerNG' }, event: { module: 'pfsense' } });
    const fail = decode('<13>Jul  3 19:10:30 pfblockerng: [ CrowdSec_v4 - CrowdSec ] Download FAIL [ 07/03/22 19:10:30 ]');
    expect(fail).toMatchObject({ event: { action: 'download-failed', outcome: 'failure' }, pfsense: { pfblockerng: { alias: 'CrowdSec_v4', header: 'CrowdSec' } } });
    const http = decode('<13>Jul  3 19:10:30 pfblockerng: . 401 Unauthorized');
    expect(http).toMatchObject({ http: { response: { status_code: 401 } }, event: { outcome: 'failure' } });
    const curl = decode('<13>Jul  3 19:10:30 pfblockerng: SSL certificate problem: unable to get local issuer certificate |CrowdSec|https://h.example/content| Retry [3] in 5 seconds...');
    expect(curl).toMatchObject({ url: { original: 'https://h.example/content' }, pfsense: { pfblockerng: { curl_error: 'SSL certificate problem: unable to get local issuer certificate', retry: 3, header: 'CrowdSec' } } });
  });

  it('dhcpd, unbound, openvpn, charon, sshd, haproxy, squid, snort, nginx and message-only programs', () => {
    expect(decode('<190>Jul  4 09:39:41 dhcpd[64305]: DHCPACK on 10.150.60.56 to 4c:55:41:a0:fa:99 (computer-name) via eth0.60')).toMatchObject({
      event: { action: 'DHCPACK' }, client: { ip: '10.150.60.56', mac: '4C-55-41-A0-FA-99' }, pfsense: { dhcp: { hostname: 'computer-name' } }, network: { protocol: 'dhcp', transport: 'udp' },
    });
    expect(decode('<30>Aug 15 16:19:02 unbound[26931]: [26931:0] info: 192.168.1.1 api.opensubtitles.org. A IN')).toMatchObject({
      dns: { question: { name: 'api.opensubtitles.org', type: 'A', class: 'IN', registered_domain: 'opensubtitles.org', subdomain: 'api', top_level_domain: 'org' } }, source: { ip: '192.168.1.1' }, log: { level: 'info' },
    });
    const unboundErr = decode('<27>Aug 15 16:19:02 unbound[26931]: [26931:1] error: SERVFAIL <admin.api.crowdsec.net. A IN>: all servers for this domain failed');
    expect(unboundErr).toMatchObject({ log: { level: 'error' }, process: { name: 'unbound' } });
    expect(decode("<37>Jul  3 21:42:57 openvpn[19830]: user 'bob' authenticated")).toMatchObject({ user: { name: 'bob' }, event: { outcome: 'success', category: ['authentication', 'network'] } });
    expect(decode('<30>1 2021-07-03T23:08:00.777042-05:00 pfSense.example.com charon 18610 - - 14[NET] <con1000|11> sending packet: from 175.16.199.1[500] to 175.16.199.2[4500] (464 bytes)')).toMatchObject({
      source: { ip: '175.16.199.1', port: 500 }, destination: { ip: '175.16.199.2', port: 4500 }, network: { bytes: 464, protocol: 'ipsec' }, pfsense: { ipsec: { subsystem: 'NET', connection: 'con1000', ike_sa: 11 } },
    });
    expect(decode('<38>Jul  3 21:42:57 sshd[4242]: Failed password for invalid user admin from 198.51.100.7 port 51234 ssh2')).toMatchObject({
      user: { name: 'admin' }, source: { ip: '198.51.100.7', port: 51234 }, event: { outcome: 'failure', category: ['authentication'] },
    });
    const haproxy = decode('<134>Jun 13 20:53:10 pfSense haproxy[25571]: 10.0.200.110:50578 [13/Jun/2022:20:53:10.208] TestFrontend TestBackend_ipvANY/TestServer 0/0/0/433/537 200 65018 - - ---- 5/5/0/1/0 0/0 "GET /static/fonts/roboto/Roboto-Bold.woff2 HTTP/1.1"');
    expect(haproxy).toMatchObject({ '@timestamp': '2022-06-14T00:53:10.208Z', http: { response: { status_code: 200 }, request: { method: 'GET' } }, url: { path: '/static/fonts/roboto/Roboto-Bold.woff2', extension: 'woff2' }, event: { duration: 537000000, outcome: 'success' }, observer: { name: 'pfSense' } });
    const squid = decode('<166>Aug 21 22:08:13 fw (squid-1)[6802]: 1598040493.253 325 175.16.199.1 TCP_MISS/304 2912 GET https://github.com/3ilson/pfelk/file-list/master - HIER_DIRECT/81.2.69.145 -');
    expect(squid).toMatchObject({ process: { name: 'squid-1' }, event: { provider: 'squid' }, squid: { request_status: 'TCP_MISS', hierarchy_status: 'HIER_DIRECT' }, url: { domain: 'github.com' }, destination: { ip: '81.2.69.145' } });
    expect(decode('<190>Jul 23 18:12:00 snort[87537]: [136:1:1] (spp_reputation) packets blacklisted [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 67.43.156.1:16856 -> 89.160.20.128:2222')).toMatchObject({
      snort: { generator_id: '136', signature_id: '1', preprocessor: 'spp_reputation', priority: 2 }, source: { port: 16856 }, destination: { ip: '89.160.20.128' },
    });
    expect(decode('<27>Jul  3 21:42:57 nginx: 2022/07/03 21:42:57 [error] 123#0: *1 upstream timed out, client: 192.0.2.7, server: , request: "GET /index.php HTTP/2.0"')).toMatchObject({
      log: { level: 'error' }, source: { ip: '192.0.2.7' }, url: { path: '/index.php' }, http: { request: { method: 'GET' } },
    });
    const plain = decode('<13>Jul  3 21:42:57 check_reload_status[400]: Reloading filter');
    expect(plain).toMatchObject({ process: { name: 'check_reload_status', pid: 400 }, message: 'Reloading filter', observer: { vendor: 'netgate' } });
    expect(undefinedPaths(plain)).toEqual([]);
  });

  it('strips a path from the program name', () => {
    const doc = decode('<13>Jul  3 21:42:57 /usr/local/sbin/xyz[123]: hello');
    expect(f(doc, 'process')).toEqual({ name: 'xyz', pid: 123 });
  });
});

describe('decoders > pfsense > detection (pfSense vs OPNsense)', () => {
  const claims = (raw: string) => [pfsenseDecoder.claims(inputOf(raw)), opnsenseDecoder.claims(inputOf(raw))];

  it('claims pfSense-family lines without OPNsense evidence', () => {
    expect(claims(`<134>Jul  3 19:10:30 filterlog[72237]: ${TCP_BODY}`)).toEqual([true, false]);
    expect(claims("<134>Jul  3 19:10:30 php-fpm[99932]: /index.php: Successful login for user 'admin' from: 10.1.1.1 (Local Database)")).toEqual([true, false]);
    expect(claims('<190>Jul  4 09:39:40 dhcpd[64305]: DHCPDISCOVER from 4c:55:41:a0:fa:99 via eth0.60')).toEqual([true, false]);
    expect(claims(TCP_BODY)).toEqual([true, false]);
  });

  it('leaves OPNsense evidence to OPNsense: SD sequenceId, configd/audit/lighttpd programs, 32-hex labels, hostname', () => {
    expect(claims('<134>1 2022-06-09T14:44:11-06:00 fw.example filterlog 76404 - [meta sequenceId="1"] 124,,,1000000103,em0,match,pass,out,4,0x0,,63,5687,0,DF,6,tcp,60,192.168.1.1,10.10.10.10,40370,80,0,S,3364871769,,65535,,mss')).toEqual([false, true]);
    expect(claims('<29>Jan 1 02:21:38 fw configd.py[1]: [3f0f2a11-1d5d-4d1e-8f27-1b1b6c0e0e21] generating template OPNsense/Filter')).toEqual([false, true]);
    expect(claims('<38>Jan 1 02:21:38 fw lighttpd[1]: (server.c.1513) server started')).toEqual([false, true]);
    expect(claims('<134>Jan 1 02:21:38 fw filterlog[97530]: 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,pass,out,4,0x0,,64,14622,0,DF,17,udp,76,192.0.2.10,198.51.100.53,53412,53,56')).toEqual([false, true]);
    expect(claims('<190>Dec 31 22:06:16 firewall.opnsense.net dhcpd[40152]: DHCPDISCOVER from 4c:55:41:a0:fa:99 via eth0.60')).toEqual([false, true]);
    expect(claims('<166>Aug 21 22:08:13 fw (squid-1)[6802]: {"@timestamp":"2026-08-08T19:42:51+0000","http":{"request":{"method":"GET"}}}')).toEqual([false, true]);
    expect(claims('<166>Aug 21 22:08:13 fw (squid-1)[6802]: 1598040493.253 325 175.16.199.1 TCP_MISS/304 2912 GET https://github.com/ - HIER_DIRECT/81.2.69.145 -')).toEqual([true, false]);
  });

  it('claims neither FortiGate nor PAN-OS nor unrelated programs', () => {
    expect(claims('<189>date=2024-07-19 time=11:08:59 devname="FGT" logid="0100022221" type="event"')).toEqual([false, false]);
    expect(claims('<14>Mar 25 00:00:56 PAN1 1,2016/03/25 00:00:56,001606001116,SYSTEM,general,0,2016/03/25 00:00:56,,general,,0,0,general,informational,"User admin logged in",1,0x0,0,0,0,0,,PAN1')).toEqual([false, false]);
    expect(claims('<13>Jul  3 21:42:57 myapp[1]: hello')).toEqual([false, false]);
  });
});
