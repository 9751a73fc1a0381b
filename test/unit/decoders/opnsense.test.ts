import { describe, expect, it } from 'vitest';
import { getField, type EcsDocument } from '@pullwatch/core';
import { decodeLine } from '@pullwatch/decoders';

const AT = new Date('2026-09-07T12:00:00Z');
const decode = (raw: string, opts: { receivedAt?: Date; timezone?: string; vendor?: 'opnsense' | 'auto' } = {}): EcsDocument =>
  decodeLine(raw, { receivedAt: opts.receivedAt ?? AT, timezone: opts.timezone ?? 'UTC', vendor: opts.vendor ?? 'opnsense' });
const f = (doc: unknown, path: string): unknown => getField(doc, path);

const RFC5424 = '<134>1 2026-09-07T02:05:17+00:00 OPNsense.internal filterlog 54555 - [meta sequenceId="418"] ';

describe('decoders > opnsense > filterlog', () => {
  it('maps RFC 5424 with [meta sequenceId] and a 32-hex label like Elastic, with event.sequence', () => {
    const doc = decode(`${RFC5424}71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,10370,0,DF,6,tcp,60,192.0.2.1,192.0.2.10,53170,22,0,S,879339721,,64240,,mss;sackOK;TS;nop;wscale`);
    expect(doc).toMatchObject({
      '@timestamp': '2026-09-07T02:05:17.000Z',
      observer: { vendor: 'OPNsense', product: 'OPNsense', type: 'firewall', name: 'OPNsense.internal', ingress: { interface: { name: 'vtnet1' } } },
      event: { module: 'opnsense', dataset: 'opnsense.log', sequence: 418, action: 'block', outcome: 'failure', reason: 'match', type: ['connection', 'denied'] },
      rule: { id: '71', uuid: '3d399f8f89b68d684701badb48eab085' },
      source: { ip: '192.0.2.1', port: 53170 },
      destination: { ip: '192.0.2.10', port: 22 },
      network: { type: 'ipv4', transport: 'tcp', bytes: 60, direction: 'inbound' },
      process: { name: 'filterlog', pid: 54555 },
      opnsense: { log: { rule: { id: '71', uuid: '3d399f8f89b68d684701badb48eab085' }, ip: { ttl: 64, protocol_number: 6 }, tcp: { flags: 'S', sequence_number: '879339721', window: '64240', options: 'mss;sackOK;TS;nop;wscale' }, data_length: 0 } },
    });
    expect(f(doc, 'pfsense')).toBeUndefined();
  });

  it('treats the label 0 as unknown: no rule.uuid', () => {
    const doc = decode(`${RFC5424},,,0,vtnet0,ip-option,block,out,6,0x00,0x00000,1,ip,0,56,::,ff02::16,INVALIDOPT`);
    expect(f(doc, 'rule')).toBeUndefined();
    expect(f(doc, 'opnsense.log.rule.uuid')).toBe('0');
    expect(f(doc, 'opnsense.log.ip.options')).toEqual(['INVALIDOPT']);
    expect(f(doc, 'observer.egress.interface.name')).toBe('vtnet0');
    expect(f(doc, 'network.transport')).toBe('ip');
  });

  it('parses the old ICMP form, the new form, truncated-icmp and IPv6 ICMP named icmp', () => {
    const old = decode(`${RFC5424}71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,4025,0,DF,1,icmp,84,192.0.2.1,192.0.2.10,datalength=64`);
    expect(f(old, 'opnsense.log.icmp')).toEqual({ datalength: '64' });
    const neu = decode(`${RFC5424}71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,4025,0,DF,1,icmp,84,192.0.2.1,192.0.2.10,datalength=64,echoreq,0,1234,5,`);
    expect(f(neu, 'opnsense.log.icmp')).toEqual({ datalength: '64', type: 'echoreq', code: '0', id: 1234, seq: 5 });
    const cut = decode(`${RFC5424}71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,4025,0,DF,1,icmp,21,192.0.2.1,192.0.2.10,datalength=1,truncated-icmp=1,,,,`);
    expect(f(cut, 'opnsense.log.icmp')).toEqual({ datalength: '1', truncated: 1 });
    const v6 = decode(`${RFC5424}80,,,fae559338f65e11c53669fc3642c93c2,vtnet1,match,pass,out,6,0x00,0x00000,255,icmp,58,32,::,ff02::1:ff0e:1102,datalength=32,neighbrsol,0,,,`);
    expect(v6).toMatchObject({ network: { transport: 'ipv6-icmp', iana_number: '58', type: 'ipv6' }, opnsense: { log: { protocol: 'icmp', icmp: { type: 'neighbrsol' } } } });
  });

  it('reads the BSD variant (single-space day, hostname) and a header without pid', () => {
    const doc = decode('<134>Jan 1 02:21:38 fw.example filterlog[97530]: 146,,,3d399f8f89b68d684701badb48eab085,igb1,match,block,in,4,0x0,,63,12617,0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853,0,S,1891286705,,64240,,mss', { receivedAt: new Date('2026-01-01T12:00:00Z') });
    expect(doc).toMatchObject({ '@timestamp': '2026-01-01T02:21:38.000Z', observer: { name: 'fw.example' }, process: { name: 'filterlog', pid: 97530 }, rule: { id: '146' } });
    const nopid = decode('<134>Jan 1 02:21:38 fw.example filterlog: 146,,,3d399f8f89b68d684701badb48eab085,igb1,match,block,in,4,0x0,,63,12617,0,DF,17,udp,60,10.170.12.50,175.16.199.1,1,2,40', { receivedAt: new Date('2026-01-01T12:00:00Z') });
    expect(f(nopid, 'process')).toEqual({ name: 'filterlog' });
    expect(f(nopid, 'destination.port')).toBe(2);
  });

  it('parses a line with no syslog header at all (`filterlog: ...`), timed at receipt', () => {
    const doc = decode('filterlog: 71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,block,in,4,0x0,,64,6001,0,none,1,icmp,60,198.51.100.9,192.0.2.10,request,12345,1');
    expect(doc).toMatchObject({ '@timestamp': AT.toISOString(), process: { name: 'filterlog' }, source: { ip: '198.51.100.9' }, opnsense: { log: { icmp: { type: 'request', id: 12345, seq: 1 } } } });
  });
});

describe('decoders > opnsense > audit, configd, aliases', () => {
  it('the 26.1 audit line keeps backslashes literal', () => {
    const doc = decode('<39>1 2026-01-20T10:00:00+00:00 OPNsense.internal audit 41095 - [meta sequenceId="18"] user installer failed authentication for login on OPNsense\\Auth\\Services\\System via OPNsense\\Auth\\Local');
    expect(doc).toMatchObject({
      user: { name: 'installer' }, event: { category: ['authentication'], outcome: 'failure', sequence: 18 },
      opnsense: { audit: { result: 'failed authentication', service_type: 'login', service: 'OPNsense\\Auth\\Services\\System', authenticator: 'OPNsense\\Auth\\Local' } },
      process: { name: 'audit', pid: 41095 },
    });
    expect(f(doc, 'message')).toContain('OPNsense\\Auth\\Local');
  });

  it('the old web GUI authentication error line', () => {
    const doc = decode("<13>Sep  7 02:12:01 OPNsense.internal opnsense[1234]: /index.php: Web GUI authentication error for 'admin' from 203.0.113.5");
    expect(doc).toMatchObject({ user: { name: 'admin' }, source: { ip: '203.0.113.5' }, event: { outcome: 'failure', category: ['authentication'] }, opnsense: { php: { script: '/index.php' } } });
  });

  it('a configd.py line: request id and description; a URL-alias refresh; failures', () => {
    const tpl = decode('<29>1 2026-09-07T02:12:15+00:00 OPNsense.localdomain configd.py 88331 - [meta sequenceId="925"] [3f0f2a11-1d5d-4d1e-8f27-1b1b6c0e0e21] generating template OPNsense/Filter');
    expect(tpl).toMatchObject({ process: { name: 'configd.py', pid: 88331 }, opnsense: { configd: { request_id: '3f0f2a11-1d5d-4d1e-8f27-1b1b6c0e0e21', description: 'generating template OPNsense/Filter' } }, event: { sequence: 925 } });
    const refresh = decode('<29>1 2026-09-07T02:12:15+00:00 fw configd.py 88331 - [meta sequenceId="926"] [0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21] refresh url table aliases');
    expect(f(refresh, 'event.action')).toBe('alias-refresh-requested');
    const allowed = decode('<29>1 2026-09-07T02:12:15+00:00 fw configd.py 88331 - [meta sequenceId="927"] [0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21] action allowed filter refresh_url_alias for user root');
    expect(allowed).toMatchObject({ opnsense: { configd: { authorization: 'allowed', command: 'filter refresh_url_alias for user root' } }, event: { action: 'alias-refresh-requested' } });
    const exit = decode('<27>1 2026-09-07T02:12:15+00:00 fw configd.py 88331 - [meta sequenceId="928"] [0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21] returned exit status 1');
    expect(exit).toMatchObject({ opnsense: { configd: { exit_status: 1 } }, event: { outcome: 'failure' } });
    const fetch = decode('<27>1 2026-09-07T02:12:15+00:00 fw configd.py 88331 - [meta sequenceId="929"] [0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21] Script action stderr returned "unable to fetch https://h.example/content: Operation timed out"');
    expect(fetch).toMatchObject({ event: { action: 'fetch-failed', outcome: 'failure' }, url: { domain: 'h.example' } });
    const bg = decode('<30>1 2026-09-07T02:12:15+00:00 fw configd.py 88331 - [meta sequenceId="930"] message 0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21 [filter.refresh_aliases] returned OK');
    expect(f(bg, 'opnsense.configd')).toEqual({ request_id: '0c66392c-2d4e-4f1a-9a0e-1b1b6c0e0e21', command: 'filter.refresh_aliases', result: 'OK' });
  });

  it('URL-table alias messages (ident firewall)', () => {
    const base = '<163>1 2026-03-16T00:55:00+01:00 fw firewall 65115 - [meta sequenceId="1"] ';
    expect(decode(`${base}fetch alias url https://h.example/v1/integrations/abc/content (lines: 0)`)).toMatchObject({ event: { action: 'alias-fetched', outcome: 'success' }, opnsense: { alias: { lines: 0 } }, url: { path: '/v1/integrations/abc/content' } });
    expect(decode(`${base}error fetching alias url https://h.example/content [http_code:401]`)).toMatchObject({ http: { response: { status_code: 401 } }, event: { action: 'alias-fetch-failed', outcome: 'failure' } });
    expect(decode(`${base}error fetching alias url https://h.example/content (HTTPSConnectionPool(host='h.example', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'))))`)).toMatchObject({
      event: { action: 'alias-fetch-failed' }, opnsense: { alias: { error: expect.stringContaining('CERTIFICATE_VERIFY_FAILED') } },
    });
    expect(decode(`${base}alias resolve error CrowdSec (error fetching alias url https://h.example/content)`)).toMatchObject({ opnsense: { alias: { name: 'CrowdSec' } }, event: { action: 'alias-resolve-failed' } });
    expect(decode(`${base}The DNS query name does not exist: Start. [for MALICIOUS]`)).toMatchObject({ opnsense: { alias: { name: 'MALICIOUS', error: 'The DNS query name does not exist: Start.' } }, event: { action: 'alias-dns-failed' } });
    expect(decode(`${base}remove old alias CrowdSec`)).toMatchObject({ opnsense: { alias: { name: 'CrowdSec' } }, event: { action: 'alias-removed' } });
    expect(decode(`${base}Error loading alias [CrowdSec]: pfctl: Cannot allocate memory {current_size: 10, new_size: 200001}`)).toMatchObject({ opnsense: { alias: { name: 'CrowdSec', current_size: 10, new_size: 200001 } }, event: { action: 'alias-load-failed' } });
  });

  it('lighttpd, firmware and sshd lines keep program and message', () => {
    const light = decode('<11>1 2026-09-07T02:12:15+00:00 fw lighttpd 123 - [meta sequenceId="1"] (mod_openssl.c.3511) SSL: 1 error:0A000416:SSL routines::sslv3 alert certificate unknown');
    expect(light).toMatchObject({ process: { name: 'lighttpd', pid: 123 }, message: expect.stringContaining('mod_openssl'), observer: { vendor: 'OPNsense' } });
    const pkg = decode('<14>1 2026-09-07T02:12:15+00:00 fw pkg-static 77 - [meta sequenceId="2"] opnsense upgraded: 25.7.1 -> 25.7.2');
    expect(pkg).toMatchObject({ process: { name: 'pkg-static' }, message: 'opnsense upgraded: 25.7.1 -> 25.7.2' });
    const ssh = decode('<38>1 2026-09-07T02:12:01+00:00 OPNsense.localdomain sshd 41290 - [meta sequenceId="921"] Failed password for invalid user admin from 198.51.100.7 port 51234 ssh2');
    expect(ssh).toMatchObject({ user: { name: 'admin' }, source: { ip: '198.51.100.7', port: 51234 }, event: { outcome: 'failure' }, opnsense: { ssh: { method: 'password' } } });
  });

  it('is chosen automatically for lines with OPNsense evidence', () => {
    const doc = decode('<29>1 2026-09-07T02:12:15+00:00 OPNsense.localdomain configd.py 88331 - [meta sequenceId="925"] [3f0f2a11-1d5d-4d1e-8f27-1b1b6c0e0e21] generating template OPNsense/Filter', { vendor: 'auto' });
    expect(f(doc, 'observer.vendor')).toBe('OPNsense');
    expect(f(doc, 'event.module')).toBe('opnsense');
  });
});
