import { describe, expect, it } from 'vitest';
import { parseSyslog } from '@pullwatch/syslog';

const receivedAt = new Date('2025-11-05T14:00:00Z');
const parse = (line: string, timezone?: string) => parseSyslog(line, timezone === undefined ? { receivedAt } : { receivedAt, timezone });

describe('syslog > header > rfc3164', () => {
  it('reads `Nov  5` (two spaces) and `Nov 5` (one space) alike', () => {
    const two = parse('<13>Nov  5 13:54:43 fw01 sshd[12]: hello');
    const one = parse('<13>Nov 5 13:54:43 fw01 sshd[12]: hello');
    for (const r of [two, one]) {
      expect(r.header).toMatchObject({ format: 'rfc3164', hostname: 'fw01', appname: 'sshd', procid: '12' });
      expect(r.header.timestamp?.toISOString()).toBe('2025-11-05T13:54:43.000Z');
      expect(r.message).toBe('hello');
    }
    expect(two.header.timestampText).toBe('Nov  5 13:54:43');
    expect(one.header.timestampText).toBe('Nov 5 13:54:43');
  });

  it('accepts blanks after the PRI (`<15> Sep 12 ...`)', () => {
    const r = parse('<15> Sep 12 16:53:56 host msg here');
    expect(r.header).toMatchObject({ format: 'rfc3164', priority: 15, facility: 1, severity: 7, hostname: 'host' });
    expect(r.message).toBe('msg here');
  });

  it('parses a header without PRI', () => {
    const r = parse('Apr 11 20:06:15 192.168.0.1 sshd: no pri');
    expect(r.header.priority).toBeUndefined();
    expect(r.header).toMatchObject({ format: 'rfc3164', hostname: '192.168.0.1', appname: 'sshd' });
    expect(r.message).toBe('no pri');
  });

  it('no hostname when the first token is a TAG (`filterlog[1]:`, `php-fpm[9]:`)', () => {
    const a = parse('<134>Nov  5 13:54:43 filterlog[1]: 146,,,1535324496,igb1.12,match,block,in,4');
    expect(a.header.hostname).toBeUndefined();
    expect(a.header).toMatchObject({ appname: 'filterlog', procid: '1' });
    expect(a.message).toBe('146,,,1535324496,igb1.12,match,block,in,4');
    const b = parse("<134>Nov  5 13:54:43 php-fpm[9]: /index.php: Successful login for user 'admin' from: 10.1.1.1 (Local Database)");
    expect(b.header.hostname).toBeUndefined();
    expect(b.header).toMatchObject({ appname: 'php-fpm', procid: '9' });
    expect(b.message).toBe("/index.php: Successful login for user 'admin' from: 10.1.1.1 (Local Database)");
  });

  it('an IP address as hostname', () => {
    const r = parse('<134>Nov  5 13:54:43 10.1.2.3 filterlog: 5,,,');
    expect(r.header).toMatchObject({ hostname: '10.1.2.3', appname: 'filterlog' });
    expect(r.header.procid).toBeUndefined();
    expect(r.message).toBe('5,,,');
  });

  it('TAG shapes: `prog:`, `(squid-1)[6802]:`, `/usr/local/sbin/xyz[123]:`, `configd.py:`', () => {
    expect(parse('<1>Nov  5 13:54:43 h (squid-1)[6802]: x').header).toMatchObject({ appname: 'squid-1', procid: '6802' });
    expect(parse('<1>Nov  5 13:54:43 (squid-1): x').header).toMatchObject({ appname: 'squid-1' });
    expect(parse('<1>Nov  5 13:54:43 /usr/local/sbin/xyz[123]: x').header).toMatchObject({ appname: 'xyz', procid: '123' });
    expect(parse('<1>Nov  5 13:54:43 h configd.py: x').header).toMatchObject({ hostname: 'h', appname: 'configd.py' });
  });

  it('no TAG when the token after the host is a body (PAN-OS CSV, FortiGate KV)', () => {
    const p = parse('<14>Dec 10 00:00:00 fw01 1,2025/12/10 00:00:00,0123456789,TRAFFIC,end,2561');
    expect(p.header).toMatchObject({ format: 'rfc3164', hostname: 'fw01' });
    expect(p.header.appname).toBeUndefined();
    expect(p.message).toBe('1,2025/12/10 00:00:00,0123456789,TRAFFIC,end,2561');
    const f = parse('Jul 19 11:08:59 _gateway date=2024-07-19 time=11:08:59 devname="FGT"');
    expect(f.header).toMatchObject({ hostname: '_gateway' });
    expect(f.message).toBe('date=2024-07-19 time=11:08:59 devname="FGT"');
  });

  it('a "hostname" containing `,` or `=` is the body: no hostname (PAN-OS without host)', () => {
    const r = parse('Nov 30 16:09:08 1,2019/10/09 10:20:15,001234567890002,CORRELATION,0,2304');
    expect(r.header.hostname).toBeUndefined();
    expect(r.header.appname).toBeUndefined();
    expect(r.message).toBe('1,2019/10/09 10:20:15,001234567890002,CORRELATION,0,2304');
    expect(parse('<189>Nov 30 16:09:08 devname="x" date=1').message).toBe('devname="x" date=1');
  });

  it('an ISO 8601 timestamp in 3164 position (relay files): µs kept in the text, ms in the Date', () => {
    const r = parse('2026-01-05T13:54:43.262668+01:00 relayhost sshd[4]: hi');
    expect(r.header).toMatchObject({ format: 'rfc3164', hostname: 'relayhost', appname: 'sshd', procid: '4', timestampHasZone: true });
    expect(r.header.timestampText).toBe('2026-01-05T13:54:43.262668+01:00');
    expect(r.header.timestamp?.toISOString()).toBe('2026-01-05T12:54:43.262Z');
  });

  it('`Mmm dd yyyy hh:mm:ss` and `yyyy Mmm dd hh:mm:ss` keep their year', () => {
    expect(parse('<1>Mar 14 2019 11:45:17 h a: x').header.timestamp?.toISOString()).toBe('2019-03-14T11:45:17.000Z');
    const r = parse('2018 Jun 21 00:00:35 XXX->127.0.0.1 date=2018-06-21 time=00:00:35');
    expect(r.header.timestamp?.toISOString()).toBe('2018-06-21T00:00:35.000Z');
    expect(r.header.hostname).toBe('XXX->127.0.0.1');
    expect(r.message).toBe('date=2018-06-21 time=00:00:35');
  });

  it('zone-less timestamps are read in the device zone (IANA name or offset)', () => {
    expect(parse('<1>Nov  5 13:54:43 h a: x', 'Europe/Paris').header.timestamp?.toISOString()).toBe('2025-11-05T12:54:43.000Z');
    expect(parse('<1>Nov  5 13:54:43 h a: x', '-05:00').header.timestamp?.toISOString()).toBe('2025-11-05T18:54:43.000Z');
    expect(parse('2026-01-05T13:54:43 h a: x', '+0200').header.timestamp?.toISOString()).toBe('2026-01-05T11:54:43.000Z');
    expect(parse('2026-01-05T13:54:43 h a: x', '+0200').header.timestampHasZone).toBe(false);
  });

  it('an unknown zone name falls back to UTC instead of failing', () => {
    expect(parse('<1>Nov  5 13:54:43 h a: x', 'Mars/Olympus').header.timestamp?.toISOString()).toBe('2025-11-05T13:54:43.000Z');
  });

  it('an impossible date keeps the header and its text but no instant', () => {
    const r = parse('<1>Feb 30 10:00:00 h a: x');
    expect(r.header).toMatchObject({ format: 'rfc3164', timestampText: 'Feb 30 10:00:00', hostname: 'h' });
    expect(r.header.timestamp).toBeUndefined();
  });

  it('a header that ends after the timestamp or the host', () => {
    expect(parse('<1>Nov  5 13:54:43')).toEqual({ header: expect.objectContaining({ format: 'rfc3164' }), message: '' });
    const r = parse('<1>Nov  5 13:54:43 lonehost');
    expect(r.header.hostname).toBe('lonehost');
    expect(r.message).toBe('');
  });

  it('the body keeps inner spaces; only the one space after the TAG is removed', () => {
    expect(parse('<1>Nov  5 13:54:43 h app:   indented').message).toBe('  indented');
  });
});
