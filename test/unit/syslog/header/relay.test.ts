import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@pullwatch/syslog';

const receivedAt = new Date('2025-03-13T12:00:00Z');
const parse = (line: string) => parseSyslog(line, { receivedAt });

describe('syslog > header > relayed headers', () => {
  it('a relayed double header: the inner header describes the device, the outer host is the relay', () => {
    const r = parse('<13>Mar 13 11:45:17 192.168.1.1 filterlog: Mar 13 11:45:17 vFW01 filterlog[25715]: 6,,,1000000103,igb1,match,block,in,4');
    expect(r.header).toMatchObject({
      format: 'rfc3164',
      priority: 13,
      hostname: 'vFW01',
      appname: 'filterlog',
      procid: '25715',
      relayHostname: '192.168.1.1',
    });
    expect(r.header.timestamp?.toISOString()).toBe('2025-03-13T11:45:17.000Z');
    expect(r.message).toBe('6,,,1000000103,igb1,match,block,in,4');
  });

  it('an inner header with its own PRI wins over the outer PRI', () => {
    const r = parse('<13>Mar 13 11:45:17 relay1 <134>Mar 13 11:45:16 fw filterlog[2]: 5,,,');
    expect(r.header).toMatchObject({ priority: 134, facility: 16, severity: 6, hostname: 'fw', appname: 'filterlog', relayHostname: 'relay1' });
    expect(r.message).toBe('5,,,');
  });

  it('a relay wrapping a header-less packet with its PRI: device PRI, relay host and relay time', () => {
    const r = parse('<13>Mar 13 11:45:17 relay1 <189>date=2025-03-13 time=11:45:16 devname="FGT"');
    expect(r.header).toMatchObject({ format: 'rfc3164', priority: 189, severity: 5, relayHostname: 'relay1' });
    expect(r.header.hostname).toBeUndefined();
    expect(r.header.timestamp?.toISOString()).toBe('2025-03-13T11:45:17.000Z');
    expect(r.message).toBe('date=2025-03-13 time=11:45:16 devname="FGT"');
  });

  it('a relay text prefix before FortiGate KV is just a 3164 header with the relay as host', () => {
    const r = parse('Jul 19 11:08:59 _gateway date=2024-07-19 time=11:08:59 devname="FGT60E" logid="0100032002"');
    expect(r.header).toMatchObject({ format: 'rfc3164', hostname: '_gateway' });
    expect(r.header.relayHostname).toBeUndefined();
    expect(r.message.startsWith('date=2024-07-19 ')).toBe(true);
  });

  it('an RFC 3339 relay prefix (FortiOS 7.6 via rsyslog) before the KV body', () => {
    const r = parse('2026-04-03T00:31:09.976660+00:00 192.168.2.1 date=2026-04-02 time=17:31:09 devname="FGVMEVVDEADBEEF00"');
    expect(r.header).toMatchObject({ format: 'rfc3164', hostname: '192.168.2.1', timestampText: '2026-04-03T00:31:09.976660+00:00' });
    expect(r.message).toBe('date=2026-04-02 time=17:31:09 devname="FGVMEVVDEADBEEF00"');
  });

  it('a body that merely starts with an ISO date is not taken for an inner header', () => {
    const r = parse('<13>Mar 13 11:45:17 host app: 2025-03-13T11:00:00Z backup finished ok');
    expect(r.header).toMatchObject({ hostname: 'host', appname: 'app' });
    expect(r.header.relayHostname).toBeUndefined();
    expect(r.message).toBe('2025-03-13T11:00:00Z backup finished ok');
  });
});
