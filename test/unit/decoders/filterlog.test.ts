import { describe, expect, it } from 'vitest';
import { DecodeError } from '@pullwatch/core';
import { parseFilterlog, isAtTruncationCap, transportName, splitCommas } from '../../../packages/decoders/src/filterlog/index.js';

/** Common fields of a pfSense line: rule 5, tracker 1000000103, em0, match, block, in. */
const PF = '5,,,1000000103,em0,match,block,in';
/** OPNsense: rule 71, 32-hex label. */
const OPN = '71,,,3d399f8f89b68d684701badb48eab085,vtnet1,match,pass,out';

describe('decoders > filterlog > splitting', () => {
  it('keeps empty fields and a trailing empty field in place', () => {
    expect(splitCommas('a,,b,', 0, 5, [])).toEqual(['a', '', 'b', '']);
    expect(splitCommas('x', 0, 1, [])).toEqual(['x']);
  });
});

describe('decoders > filterlog > IPv4', () => {
  it('parses TCP with a seq range and ;-separated options', () => {
    const r = parseFilterlog(`${PF},4,0x0,,64,12345,0,DF,6,tcp,52,198.51.100.3,192.0.2.1,50000,443,0,S,1234:1300,5678,65535,,mss;nop;wscale;nop;nop;sackOK`);
    expect(r).toMatchObject({
      ipVersion: 4, tos: '0x0', ecn: undefined, ttl: 64, id: 12345, offset: 0, flags: 'DF', protoNum: 6, protoName: 'tcp',
      length: 52, src: '198.51.100.3', dst: '192.0.2.1', srcPort: 50000, dstPort: 443, dataLength: 0, tcpFlags: 'S',
      tcpSeq: '1234:1300', tcpAck: '5678', tcpWindow: '65535', tcpUrg: undefined, tcpOptions: 'mss;nop;wscale;nop;nop;sackOK', truncated: false,
    });
  });

  it('parses UDP', () => {
    const r = parseFilterlog(`${PF},4,0xb8,,64,58355,0,none,17,udp,76,10.170.27.27,175.16.199.1,123,123,56`);
    expect(r).toMatchObject({ protoNum: 17, srcPort: 123, dstPort: 123, dataLength: 56, flags: 'none', tos: '0xb8' });
  });

  it('parses ICMP echo request and reply (id, seq)', () => {
    const req = parseFilterlog(`${PF},4,0x0,,64,62096,0,DF,1,icmp,84,10.100.10.30,175.16.199.1,request,37728,164`);
    expect(req.icmp).toEqual({ type: 'request', id: 37728, seq: 164 });
    const rep = parseFilterlog(`${PF},4,0x0,,64,0,0,DF,1,icmp,84,10.100.15.13,10.100.15.1,reply,0,064`);
    expect(rep.icmp).toEqual({ type: 'reply', id: 0, seq: 64 });
  });

  it('parses ICMP unreachport and needfrag, each with its own tail', () => {
    const port = parseFilterlog(`${PF},4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,unreachport,198.51.100.3,17,33434`);
    expect(port.icmp).toEqual({ type: 'unreachport', destinationIp: '198.51.100.3', unreachableProto: '17', unreachablePort: 33434 });
    const frag = parseFilterlog(`${PF},4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,needfrag,198.51.100.3,1400`);
    expect(frag.icmp).toEqual({ type: 'needfrag', destinationIp: '198.51.100.3', mtu: 1400 });
    const ts = parseFilterlog(`${PF},4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,tstampreply,1,2,100,200,300`);
    expect(ts.icmp).toEqual({ type: 'tstampreply', id: 1, seq: 2, otime: 100, rtime: 200, ttime: 300 });
    const other = parseFilterlog(`${PF},4,0x0,,64,1,0,none,1,icmp,56,192.0.2.1,198.51.100.3,timexceed,ttl exceeded in transit`);
    expect(other.icmp).toEqual({ type: 'timexceed', description: 'ttl exceeded in transit' });
  });

  it('parses IGMP datalength=12', () => {
    const r = parseFilterlog(`${PF},4,0xc0,,1,0,0,DF,2,igmp,32,10.170.12.17,224.0.0.22,datalength=12`);
    expect(r).toMatchObject({ protoNum: 2, datalength: 12, rest: undefined, truncated: false });
  });

  it('parses CARP (type, ttl, vhid, version, advskew, advbase)', () => {
    const r = parseFilterlog(`${PF},4,0x10,,255,4242,0,none,112,carp,56,192.0.2.2,224.0.0.18,advertise,255,1,2,0,1`);
    expect(r.carp).toEqual({ type: 'advertise', ttl: 255, vhid: 1, version: 2, advskew: 0, advbase: 1 });
  });

  it('accepts empty ECN and the flags DF, none and +', () => {
    for (const flags of ['DF', 'none', '+']) {
      const r = parseFilterlog(`${PF},4,0x0,,64,1,0,${flags},17,udp,40,192.0.2.1,192.0.2.2,1,2,12`);
      expect(r.ecn).toBeUndefined();
      expect(r.flags).toBe(flags);
      expect(r.srcPort).toBe(1);
    }
  });

  it('accepts an unknown action unkn(%u) without failing', () => {
    const r = parseFilterlog('5,,,1000000103,em0,match,unkn(11),in,4,0x0,,64,1,0,DF,17,udp,40,192.0.2.1,192.0.2.2,1,2,12');
    expect(r.action).toBe('unkn(11)');
    expect(r.dstPort).toBe(2);
  });

  it('keeps the common and IP fields of an unknown protocol and the rest raw', () => {
    const r = parseFilterlog(`${PF},4,0x0,,64,1,0,none,47,gre,120,192.0.2.1,192.0.2.2,foo,bar,`);
    expect(r).toMatchObject({ protoNum: 47, protoName: 'gre', length: 120, src: '192.0.2.1', dst: '192.0.2.2', rest: 'foo,bar' });
  });

  it('branches on the protocol number, not the name', () => {
    const r = parseFilterlog(`${PF},4,0x0,,64,1,0,none,17,UDP-LITE?,40,192.0.2.1,192.0.2.2,53,53,12`);
    expect(r.srcPort).toBe(53);
    expect(transportName(r)).toBe('udp');
  });
});

describe('decoders > filterlog > IPv6 (protoname and protonum swapped)', () => {
  it('parses UDP', () => {
    const r = parseFilterlog('6,,,1000000105,igb1.27,match,block,in,6,0x00,0xf6279,1,UDP,17,32,fe80::208:9bff:fef3:652b,ff02::1:2,546,547,32');
    expect(r).toMatchObject({
      ipVersion: 6, trafficClass: '0x00', flowLabel: '0xf6279', hopLimit: 1, protoName: 'UDP', protoNum: 17,
      length: 32, src: 'fe80::208:9bff:fef3:652b', dst: 'ff02::1:2', srcPort: 546, dstPort: 547, dataLength: 32,
    });
    expect(transportName(r)).toBe('udp');
  });

  it('parses ICMPv6 with nothing but a trailing comma after dst', () => {
    const r = parseFilterlog(`${PF},6,0x00,0x00000,255,ICMPv6,58,32,fe80::1,ff02::2,`);
    expect(r).toMatchObject({ protoNum: 58, src: 'fe80::1', dst: 'ff02::2', icmp: undefined, truncated: false });
    expect(transportName(r)).toBe('ipv6-icmp');
  });

  it('parses Options (hop-by-hop) with HBH,RTALERT,0x0000,PADN and a trailing comma', () => {
    const r = parseFilterlog(`${PF},6,0xe0,0x00000,1,Options,0,32,fe80::1,ff02::1,HBH,RTALERT,0x0000,PADN,`);
    expect(r).toMatchObject({ protoNum: 0, protoName: 'Options', length: 32, dst: 'ff02::1', ipOptions: ['HBH', 'RTALERT', '0x0000', 'PADN'] });
  });

  it('parses PIM (103) keeping the rest raw', () => {
    const r = parseFilterlog(`${PF},6,0x00,0x00000,1,PIM,103,38,fe80::1,ff02::d,hello,1`);
    expect(r).toMatchObject({ protoNum: 103, protoName: 'PIM', src: 'fe80::1', dst: 'ff02::d', rest: 'hello,1' });
    expect(transportName(r)).toBe('pim');
  });
});

describe('decoders > filterlog > OPNsense differences', () => {
  it('keeps the field-4 label as a string (32-hex, or 0)', () => {
    expect(parseFilterlog(`${OPN},4,0x0,,64,1,0,DF,17,udp,76,192.0.2.10,198.51.100.53,53412,53,56`).label).toBe('3d399f8f89b68d684701badb48eab085');
    expect(parseFilterlog(',,,0,vtnet0,ip-option,block,out,6,0x00,0x00000,1,ip,0,56,::,ff02::16,INVALIDOPT').label).toBe('0');
  });

  it('parses the old ICMP form (datalength=N only)', () => {
    const r = parseFilterlog(`${OPN},4,0x0,,64,4025,0,DF,1,icmp,84,192.0.2.1,192.0.2.10,datalength=64`);
    expect(r.icmp).toEqual({ datalength: 64 });
  });

  it('parses the new ICMP form (datalength, type, code, id, seq, mtu)', () => {
    const r = parseFilterlog(`${OPN},4,0x0,,64,4025,0,DF,1,icmp,84,192.0.2.1,192.0.2.10,datalength=64,echoreq,0,1234,5,`);
    expect(r.icmp).toEqual({ datalength: 64, type: 'echoreq', code: '0', id: 1234, seq: 5 });
    const unreach = parseFilterlog(`${OPN},4,0x0,,64,1,0,DF,1,icmp,56,192.0.2.1,192.0.2.10,datalength=36,unreach,needfrag,,,1400`);
    expect(unreach.icmp).toEqual({ datalength: 36, type: 'unreach', code: 'needfrag', mtu: 1400 });
  });

  it('parses truncated-icmp=N', () => {
    const r = parseFilterlog(`${OPN},4,0x0,,64,1,0,DF,1,icmp,21,192.0.2.1,192.0.2.10,datalength=1,truncated-icmp=1,,,,`);
    expect(r.icmp).toEqual({ datalength: 1, truncatedBytes: 1 });
  });

  it('treats IPv6 ICMP named `icmp` (number 58) as ICMPv6', () => {
    const r = parseFilterlog(`${OPN},6,0x00,0x00000,255,icmp,58,32,::,ff02::1:ff0e:1102,datalength=32,neighbrsol,0,,,`);
    expect(r.icmp).toEqual({ datalength: 32, type: 'neighbrsol', code: '0' });
    expect(transportName(r)).toBe('ipv6-icmp');
  });

  it('keeps other key=value tail tokens (truncated-ip6=76)', () => {
    const r = parseFilterlog(`${OPN},6,0x00,0x00000,64,esp,50,76,2001:db8::1,2001:db8::2,truncated-ip6=76`);
    expect(r.extra).toEqual({ 'truncated-ip6': '76' });
  });
});

describe('decoders > filterlog > fragments and truncation', () => {
  it('rejects a body that starts mid-record as a fragment', () => {
    for (const body of ['255.255,,1,1,aged-out,0,0,1,1,1', '0,DF,6,tcp,60,10.170.12.50,175.16.199.1,49724,853', 'hello world', 'mss;sackOK;TS;nop;wscale']) {
      let err: unknown;
      try {
        parseFilterlog(body);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DecodeError);
      expect((err as DecodeError).code).toBe('fragment');
    }
  });

  it('drops the last (possibly partial) field at a transport cap and flags truncated', () => {
    const r = parseFilterlog(`${PF},4,0x0,,64,1,0,DF,6,tcp,52,198.51.100.3,192.0.2.1,50000,443,0,S,1234,5678,65535,,mss;nop;ws`, { atCap: true });
    expect(r.truncated).toBe(true);
    expect(r.tcpOptions).toBeUndefined();
    expect(r).toMatchObject({ src: '198.51.100.3', dst: '192.0.2.1', srcPort: 50000, dstPort: 443, tcpWindow: '65535' });
  });

  it('keeps only the complete leading fields of a record cut inside the IP block, never shifted ones', () => {
    const r = parseFilterlog(`${PF},4,0x0,,64,1,0,DF,6`);
    expect(r.truncated).toBe(true);
    expect(r).toMatchObject({ iface: 'em0', action: 'block', ttl: undefined, src: undefined, protoNum: undefined });
    const cut = parseFilterlog(`${PF},4,0x0,,64,1,0,DF,6,tcp,52,198.51.100.3`);
    expect(cut).toMatchObject({ truncated: true, length: 52, src: '198.51.100.3', dst: undefined, srcPort: undefined });
  });

  it('detects the known caps in UTF-8 bytes', () => {
    expect(isAtTruncationCap('x'.repeat(480))).toBe(true);
    expect(isAtTruncationCap('x'.repeat(1024))).toBe(true);
    expect(isAtTruncationCap('x'.repeat(2048))).toBe(true);
    expect(isAtTruncationCap('x'.repeat(479))).toBe(false);
    expect(isAtTruncationCap('é'.repeat(240))).toBe(true); // 480 bytes
  });
});
