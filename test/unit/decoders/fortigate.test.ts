/**
 * FortiGate decoder: focused cases, one per item of the FortiGate test checklist in
 * research/parsing-pitfalls.md, plus the mapping basics and a fuzz property.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, getField, type EcsDocument } from '@pullwatch/core';
import { parseSyslog } from '@pullwatch/syslog';
import { decodeLine } from '../../../packages/decoders/src/decode-line.js';
import { fortigateDecoder, tokenizeKv } from '../../../packages/decoders/src/fortigate/index.js';
import type { DecodeInput } from '../../../packages/decoders/src/types.js';
import { corporaDir } from '../../helpers/corpora.js';

const RECEIVED = new Date('2024-07-19T09:10:00Z');

function input(raw: string, opts: { receivedAt?: Date; timezone?: string } = {}): DecodeInput {
  const receivedAt = opts.receivedAt ?? RECEIVED;
  const parsed = parseSyslog(raw, { receivedAt, ...(opts.timezone ? { timezone: opts.timezone } : {}) });
  return { raw, header: parsed.header, message: parsed.message, receivedAt, ...(opts.timezone ? { timezone: opts.timezone } : {}) };
}

const decode = (raw: string, opts: { receivedAt?: Date; timezone?: string } = {}): EcsDocument =>
  fortigateDecoder.decode(input(raw, opts));

const f = (doc: unknown, path: string): unknown => getField(doc, path);

const TRAFFIC =
  'date=2024-07-19 time=11:08:59 devname="FGT-HQ" devid="FGT60FTK2209XXXX" eventtime=1721380139123456789 tz="+0200" ' +
  'logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.1.100.11 srcport=58012 ' +
  'srcintf="port1" srcintfrole="lan" dstip=23.59.154.35 dstport=443 dstintf="wan1" dstintfrole="wan" proto=6 ' +
  'action="accept" policyid=12 policyname="to-internet" poluuid="c2d460aa-fe6f-51e8-9505-41b5117dfdd4" ' +
  'policytype="policy" service="HTTPS" trandisp="snat" transip=198.51.100.7 transport=40000 duration=116 ' +
  'sentbyte=1188 rcvdbyte=1224 sentpkt=17 rcvdpkt=16 appcat="unscanned" srccountry="Reserved"';

/** Every value is JSON: no undefined, functions or non-finite numbers anywhere. */
function assertPlainJson(value: unknown, path = ''): void {
  if (value === undefined) throw new Error(`undefined at ${path}`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`non-finite number at ${path}`);
  if (typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') throw new Error(`${typeof value} at ${path}`);
  if (Array.isArray(value)) value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertPlainJson(v, path ? `${path}.${k}` : k);
  }
}

describe('decoders > fortigate > traffic mapping', () => {
  const doc = decode(TRAFFIC);

  it('sets the observer and module fields', () => {
    expect(doc.observer).toMatchObject({
      vendor: 'Fortinet', product: 'Fortigate', type: 'firewall', name: 'FGT-HQ', serial_number: 'FGT60FTK2209XXXX',
      ingress: { interface: { name: 'port1' } }, egress: { interface: { name: 'wan1' } },
    });
    expect(f(doc, 'event.module')).toBe('fortinet_fortigate');
    expect(f(doc, 'event.dataset')).toBe('fortinet_fortigate.log');
    expect(f(doc, 'event.kind')).toBe('event');
  });

  it('maps source, destination, NAT and network', () => {
    expect(doc.source).toMatchObject({ ip: '10.1.100.11', port: 58012, bytes: 1188, packets: 17, nat: { ip: '198.51.100.7', port: 40000 } });
    expect(doc.destination).toMatchObject({ ip: '23.59.154.35', port: 443, bytes: 1224, packets: 16 });
    expect(doc.network).toMatchObject({ iana_number: '6', transport: 'tcp', protocol: 'https', bytes: 2412, packets: 33 });
    expect(f(doc, 'related.ip')).toEqual(['10.1.100.11', '23.59.154.35', '198.51.100.7']);
  });

  it('maps rule and event fields the way Elastic does', () => {
    expect(doc.rule).toMatchObject({ id: '12', name: 'to-internet', ruleset: 'policy', uuid: 'c2d460aa-fe6f-51e8-9505-41b5117dfdd4' });
    expect(doc.event).toMatchObject({ action: 'accept', outcome: 'success', code: '0000000013', category: ['network'], duration: 116e9 });
    expect(f(doc, 'event.type')).toEqual(['connection', 'end', 'allowed']);
  });

  it('keeps unmapped keys under fortinet.firewall and moves mapped ones out', () => {
    const fw = f(doc, 'fortinet.firewall') as Record<string, unknown>;
    expect(fw).toMatchObject({ type: 'traffic', subtype: 'forward', vd: 'root', srcintfrole: 'lan', trandisp: 'snat', transip: '198.51.100.7' });
    expect(fw.appcat).toBeUndefined();
    expect(fw.srcip).toBeUndefined();
    expect(fw.devname).toBeUndefined();
    expect(fw.date).toBeUndefined();
    expect(fw.eventtime).toBeUndefined();
    expect(f(doc, 'rule.category')).toBe('unscanned');
  });

  it('produces plain JSON (no undefined values)', () => {
    assertPlainJson(doc);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});

describe('decoders > fortigate > eventtime', () => {
  const base = 'date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" tz="+0200" logid="0100032001" type="event" subtype="system"';
  const start = (eventtime: string, receivedAt = RECEIVED): unknown => f(decode(`${base} eventtime=${eventtime}`, { receivedAt }), 'event.start');

  it('10, 13, 16 and 19 digits give the same instant', () => {
    const instants = ['1721380139', '1721380139123', '1721380139123456', '1721380139123456789'].map((e) => Date.parse(start(e) as string));
    expect(new Set(instants.map((ms) => Math.floor(ms / 1000))).size).toBe(1);
    expect(instants[0]).toBe(Date.UTC(2024, 6, 19, 9, 8, 59));
    expect(instants.slice(1)).toEqual([instants[1], instants[1], instants[1]]);
  });

  it('keeps the source precision (19 digits → ns) exactly', () => {
    expect(start('1721380139123456789')).toBe('2024-07-19T09:08:59.123456789Z');
    expect(start('1721380139123456')).toBe('2024-07-19T09:08:59.123456Z');
    expect(start('1721380139123')).toBe('2024-07-19T09:08:59.123Z');
    expect(start('1721380139')).toBe('2024-07-19T09:08:59.000Z');
  });

  it('rejects a value more than a year away from the receive time (kept raw, tagged)', () => {
    const doc = decode(`${base} eventtime=1021380139123456789`);
    expect(f(doc, 'event.start')).toBeUndefined();
    expect(f(doc, 'fortinet.firewall.eventtime')).toBe('1021380139123456789');
    expect(doc.tags).toContain('eventtime_out_of_range');
  });

  it('is not @timestamp when date/time exist', () => {
    expect(f(decode(`${base} eventtime=1721300000`), '@timestamp')).toBe('2024-07-19T09:08:59.000Z');
  });
});

describe('decoders > fortigate > tz shapes', () => {
  const line = (tz: string): string =>
    `date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="0100032001" type="event" subtype="system" ${tz}`;
  const ts = (tz: string, timezone?: string): unknown => f(decode(line(tz), timezone ? { timezone } : {}), '@timestamp');

  it.each([
    ['tz=+0200', '2024-07-19T09:08:59.000Z', '+0200'],
    ['tz="-0700"', '2024-07-19T18:08:59.000Z', '-0700'],
    ['tz="UTC+2:00"', '2024-07-19T09:08:59.000Z', '+0200'],
    ['tz="UTC-5:00"', '2024-07-19T16:08:59.000Z', '-0500'],
    ['tz="CEST"', '2024-07-19T09:08:59.000Z', 'CEST'],
  ])('%s', (tz, expected, timezone) => {
    const doc = decode(line(tz));
    expect(doc['@timestamp']).toBe(expected);
    expect(f(doc, 'event.timezone')).toBe(timezone);
  });

  it('uses the first of a repeated tz key (FortiAnalyzer)', () => {
    expect(ts('tz="UTC-5:00" tz="+0100"')).toBe('2024-07-19T16:08:59.000Z');
  });

  it('without tz uses the device tz when configured, else UTC', () => {
    expect(ts('', 'Europe/Paris')).toBe('2024-07-19T09:08:59.000Z');
    expect(ts('', '-03:00')).toBe('2024-07-19T14:08:59.000Z');
    const utc = decode(line(''));
    expect(utc['@timestamp']).toBe('2024-07-19T11:08:59.000Z');
    expect(f(utc, 'event.timezone')).toBeUndefined();
  });
});

describe('decoders > fortigate > framing shapes', () => {
  it('<189>date=... with no header', () => {
    const doc = decode(`<189>${TRAFFIC}`);
    expect(f(doc, 'observer.name')).toBe('FGT-HQ');
    expect(f(doc, 'source.ip')).toBe('10.1.100.11');
  });

  it('<189> logver=... (FortiAnalyzer, space after PRI)', () => {
    const doc = decode(`<189> logver=700 timestamp=1721380000 ${TRAFFIC}`);
    expect(f(doc, 'observer.name')).toBe('FGT-HQ');
    expect(doc['@timestamp']).toBe('2024-07-19T09:08:59.000Z');
  });

  it('date=... with no PRI', () => {
    expect(f(decode(TRAFFIC), 'destination.port')).toBe(443);
  });

  it('a relay text prefix before the key=value run', () => {
    const raw = `2026-04-03T00:31:09.976660+00:00 192.168.2.1 ${TRAFFIC}`;
    const doc = decode(raw);
    expect(f(doc, 'observer.name')).toBe('FGT-HQ');
    expect(f(doc, 'source.ip')).toBe('10.1.100.11');
    const line = decodeLine(`Jul 19 11:08:59 _gateway ${TRAFFIC}`, { receivedAt: RECEIVED, vendor: 'auto' });
    expect(f(line, 'observer.vendor')).toBe('Fortinet');
    expect(f(line, 'observer.name')).toBe('FGT-HQ');
  });

  it('an unterminated quote at the end of the line', () => {
    const doc = decode('date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="0100046600" type="event" subtype="system" msg="Cellular connecting');
    expect(doc.message).toBe('Cellular connecting');
    expect(doc.tags).toContain('unterminated_quote');
  });

  it('a line cut at exactly 1024 bytes is tagged truncated and its last (partial) pair dropped', () => {
    const long = `<189>${TRAFFIC} msg="${'x'.repeat(2000)}"`;
    const cut = long.slice(0, 1024);
    const doc = decode(cut);
    expect(doc.tags).toContain('truncated');
    expect(doc.message).toBeUndefined();
    expect(f(doc, 'destination.ip')).toBe('23.59.154.35');
    expect(decode(long.slice(0, 1023)).tags).not.toContain('truncated');
  });

  it('replacement characters from invalid UTF-8 do not break decoding', () => {
    const raw = `${TRAFFIC} user="m\uFFFDller" msg="bad \uFFFD\uFFFD bytes"`;
    const doc = decodeLine(raw, { receivedAt: RECEIVED, vendor: 'auto' });
    expect(f(doc, 'event.original')).toBe(raw);
    expect(f(doc, 'source.user.name')).toBe('m\uFFFDller');
  });

  it('a NUL and control bytes at the end of the line', () => {
    const doc = decode(`${TRAFFIC} passedcount=9\u0000`);
    expect(f(doc, 'fortinet.firewall.passedcount')).toBe('9');
  });
});

describe('decoders > fortigate > values', () => {
  const kv = (body: string): Record<string, string> => tokenizeKv(body, 0, 32).kv;

  it('quoted value with spaces, with `=`, with escaped `\\"` and `\\\\`', () => {
    const pairs = kv('logdesc="Admin login failed" url="/a?x=1&y=2" user="c\\")" path="C:\\\\temp" msg="end\\\\"');
    expect(pairs).toMatchObject({ logdesc: 'Admin login failed', url: '/a?x=1&y=2', user: 'c")', path: 'C:\\temp', msg: 'end\\' });
  });

  it('empty values and unquoted numbers and IPs', () => {
    const pairs = kv('srcip= srcname="" dstip=8.8.8.8 srcport=53 proto=17');
    expect(pairs).toMatchObject({ srcip: '', srcname: '', dstip: '8.8.8.8', srcport: '53', proto: '17' });
    const doc = decode(`date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="0000000013" type="traffic" subtype="forward" srcip= srcname="" dstip=8.8.8.8 dstport=53 proto=17 action="accept"`);
    expect(f(doc, 'source.ip')).toBeUndefined();
    expect(f(doc, 'fortinet.firewall.srcname')).toBeUndefined();
    expect(doc.destination).toMatchObject({ ip: '8.8.8.8', port: 53 });
    expect(f(doc, 'network.transport')).toBe('udp');
  });

  it('N/A is absent for ECS but kept under fortinet.firewall', () => {
    const doc = decode('date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="0101037127" type="event" subtype="vpn" user="N/A" group="N/A" remip=81.2.69.142 locip=10.0.0.1 action="negotiate" result="OK"');
    expect(f(doc, 'source.user')).toBeUndefined();
    expect(f(doc, 'related.user')).toBeUndefined();
    expect(f(doc, 'fortinet.firewall.user')).toBe('N/A');
    expect(f(doc, 'fortinet.firewall.group')).toBe('N/A');
    expect(doc.event).toMatchObject({ outcome: 'success', category: ['network'], type: ['connection'] });
  });

  it('keeps the first value of a repeated key', () => {
    expect(kv('tz="+0100" a=1 tz="+0200"').tz).toBe('+0100');
  });
});

describe('decoders > fortigate > RFC 5424 mode', () => {
  it('takes observer.name from the header and tags missing_devid', () => {
    const raw = '<189>1 2024-07-19T09:08:59Z FTG-NAME - - - - eventtime=1721380139123456789 tz="-0400" logid="0100032001" type="event" subtype="system" level="information" vd="root" logdesc="Admin login successful" user="admin" action="login" status="success" msg="Administrator admin logged in successfully from https(10.0.0.5)"';
    const doc = decode(raw);
    expect(f(doc, 'observer.name')).toBe('FTG-NAME');
    expect(f(doc, 'observer.serial_number')).toBeUndefined();
    expect(doc.tags).toContain('missing_devid');
    expect(f(doc, 'event.start')).toBe('2024-07-19T09:08:59.123456789Z');
    expect(doc.event).toMatchObject({ action: 'login', outcome: 'success' });
    expect(doc.user).toEqual({ name: 'admin', roles: ['Administrator'] });
    expect(f(doc, 'source.ip')).toBe('10.0.0.5');
  });

  it('with decodeLine, @timestamp is the header time', () => {
    const raw = '<189>1 2024-07-19T09:08:59Z FTG-NAME - - - - eventtime=1721380139 logid="0100032001" type="event" subtype="system"';
    expect(decodeLine(raw, { receivedAt: RECEIVED, vendor: 'auto' })['@timestamp']).toBe('2024-07-19T09:08:59.000Z');
  });
});

describe('decoders > fortigate > other formats', () => {
  it('parses the FortiOS csv format (k=v,k=v)', () => {
    const doc = decode('date=2024-07-19,time=11:08:59,devname="FG",devid="FG1",logid="0000000013",type="traffic",subtype="forward",srcip=10.0.0.1,dstip=8.8.8.8,dstport=53,proto=17,action="accept",msg="a, b"');
    expect(doc.source).toMatchObject({ ip: '10.0.0.1' });
    expect(doc.destination).toMatchObject({ ip: '8.8.8.8', port: 53 });
    expect(doc.message).toBe('a, b');
    expect(doc.tags).toContain('fortinet_csv_format');
  });

  it('parses the FortiOS json format', () => {
    const doc = decode('{"date":"2024-07-19","time":"11:08:59","devname":"FG","devid":"FG1","logid":"0000000013","type":"traffic","subtype":"forward","srcip":"10.0.0.1","dstport":53,"proto":"17","action":"deny"}');
    expect(doc.observer).toMatchObject({ name: 'FG', serial_number: 'FG1' });
    expect(doc.event).toMatchObject({ action: 'deny' });
    expect(f(doc, 'event.type')).toEqual(['connection', 'end', 'denied']);
  });

  it('rejects CEF with unsupported_format (dead-letter reason)', () => {
    const raw = '<189>CEF:0|Fortinet|Fortigate|v7.2.4|00013|traffic:forward close|3|deviceExternalId=FGT1 FTNTFGTlogid=0000000013 src=10.0.0.1';
    const inp = input(raw);
    expect(fortigateDecoder.claims(inp)).toBe(true);
    expect(() => fortigateDecoder.decode(inp)).toThrow(DecodeError);
    try {
      fortigateDecoder.decode(inp);
    } catch (err) {
      expect((err as DecodeError).code).toBe('unsupported_format');
    }
    const doc = decodeLine(raw, { receivedAt: RECEIVED, vendor: 'fortigate' });
    expect(doc.tags).toContain('unsupported_format');
  });
});

describe('decoders > fortigate > FortiAnalyzer-forwarded', () => {
  it('@timestamp comes from date/time/tz, not from timestamp or itime', () => {
    const raw = '<190>logver=702 timestamp=1721300000 tz="UTC+2:00" devname="FG" devid="FG1" vd="root" date=2024-07-19 time=11:08:59 itime=1721299999 dtime=1721299998 logid="0000000013" type="traffic" subtype="forward" srcip=10.0.0.1 dstip=8.8.8.8 action="accept" tz="+0000"';
    const doc = decode(raw);
    expect(doc['@timestamp']).toBe('2024-07-19T09:08:59.000Z');
    expect(f(doc, 'event.timezone')).toBe('+0200');
    expect(f(doc, 'fortinet.firewall.itime')).toBe('1721299999');
    expect(f(doc, 'fortinet.firewall.timestamp')).toBe('1721300000');
  });
});

describe('decoders > fortigate > utm and event types', () => {
  it('webfilter: url, rule, user and event type', () => {
    const doc = decode('<188>date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" eventtime=1721380139 tz="+0200" logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="root" policyid=100 user="alice" group="staff" srcip=192.168.2.1 srcport=61930 dstip=67.43.156.13 dstport=443 proto=6 service="HTTPS" hostname="blocklist.example.com" profile="default" action="blocked" url="/v1/list?api_key=x" msg="URL belongs to a denied category in policy" cat=76 catdesc="Internet.Telephony"');
    expect(doc.event).toMatchObject({ action: 'ftgd_blk', outcome: 'success', type: ['denied'], category: ['network'] });
    expect(doc.url).toMatchObject({ domain: 'blocklist.example.com', path: '/v1/list', query: 'api_key=x', full: 'https://blocklist.example.com/v1/list?api_key=x' });
    expect(doc.rule).toMatchObject({ id: '100', ruleset: 'default', category: 'Internet-Telephony' });
    expect(f(doc, 'source.user')).toEqual({ name: 'alice', group: { name: 'staff' } });
    expect(f(doc, 'related.user')).toEqual(['alice']);
    expect(doc.message).toBe('URL belongs to a denied category in policy');
  });

  it('dns: question and resolved IPs', () => {
    const doc = decode('date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="1501054802" type="utm" subtype="dns" eventtype="dns-response" srcip=10.0.0.2 dstip=10.0.0.1 srcport=5353 dstport=53 proto=17 qname="api.example.com" qtype="A" qclass="IN" ipaddr="1.2.3.4, 5.6.7.8" action="pass"');
    expect(doc.dns).toMatchObject({ question: { name: 'api.example.com', type: 'A', class: 'IN' }, resolved_ip: ['1.2.3.4', '5.6.7.8'] });
    expect(f(doc, 'related.ip')).toEqual(['10.0.0.2', '10.0.0.1', '1.2.3.4', '5.6.7.8']);
    expect(f(doc, 'related.hosts')).toEqual(['api.example.com']);
    expect(f(doc, 'event.type')).toEqual(['info', 'allowed']);
  });

  it('ssl: tls fields', () => {
    const doc = decode('date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="1700062300" type="utm" subtype="ssl" eventtype="ssl-negotiation" srcip=10.0.0.2 dstip=1.1.1.1 action="blocked" tlsver="TLSv1.3" sni="api.example.com" cipher="TLS_AES_256_GCM_SHA384"');
    expect(doc.tls).toMatchObject({ version: '1.3', version_protocol: 'tlsv', cipher: 'TLS_AES_256_GCM_SHA384', client: { server_name: 'api.example.com' } });
    expect(f(doc, 'destination.domain')).toBe('api.example.com');
  });

  it('event vpn: remote/local addresses, outcome from result', () => {
    const doc = decode('date=2024-07-19 time=11:08:59 devname="FG" devid="FG1" logid="0101037124" type="event" subtype="vpn" level="error" remip=81.2.69.142 locip=10.0.0.1 remport=500 locport=500 action="negotiate" status="negotiate_error" msg="IPsec phase 1 error"');
    expect(doc.source).toMatchObject({ ip: '10.0.0.1', port: 500 });
    expect(doc.destination).toMatchObject({ ip: '81.2.69.142', port: 500 });
    expect(f(doc, 'event.outcome')).toBe('failure');
  });

  it('FortiManager-style log_id/pri/desc login line', () => {
    const doc = decode('<190>date=2023-12-13 time=07:56:14 tz="+0200" devname=fw01 device_id=FMG123 log_id=0001010018 type=event subtype=system pri=information desc="User login/logout successful" user="philipp" userfrom="JSON(192.168.0.10)" msg="user \'philipp\' with profile \'Super_User\' login accepted from JSON(192.168.0.10)" adminprof="Super_User"', { receivedAt: new Date('2023-12-13T06:00:00Z') });
    expect(doc.event).toMatchObject({ action: 'login', outcome: 'success', id: '0001010018', category: ['authentication'] });
    expect(doc.user).toEqual({ name: 'philipp', roles: ['Super_User'] });
    expect(f(doc, 'source.ip')).toBe('192.168.0.10');
    expect(f(doc, 'observer.serial_number')).toBe('FMG123');
    expect(f(doc, 'log.level')).toBe('information');
  });
});

describe('decoders > fortigate > claims', () => {
  it.each([
    ['<189>date=2024-07-19 time=1 logid="1" type="event"', true],
    ['<189> logver=700 devid="FG1"', true],
    ['devname="FG" devid="FG1" logid="1"', true],
    ['eventtime=1721380139 tz="+0200" logid="1" type="event"', true],
    ['1,2024/07/19 11:08:59,0123,TRAFFIC,end,2561,2024/07/19 11:08:59,10.0.0.1', false],
    ['<134>filterlog[123]: 5,,,1000000103,igb1,match,block,in,4,0x0', false],
    ['date is today and nothing else', false],
    ['', false],
  ])('%s → %s', (raw, expected) => {
    expect(fortigateDecoder.claims(input(raw))).toBe(expected);
  });

  it('rejects a body with no key=value run as a fragment', () => {
    const inp: DecodeInput = { raw: 'random text', header: { format: 'none' }, message: 'random text', receivedAt: RECEIVED };
    expect(() => fortigateDecoder.decode(inp)).toThrow(expect.objectContaining({ code: 'fragment' }));
  });
});

describe('decoders > fortigate > fuzz', () => {
  const corpusDir = corporaDir('fortigate');
  const lines = readdirSync(corpusDir)
    .filter((n) => n.endsWith('.log'))
    .flatMap((n) => readFileSync(join(corpusDir, n), 'utf8').split('\n'))
    .filter((l) => l.length > 0);
  const runs = Number(process.env.PULLWATCH_FUZZ_RUNS ?? 1000);

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('"', '=', ',', '\u0000', '\\', ' ', '""', '=""', '\uFFFD', '{', '\n') }),
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
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
        fortigateDecoder.claims(inp);
        try {
          const doc = fortigateDecoder.decode(inp);
          assertPlainJson(doc);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
        }
        const viaLine = decodeLine(raw, { receivedAt: RECEIVED, vendor: 'fortigate' });
        assertPlainJson(viaLine);
      }),
      { numRuns: runs },
    );
  });
});
