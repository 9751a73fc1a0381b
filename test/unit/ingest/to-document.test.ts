import { describe, expect, it } from 'vitest';
import type { Envelope } from '@pullwatch/core';
import { VendorDetector } from '@pullwatch/decoders';
import { envelopeToDocument, lineToDocument, unpackRecords } from '@pullwatch/ingest';

const FORTI = '<189>date=2026-11-26 time=10:00:00 devname="fw1" devid="FGT60F0000000001" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.0.2.1 srcport=1234 dstip=198.51.100.2 dstport=443 proto=6 action="accept" policyid=1';
const BSD = '<134>Nov 26 10:00:00 fw01 filterlog[1]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,2341,0,DF,6,tcp,60,203.0.113.77,192.0.2.10,51515,22,0,S,1937318393,,64240,,mss';

const env = (raw: string, over: Partial<Envelope> = {}): Envelope => ({
  id: 'run-1',
  received_at: '2026-11-26T10:00:05.000Z',
  transport: 'tcp',
  listener: 'tcp',
  peer: { address: '192.0.2.99', port: 40000 },
  raw,
  ...over,
});

describe('ingest > to document', () => {
  it('decodes, keeps the envelope facts and the sender', () => {
    const doc = envelopeToDocument(env(FORTI), { detector: new VendorDetector() });
    expect(doc).toMatchObject({
      observer: { vendor: 'Fortinet', type: 'firewall' },
      source: { ip: '192.0.2.1' },
      log: { source: { address: '192.0.2.99', port: 40000 } },
      pullwatch: { envelope: { id: 'run-1', transport: 'tcp', listener: 'tcp' } },
      event: { original: FORTI, created: '2026-11-26T10:00:05.000Z' },
    });
  });

  it('uses the sender time zone for zone-less RFC 3164 timestamps', () => {
    const doc = envelopeToDocument(env(BSD), { timezone: 'UTC', timezoneBySender: { '192.0.2.99': '+02:00' } });
    expect(doc['@timestamp']).toBe('2026-11-26T08:00:00.000Z');
    expect(envelopeToDocument(env(BSD), { timezone: 'UTC' })['@timestamp']).toBe('2026-11-26T10:00:00.000Z');
  });

  it('applies the listener vendor, unless the sender has one configured', () => {
    // A listener forced to PAN-OS: the FortiGate line is claimed by the PAN-OS decoder, which fails on it (kept, flagged).
    const forced = envelopeToDocument(env(FORTI), { detector: new VendorDetector(), vendorByListener: { tcp: 'panos' } });
    expect(forced.tags).toContain('decode_failed');
    expect(String((forced.error as { message: string }).message)).toMatch(/^panos: /);
    const sender = envelopeToDocument(env(FORTI), { detector: new VendorDetector({ senders: { '192.0.2.99': 'fortigate' } }), vendorByListener: { tcp: 'panos' } });
    expect(sender.tags ?? []).not.toContain('decode_failed');
    expect(sender.observer).toMatchObject({ vendor: 'Fortinet' });
  });

  it('keeps a line no decoder claims as a plain syslog event', () => {
    const doc = lineToDocument('<13>Nov 26 10:00:00 host1 myapp[7]: hello world', new Date('2026-11-26T10:00:01Z'), undefined, {});
    expect(doc).toMatchObject({ message: 'hello world', log: { syslog: { hostname: 'host1', appname: 'myapp', procid: '7' } } });
    expect(doc.error).toBeUndefined();
    expect(doc.observer).toEqual({ hostname: 'host1' });
  });

  it('marks truncated envelopes and keeps the exact bytes of invalid UTF-8', () => {
    const doc = envelopeToDocument(env('<14>abc\uFFFD', { truncated: true, raw_base64: 'PDE0PmFiY/8=' }), {});
    expect(doc.tags).toContain('truncated');
    expect(doc.pullwatch).toMatchObject({ envelope: { truncated: true }, raw_base64: 'PDE0PmFiY/8=' });
  });

  it('redacts credentials everywhere in the document', () => {
    const raw = '<163>1 2026-11-26T09:58:15+01:00 opn firewall 1 - - error fetching alias url https://svc:s3cr3tpass@admin.api.crowdsec.net/x?api_key=abcdef123456 [http_code:401]';
    const doc = lineToDocument(raw, new Date('2026-11-26T09:00:00Z'), undefined, {});
    const text = JSON.stringify(doc);
    expect(text).not.toContain('s3cr3tpass');
    expect(text).not.toContain('abcdef123456');
    expect(text).toContain('[REDACTED]');
  });

  it('unpacks good records and turns bad ones into dead letters with the reason', () => {
    const good = Buffer.from(JSON.stringify({ v: 1, envelopes: [env('<14>x')] }));
    const { envelopes, deadLetters } = unpackRecords([
      { topic: 't', position: 't/0@1', value: good },
      { topic: 't', position: 't/0@2', key: 'k', value: Buffer.from('{"v":1,"envelopes":[{"id":"x"}]}') },
      { topic: 't', position: 't/0@3', value: Buffer.from('\u0000garbage https://u:p4ssw0rdxyz@h/') },
    ]);
    expect(envelopes).toHaveLength(1);
    expect(deadLetters.map((d) => [d.code, d.stage, d.context?.position])).toEqual([
      ['invalid_envelope', 'unpack', 't/0@2'],
      ['invalid_envelope', 'unpack', 't/0@3'],
    ]);
    expect(deadLetters[0]!.reason).toMatch(/envelopes\.0\.received_at/);
    expect(deadLetters[1]!.reason).toMatch(/not JSON/);
    expect(String(deadLetters[1]!.payload)).not.toContain('p4ssw0rdxyz');
  });
});

describe('ingest > classification on the receiver path', () => {
  it('keeps the classifier fields next to the envelope facts', () => {
    const raw = '<163>1 2026-11-26T09:58:15+01:00 opn firewall 65115 - [meta sequenceId="42"] error fetching alias url https://admin.api.crowdsec.net/v1/integrations/9f3e/content [http_code:401]';
    const doc = envelopeToDocument(env(raw), { detector: new VendorDetector() });
    expect(doc.pullwatch).toMatchObject({
      envelope: { id: 'run-1' },
      feed: { event: 'fetch_failed' },
      root_cause: { category: 'credentials_invalid' },
    });
  });
});
