/**
 * PAN-OS decoder: focused cases, one per item of the PAN-OS test checklist in
 * research/parsing-pitfalls.md, plus the mapping basics and a fuzz property.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, getField, type EcsDocument } from '@pullwatch/core';
import { parseSyslog } from '@pullwatch/syslog';
import { decodeLine } from '../../../packages/decoders/src/decode-line.js';
import { panosDecoder, splitCsv } from '../../../packages/decoders/src/panos/index.js';
import { TRAFFIC_COLUMNS } from '../../../packages/decoders/src/panos/columns.js';
import type { DecodeInput } from '../../../packages/decoders/src/types.js';
import { corporaDir } from '../../helpers/corpora.js';

const RECEIVED = new Date('2025-12-10T00:01:00Z');

function input(raw: string, opts: { receivedAt?: Date; timezone?: string } = {}): DecodeInput {
  const receivedAt = opts.receivedAt ?? RECEIVED;
  const parsed = parseSyslog(raw, { receivedAt, ...(opts.timezone ? { timezone: opts.timezone } : {}) });
  return { raw, header: parsed.header, message: parsed.message, receivedAt, ...(opts.timezone ? { timezone: opts.timezone } : {}) };
}

const decode = (raw: string, opts: { receivedAt?: Date; timezone?: string } = {}): EcsDocument =>
  panosDecoder.decode(input(raw, opts));

const f = (doc: unknown, path: string): unknown => getField(doc, path);

function assertPlainJson(value: unknown, path = ''): void {
  if (value === undefined) throw new Error(`undefined at ${path}`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`non-finite number at ${path}`);
  if (Array.isArray(value)) value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertPlainJson(v, path ? `${path}.${k}` : k);
  }
}

// ------------------------------------------------------------------------------------------------
// A TRAFFIC record built column by column, so one event can be rendered in several layouts.
// ------------------------------------------------------------------------------------------------

const HEAD = ['1', '2025/12/10 00:00:00', '007051000113358', 'TRAFFIC', 'end', '2561', '2025/12/10 00:00:00'];
const VALUES: Record<string, string> = {
  'source.ip': '10.0.0.1', 'destination.ip': '203.0.113.9', 'source.nat.ip': '198.51.100.7', 'destination.nat.ip': '203.0.113.9',
  ruleset: 'allow-blocklist-pull', '~srcuser': 'corp\\alice', 'network.application': 'ssl', virtual_sys: 'vsys1',
  'source.zone': 'trust', 'destination.zone': 'untrust', inbound_interface: 'ethernet1/2', outbound_interface: 'ethernet1/1',
  log_profile: 'default', flow_id: '22751', repeat_count: '1', 'source.port': '55113', 'destination.port': '443',
  'source.nat.port': '16418', 'destination.nat.port': '443', '~labels': '0x400053', protocol: 'tcp', action: 'allow',
  'network.bytes': '7734', bytes_sent: '1758', bytes_received: '5976', 'network.packets': '36',
  start_time: '2025/12/09 23:50:14', elapsed_time: '586', 'url.category': 'computer-and-internet-info',
  sequence_number: '32091112', action_flags: '0x0', '~srcloc': '10.0.0.0-10.255.255.255', '~dstloc': 'United States',
  packets_sent: '16', packets_received: '20', endreason: 'tcp-fin', device_name: 'PA-220', action_source: 'from-policy',
  rule_uuid: '731a6a1a-9a62-4a92-a49a-0876025a9436', 'link.switches': '{link1, tag1, ethernet1/1, 100,100,,N/A}',
  'xff.ip': '192.0.2.10', '~high_res_timestamp': '2025-12-10T00:00:00.123Z',
};
const LINK_SWITCHES = TRAFFIC_COLUMNS.indexOf('link.switches');

function trafficRow(columns: number, extra: string[] = []): string {
  const body = TRAFFIC_COLUMNS.slice(0, columns).map((name) => (name === '-' ? '' : VALUES[name] ?? (name === 'link.switches' ? '' : '0')));
  return [...HEAD, ...body, ...extra].join(',');
}

const LAYOUTS = {
  '8.1': trafficRow(TRAFFIC_COLUMNS.indexOf('sctp.chunks_received') + 1),
  '9.1': trafficRow(TRAFFIC_COLUMNS.indexOf('http2_connection') + 1),
  '10.2': trafficRow(TRAFFIC_COLUMNS.length - 1),
  '11.1': trafficRow(TRAFFIC_COLUMNS.length, ['TRAFFIC_FLOW', 'cluster-a']),
};

const COMMON_FIELDS = [
  '@timestamp', 'event.created', 'event.start', 'event.end', 'event.duration', 'event.action', 'event.outcome', 'event.type',
  'event.category', 'source.ip', 'source.port', 'source.nat.ip', 'source.nat.port', 'source.bytes', 'source.packets',
  'destination.ip', 'destination.port', 'destination.bytes', 'network.transport', 'network.application', 'network.bytes',
  'rule.name', 'observer.serial_number', 'observer.hostname', 'observer.ingress.zone', 'observer.egress.zone',
  'user.name', 'user.domain', 'source.geo.name', 'labels',
];

describe('decoders > panos > traffic layouts', () => {
  const docs = Object.fromEntries(Object.entries(LAYOUTS).map(([v, line]) => [v, decode(`<14>Dec 10 00:00:00 fw01 ${line}`)]));

  it('8.1, 9.1, 10.2 and 11.1 layouts give the same ECS fields', () => {
    const reference = docs['10.2']!;
    const second = (v: unknown): number => Math.floor(Date.parse(v as string) / 1000);
    for (const [version, doc] of Object.entries(docs)) {
      for (const field of COMMON_FIELDS) {
        // 10.2+ carry a high-resolution time (ms) in addition to generated_time (s)
        if (field === '@timestamp') expect(second(doc[field]), version).toBe(second(reference[field]));
        else expect(f(doc, field), `${version} ${field}`).toEqual(f(reference, field));
      }
    }
  });

  it('maps the traffic event as Elastic does', () => {
    const doc = docs['10.2']!;
    expect(doc.event).toMatchObject({
      module: 'panw', dataset: 'panw.panos', kind: 'event', action: 'flow_terminated', outcome: 'success',
      category: ['network'], type: ['allowed', 'end', 'connection'], duration: 586e9,
      start: '2025-12-09T23:50:14.000Z', end: '2025-12-10T00:00:00.000Z',
    });
    expect(doc.source).toMatchObject({ ip: '10.0.0.1', port: 55113, nat: { ip: '198.51.100.7', port: 16418 }, user: { name: 'alice', domain: 'corp' } });
    expect(doc.user).toEqual({ name: 'alice', domain: 'corp' });
    expect(doc.rule).toEqual({ name: 'allow-blocklist-pull', uuid: '731a6a1a-9a62-4a92-a49a-0876025a9436' });
    expect(doc.observer).toMatchObject({ vendor: 'Palo Alto Networks', product: 'PAN-OS', type: 'firewall', serial_number: '007051000113358', hostname: 'PA-220' });
    expect(doc.labels).toEqual({ nat_translated: true });
    expect(f(doc, 'related.ip')).toEqual(['10.0.0.1', '203.0.113.9', '198.51.100.7', '192.0.2.10']);
    expect(f(doc, 'panw.panos.sub_type')).toBe('end');
    expect(f(doc, 'panw.panos.endreason')).toBe('tcp-fin');
    expect(f(doc, 'panw.panos.source')).toBeUndefined(); // copied into ECS, not duplicated
    assertPlainJson(doc);
  });

  it('keeps extra trailing columns of newer firmware', () => {
    expect(f(docs['11.1'], 'panw.panos.trailing_columns')).toEqual(['TRAFFIC_FLOW', 'cluster-a']);
    expect(f(docs['10.2'], 'panw.panos.trailing_columns')).toBeUndefined();
  });

  it('an 11.1 unquoted {link switches} value is one field, and later columns stay in place', () => {
    const doc = docs['11.1']!;
    expect(f(doc, 'panw.panos.link.switches')).toBe('{link1, tag1, ethernet1/1, 100,100,,N/A}');
    expect(f(doc, 'panw.panos.xff.ip')).toBe('192.0.2.10');
    expect(f(doc, 'destination.ip')).toBe('203.0.113.9');
    expect(doc['@timestamp']).toBe('2025-12-10T00:00:00.123Z');
    expect(LINK_SWITCHES).toBeGreaterThan(0);
  });

  it('an unbalanced `{` stops the row at that column (tagged column_shift), never wrong IPs', () => {
    const line = LAYOUTS['11.1'].replace('{link1, tag1, ethernet1/1, 100,100,,N/A}', '{link1, tag1, ethernet1/1, 100,100,,N/A');
    const doc = decode(line);
    expect(doc.tags).toContain('column_shift');
    expect(f(doc, 'destination.ip')).toBe('203.0.113.9');
    expect(f(doc, 'panw.panos.xff.ip')).toBeUndefined();
    expect(f(doc, 'related.ip')).not.toContain('100');
  });

  it('a shifted column that breaks a typed anchor raises column_shift', () => {
    const shifted = LAYOUTS['10.2'].replace('allow-blocklist-pull', 'allow,blocklist-pull');
    expect(() => decode(shifted)).toThrow(expect.objectContaining({ name: 'DecodeError', code: 'column_shift' }));
    const badIp = LAYOUTS['10.2'].replace('10.0.0.1,203.0.113.9', '100,203.0.113.9');
    expect(() => decode(badIp)).toThrow(expect.objectContaining({ code: 'column_shift' }));
    const doc = decodeLine(badIp, { receivedAt: RECEIVED, vendor: 'panos' });
    expect(f(doc, 'source.ip')).toBeUndefined();
    expect(doc.tags).toContain('column_shift');
  });
});

describe('decoders > panos > CSV quoting', () => {
  it('quoted field with commas and doubled quotes; trailing empty column', () => {
    const line = '1,2021/10/25 20:25:39,,CONFIG,0,2561,2021/10/25 20:25:39,81.2.69.193,,set,admin,Web,Succeeded, config shared log-settings iptag,,"iptag { match-list { ip-tag  { send-syslog [ SYSLOG-1 ]; filter ""All Logs""; } } } ",1234567890,0x0,0,0,0,0,,PA-VM,0,';
    const row = splitCsv(line, 0);
    expect(row.fields.at(-1)).toBe('');
    const doc = decode(line);
    expect(f(doc, 'panw.panos.after_change_detail')).toBe('iptag { match-list { ip-tag  { send-syslog [ SYSLOG-1 ]; filter "All Logs"; } } } ');
    expect(f(doc, 'panw.panos.path')).toBe(' config shared log-settings iptag');
    expect(doc.event).toMatchObject({ action: 'cmd-set', outcome: 'success', category: ['configuration'] });
    expect(f(doc, 'host.ip')).toBe('81.2.69.193');
    expect(f(doc, 'observer.hostname')).toBe('PA-VM');
  });

  it('SYSTEM description with commas', () => {
    const doc = decode('1,2021/10/26 15:05:03,,SYSTEM,general,2561,2021/10/26 15:05:03,,general,,0,0,general,informational,"Connection to Update server closed: updates.paloaltonetworks.com, source: 81.2.69.193",1234567890,0x0,0,0,0,0,,PA-VM,0,0,');
    expect(f(doc, 'panw.panos.description')).toBe('Connection to Update server closed: updates.paloaltonetworks.com, source: 81.2.69.193');
    expect(f(doc, 'log.level')).toBe('informational');
    expect(f(doc, 'event.severity')).toBe(5);
  });

  it('splitter basics', () => {
    expect(splitCsv('a,"b,c",,"d""e",{x, y},f', 0).fields).toEqual(['a', 'b,c', '', 'd"e', '{x, y}', 'f']);
    expect(splitCsv('a,"unterminated', 0)).toMatchObject({ fields: ['a', 'unterminated'], unterminated: true });
  });
});

describe('decoders > panos > headers', () => {
  const system = '1,2025/12/10 00:00:00,0123456789,SYSTEM,general,2561,2025/12/10 00:00:00,,general,,0,0,general,informational,"updated, ok",1,0x0,0,0,0,0,,fw01,0,0,';

  it('BSD header with no TAG', () => {
    const doc = decodeLine(`<14>Dec 10 00:00:00 fw01 ${system}`, { receivedAt: RECEIVED, vendor: 'auto' });
    expect(f(doc, 'observer.vendor')).toBe('Palo Alto Networks');
    expect(f(doc, 'event.code')).toBe('general');
    expect(f(doc, 'event.created')).toBe('2025-12-10T00:00:00.000Z');
  });

  it('BSD header with no host at all (Elastic samples)', () => {
    const doc = decodeLine(`Nov 30 16:09:08 ${system}`, { receivedAt: RECEIVED, vendor: 'auto' });
    expect(f(doc, 'observer.serial_number')).toBe('0123456789');
  });

  it('IETF header with `- - - -`, with an octet count in front, and without header', () => {
    const ietf = `<14>1 2025-12-10T01:00:00+01:00 PA-VM - - - - ${system}`;
    for (const raw of [ietf, `${ietf.length} ${ietf}`, system]) {
      const doc = decode(raw);
      expect(f(doc, 'event.code'), raw.slice(0, 30)).toBe('general');
      expect(f(doc, 'observer.serial_number')).toBe('0123456789');
    }
  });
});

describe('decoders > panos > time zones', () => {
  const sys = (gen: string, hr: string): string =>
    `1,${gen},0123456789,SYSTEM,general,2561,${gen},,general,,0,0,general,informational,x,1,0x0,0,0,0,0,,PA-VM,0,0,${hr}`;

  it('zone from the high-resolution timestamp (it also gives ms)', () => {
    const doc = decode(sys('2021/10/26 15:05:03', '2021-10-26T15:05:03.440-07:00'), { timezone: 'UTC' });
    expect(doc['@timestamp']).toBe('2021-10-26T22:05:03.440Z');
    expect(f(doc, 'event.created')).toBe('2021-10-26T22:05:03.000Z');
    expect(f(doc, 'event.timezone')).toBe('-07:00');
    expect(f(doc, 'panw.panos.high_resolution_timestamp')).toBe('2021-10-26T22:05:03.440Z');
  });

  it('zone from the IETF header offset when there is no high-resolution time', () => {
    const raw = `<14>1 2020-03-19T11:58:45+01:00 PA-VM - - - - ${sys('2020/03/19 11:58:44', '')}`;
    const doc = decode(raw);
    expect(doc['@timestamp']).toBe('2020-03-19T10:58:44.000Z');
    expect(f(doc, 'event.timezone')).toBe('+01:00');
  });

  it('zone from the device tz, else UTC; the epoch-0 placeholder is ignored', () => {
    const line = sys('2020/03/19 11:58:44', '1970-01-01T01:00:00.000+01:00');
    expect(decode(line, { timezone: 'America/New_York' })['@timestamp']).toBe('2020-03-19T15:58:44.000Z');
    expect(decode(line, { timezone: '-05:00' })['@timestamp']).toBe('2020-03-19T16:58:44.000Z');
    const utc = decode(line);
    expect(utc['@timestamp']).toBe('2020-03-19T11:58:44.000Z');
    expect(f(utc, 'event.timezone')).toBeUndefined();
  });

  it('generated_time is @timestamp, receive_time is event.created', () => {
    const line = '1,2020/03/19 11:58:50,0123456789,SYSTEM,general,2561,2020/03/19 11:58:44,,general,,0,0,general,informational,x,1,0x0';
    const doc = decode(line);
    expect(doc['@timestamp']).toBe('2020-03-19T11:58:44.000Z');
    expect(f(doc, 'event.created')).toBe('2020-03-19T11:58:50.000Z');
  });

  it('ISO times (Strata logging service forwarding)', () => {
    const doc = decode('1,2020-10-12T21:28:42.000000Z,007051000113358,SYSTEM,general,10.0,2020-10-12T19:56:43.000000Z,,general,,0,0,general,informational,x,1,0x0');
    expect(doc['@timestamp']).toBe('2020-10-12T19:56:43.000Z');
    expect(f(doc, 'event.created')).toBe('2020-10-12T21:28:42.000Z');
  });
});

describe('decoders > panos > log types', () => {
  it('HIP-MATCH and HIPMATCH are the same layout', () => {
    const line = (t: string): string =>
      `1,2021/03/02 10:06:31,12345678999,${t},0,2305,2021/03/02 10:06:25,domain\\muster,vsys1,PC12345,Windows,10.20.30.40,GlobalProtect 5.1.1,1,object,0,0,6894571641485024543,0x0,267,24,19,0,,de-firewall,1,0.0.0.0,d275bcbe,F0S48Y2,aa:bb:cc:dd:ee:ff,`;
    const a = decode(line('HIPMATCH'));
    const b = decode(line('HIP-MATCH'));
    expect(a.source).toEqual(b.source);
    expect(a.host).toEqual({ id: 'd275bcbe', mac: 'AA-BB-CC-DD-EE-FF', name: 'PC12345', os: { full: 'Windows' } });
    expect(f(b, 'panw.panos.type')).toBe('HIP-MATCH');
    expect(f(a, 'user.name')).toBe('muster');
  });

  it('START/END tunnel inspection', () => {
    const line = '1,2021/11/23 00:44:44,1234567890,START,start,2561,2021/11/23 00:44:44,10.0.0.10,175.16.199.1,10.0.0.20,10.0.0.30,rule,,d-user,app,vsys,s-zone,d-zone,inbound,outbound,log,,id,100,9000,9550,9200,9300,0,tcp,allow,4,1000,user,src-loc,dst-loc,0,0,0,0,vsys-name,d-name,imsi,imei,1000,1000,1000,10,10,10,10,10,10,20,200,75,50,1000,1000,end,action,2021-11-23T00:44:44.930-08:00,1234567890,rule1,81.2.69.192';
    const doc = decode(line);
    expect(doc.event).toMatchObject({ action: 'flow_started', category: ['network'], type: ['allowed', 'start', 'connection'] });
    expect(doc.rule).toMatchObject({ name: 'rule1' });
    expect(f(decode(line.replace(',START,start,', ',END,end,')), 'event.action')).toBe('flow_terminated');
  });

  it('an unknown future type gets the generic mapping', () => {
    const doc = decode('1,2025/12/10 00:00:00,0123456789,QUANTUM,teleport,2561,2025/12/10 00:00:00,a,b,c');
    expect(doc.observer).toMatchObject({ serial_number: '0123456789', vendor: 'Palo Alto Networks' });
    expect(f(doc, 'panw.panos')).toMatchObject({ type: 'QUANTUM', sub_type: 'teleport', trailing_columns: ['a', 'b', 'c'] });
    expect(doc.tags).toContain('panos_unknown_type');
    expect(f(doc, 'event.kind')).toBe('event');
  });

  it('THREAT url: url fields from the misc column', () => {
    const line = '1,2025/12/10 00:00:00,007051000113358,THREAT,url,2561,2025/12/10 00:00:00,10.0.0.1,203.0.113.9,198.51.100.7,203.0.113.9,allow-web,corp\\alice,,web-browsing,vsys1,trust,untrust,ethernet1/2,ethernet1/1,default,2025/12/10 00:00:00,22751,1,55113,80,16418,80,0x400000,tcp,block-url,"blocklist.example.com/v1/list?x=1",(9999),malware,informational,client-to-server,123,0x0,10.0.0.0-10.255.255.255,United States,,text/html,0,,,1,"curl/8.0",,,,,,,,0,0,0,0,,PA-220';
    const doc = decode(line);
    expect(doc.url).toEqual({ original: 'blocklist.example.com/v1/list?x=1', domain: 'blocklist.example.com', path: '/v1/list', query: 'x=1' });
    expect(doc.event).toMatchObject({ action: 'url_filtering', kind: 'alert', outcome: 'failure', type: ['denied'] });
    expect(f(doc, 'panw.panos.threat')).toEqual({ name: 'URL-filtering', id: '9999' });
    expect(f(doc, 'network.direction')).toBe('inbound');
    expect(f(doc, 'user_agent.original')).toBe('curl/8.0');
  });

  it('audit log (serial first, lowercase type, no leading `1,`)', () => {
    const raw = 'Apr 11 20:06:15 192.168.0.1 01111111111,2024/04/11 20:06:15,audit,2561,gui-op,suser,"<debug><dataplane><packet-diag><show><setting/></show></packet-diag></dataplane></debug>",success';
    const doc = decode(raw, { receivedAt: new Date('2024-04-11T20:07:00Z') });
    expect(doc.observer).toMatchObject({ serial_number: '01111111111' });
    expect(doc.event).toMatchObject({ action: 'gui-op', outcome: 'success', category: ['configuration'] });
    expect(doc.user).toEqual({ name: 'suser' });
    expect(f(doc, 'panw.panos.cmd')).toContain('<packet-diag>');
    expect(doc['@timestamp']).toBe('2024-04-11T20:06:15.000Z');
  });
});

describe('decoders > panos > Panorama forwarding', () => {
  it('observer comes from serial/device_name, not from the header host; a non-numeric serial stays a string', () => {
    const line = trafficRow(TRAFFIC_COLUMNS.length - 1).replace('007051000113358', 'unknown');
    const doc = decodeLine(`<14>Dec 10 00:00:00 panorama01 ${line}`, { receivedAt: RECEIVED, vendor: 'auto' });
    expect(f(doc, 'observer.hostname')).toBe('PA-220');
    expect(f(doc, 'observer.serial_number')).toBe('unknown');
    expect(f(doc, 'related.hosts')).toContain('PA-220');
  });
});

describe('decoders > panos > custom formats', () => {
  it.each([
    ['LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|8.1.10|allow|cat=TRAFFIC|ReceiveTime=2020/03/19 11:58:44'],
    ['CEF:0|Palo Alto Networks|PAN-OS|8.1.10|end|TRAFFIC|1|rt=Mar 19 2020 11:58:44 GMT src=10.0.0.1'],
  ])('%s is recognised and not parsed as CSV', (body) => {
    const inp = input(`<14>Dec 10 00:00:00 fw01 ${body}`);
    expect(panosDecoder.claims(inp)).toBe(true);
    expect(() => panosDecoder.decode(inp)).toThrow(expect.objectContaining({ code: 'unsupported_format' }));
  });
});

describe('decoders > panos > truncation and fragments', () => {
  it('a line cut at 480 bytes is tagged truncated and its last (partial) column dropped', () => {
    const full = `<14>Dec 10 00:00:00 fw01 ${LAYOUTS['11.1']}`;
    expect(full.length).toBeGreaterThan(480);
    const cut = full.slice(0, 480);
    const doc = decode(cut);
    expect(doc.tags).toContain('truncated');
    expect(f(doc, 'destination.ip')).toBe('203.0.113.9');
    expect(f(decode(full.slice(0, 479)), 'tags')).toBeUndefined();
  });

  it('a fragment that starts mid-record is rejected with reason fragment', () => {
    const inp: DecodeInput = { raw: '255.255,,1,1,aged-out,0,0', header: { format: 'none' }, message: '255.255,,1,1,aged-out,0,0', receivedAt: RECEIVED };
    expect(panosDecoder.claims(inp)).toBe(false);
    expect(() => panosDecoder.decode(inp)).toThrow(expect.objectContaining({ code: 'fragment' }));
  });

  it('claims', () => {
    expect(panosDecoder.claims(input(`<14>Dec 10 00:00:00 fw01 ${LAYOUTS['9.1']}`))).toBe(true);
    expect(panosDecoder.claims(input('<189>date=2024-07-19 time=11:08:59 logid="1" type="traffic"'))).toBe(false);
    expect(panosDecoder.claims(input('<134>filterlog[1]: 5,,,1000000103,igb1,match,block,in,4'))).toBe(false);
  });
});

describe('decoders > panos > fuzz', () => {
  const corpusDir = corporaDir('panos');
  const lines = [
    ...readdirSync(corpusDir)
      .filter((n) => !n.endsWith('.json'))
      .flatMap((n) => readFileSync(join(corpusDir, n), 'utf8').split('\n')),
    ...Object.values(LAYOUTS),
  ].filter((l) => l.length > 0);
  const runs = Number(process.env.PULLWATCH_FUZZ_RUNS ?? 1000);

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('"', ',', '\u0000', '{', '}', '""', ',,', '\uFFFD', ' ', '\n') }),
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), text: fc.string({ maxLength: 16 }) }),
  );

  function apply(line: string, muts: Array<{ kind: string; at: number; text?: string; len?: number }>): string {
    let s = line;
    for (const m of muts) {
      const at = s.length === 0 ? 0 : m.at % (s.length + 1);
      if (m.kind === 'truncate') s = s.slice(0, at);
      else if (m.kind === 'drop') s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
      else s = s.slice(0, at) + (m.text ?? '') + s.slice(at);
    }
    return s;
  }

  it(`mutated corpus lines never throw anything but DecodeError (${runs} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.array(mutation, { minLength: 1, maxLength: 4 }), (line, muts) => {
        const raw = apply(line, muts);
        const inp = input(raw);
        panosDecoder.claims(inp);
        try {
          assertPlainJson(panosDecoder.decode(inp));
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
        }
        assertPlainJson(decodeLine(raw, { receivedAt: RECEIVED, vendor: 'panos' }));
      }),
      { numRuns: runs },
    );
  });
});
