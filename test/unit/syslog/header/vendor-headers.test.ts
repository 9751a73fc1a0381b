import { describe, expect, it } from 'vitest';
import { type ParsedSyslog, parseSyslog } from '@pullwatch/syslog';
import { VENDOR_LINES as L } from './vendor-lines.js';

const parse = (line: string, receivedAt = '2021-07-03T20:00:00Z', timezone?: string): ParsedSyslog =>
  parseSyslog(line, timezone === undefined ? { receivedAt: new Date(receivedAt) } : { receivedAt: new Date(receivedAt), timezone });

/** The message must be the tail of the line that starts at `start`. */
const bodyFrom = (line: string, start: string) => line.slice(line.indexOf(start));

describe('syslog > header > real vendor headers', () => {
  describe('pfSense', () => {
    it('2.5+ BSD: `<134>Jul  3 19:10:30 filterlog[72237]:` has no hostname', () => {
      const r = parse(L.pfsense_bsd, '2021-07-03T19:10:31Z');
      expect(r.header).toEqual({
        format: 'rfc3164',
        priority: 134,
        facility: 16,
        severity: 6,
        timestamp: new Date('2021-07-03T19:10:30Z'),
        timestampText: 'Jul  3 19:10:30',
        timestampHasZone: false,
        appname: 'filterlog',
        procid: '72237',
      });
      expect(r.message).toBe(bodyFrom(L.pfsense_bsd, '146,,,'));
    });

    it('BSD time is local: with device tz America/Chicago it is 5 h later in UTC', () => {
      expect(parse(L.pfsense_bsd, '2021-07-04T00:10:31Z', 'America/Chicago').header.timestamp?.toISOString()).toBe('2021-07-04T00:10:30.000Z');
    });

    it('RFC 5424 with µs and offset, SD `-`', () => {
      const r = parse(L.pfsense_5424);
      expect(r.header).toMatchObject({ format: 'rfc5424', hostname: 'pfSense.example.com', appname: 'filterlog', procid: '72237' });
      expect(r.header.timestampText).toBe('2021-07-03T19:10:14.578288-05:00');
      expect(r.header.timestamp?.toISOString()).toBe('2021-07-04T00:10:14.578Z');
      expect(r.header.structuredData).toBeUndefined();
      expect(r.message.split(',')[0]).toBe('146');
    });

    it('php-fpm web GUI login lines (success and failure) with no hostname', () => {
      for (const line of [L.pfsense_phpfpm_ok, L.pfsense_phpfpm_fail]) {
        const r = parse(line);
        expect(r.header.hostname).toBeUndefined();
        expect(r.header).toMatchObject({ appname: 'php-fpm', procid: '99932' });
        expect(r.message.startsWith('/index.php: ')).toBe(true);
      }
    });

    it('a BSD line with a hostname (`pfSense haproxy[25571]:`)', () => {
      expect(parse(L.pfsense_haproxy_host).header).toMatchObject({ hostname: 'pfSense', appname: 'haproxy', procid: '25571' });
    });

    it('`(squid-1)[6802]:` gives appname squid-1', () => {
      const r = parse(L.pfsense_squid);
      expect(r.header).toMatchObject({ hostname: 'myfirewall.my-domain.tld', appname: 'squid-1', procid: '6802' });
      expect(r.message.startsWith('[1598040493.253 325]')).toBe(true);
    });

    it('charon over RFC 5424 keeps the MSG spacing', () => {
      const r = parse(L.pfsense_charon_5424);
      expect(r.header).toMatchObject({ format: 'rfc5424', appname: 'charon', procid: '18610', severity: 6 });
      expect(r.message).toBe('08[CFG]   ppk_id = (null)');
    });
  });

  describe('OPNsense', () => {
    it('BSD with a single-space day and a hostname (`Jan 1 02:21:38 firewall.opnsense.net filterlog[97530]:`)', () => {
      const r = parse(L.opnsense_bsd, '2021-01-01T02:30:00Z');
      expect(r.header).toMatchObject({ hostname: 'firewall.opnsense.net', appname: 'filterlog', procid: '97530', timestampText: 'Jan 1 02:21:38' });
      expect(r.header.timestamp?.toISOString()).toBe('2021-01-01T02:21:38.000Z');
      expect(r.message.split(',')[0]).toBe('146');
    });

    it('RFC 5424 with `[meta sequenceId="418"]`', () => {
      const r = parse(L.opnsense_5424_meta);
      expect(r.header).toMatchObject({ format: 'rfc5424', hostname: 'OPNsense.internal', appname: 'filterlog', procid: '54555' });
      expect(r.header.structuredData).toEqual({ meta: { sequenceId: '418' } });
      expect(r.message.split(',')[3]).toBe('3d399f8f89b68d684701badb48eab085');
    });

    it('sshd and configd.py over RFC 5424', () => {
      expect(parse(L.opnsense_sshd)).toMatchObject({
        header: { appname: 'sshd', procid: '41290', priority: 38 },
        message: 'Failed password for invalid user admin from 198.51.100.7 port 51234 ssh2',
      });
      expect(parse(L.opnsense_configd)).toMatchObject({
        header: { appname: 'configd.py', procid: '88331' },
        message: '[3f0f2a11-1d5d-4d1e-8f27-1b1b6c0e0e21] generating template OPNsense/Filter',
      });
    });

    it('BSD `Sep  7` with a hostname', () => {
      expect(parse(L.opnsense_bsd_sep).header).toMatchObject({ hostname: 'OPNsense.localdomain', appname: 'filterlog', procid: '54555' });
    });

    it('a bare `filterlog: ...` line has no header', () => {
      expect(parse(L.opnsense_no_header)).toEqual({ header: { format: 'none' }, message: L.opnsense_no_header });
    });

    it('squid JSON after `(squid-1)[6802]:`', () => {
      const r = parse(L.opnsense_squid);
      expect(r.header.appname).toBe('squid-1');
      expect(r.message.startsWith('{"@timestamp"')).toBe(true);
    });
  });

  describe('PAN-OS', () => {
    it('BSD with host and no TAG: the receive time is not split', () => {
      const r = parse(L.panos_bsd_host);
      expect(r.header).toMatchObject({ format: 'rfc3164', priority: 14, hostname: 'PA-220' });
      expect(r.header.appname).toBeUndefined();
      expect(r.message.startsWith('1,2021/11/11 15:42:44,007051000184334,DECRYPTION,')).toBe(true);
    });

    it('IETF header without APP..SD', () => {
      const r = parse(L.panos_ietf);
      expect(r.header).toMatchObject({ format: 'rfc5424', priority: 134, hostname: 'PA-220', timestampText: '2022-11-03T13:40:34+01:00' });
      expect(r.message.startsWith('1,2021/11/11 15:42:44,')).toBe(true);
    });

    it('BSD with neither host nor TAG (Elastic samples)', () => {
      for (const line of [L.panos_bsd_no_host, L.panos_gp_no_host]) {
        const r = parse(line);
        expect(r.header.format).toBe('rfc3164');
        expect(r.header.hostname).toBeUndefined();
        expect(r.message).toBe(line.slice('Nov 30 16:09:08 '.length));
      }
    });

    it('audit line: IP host, body starting with the serial', () => {
      const r = parse(L.panos_audit);
      expect(r.header.hostname).toBe('192.168.0.1');
      expect(r.message.split(',')[2]).toBe('audit');
    });

    it('no header at all', () => {
      expect(parse(L.panos_no_header)).toEqual({ header: { format: 'none' }, message: L.panos_no_header });
    });
  });

  describe('FortiGate', () => {
    it('RFC 5424 mode: `<165>1 2022-11-14T06:54:03Z use2-dmz-fw02 - - - - eventtime=...`', () => {
      const r = parse(L.fortigate_5424);
      expect(r.header).toEqual({
        format: 'rfc5424',
        priority: 165,
        facility: 20,
        severity: 5,
        version: 1,
        timestamp: new Date('2022-11-14T06:54:03Z'),
        timestampText: '2022-11-14T06:54:03Z',
        timestampHasZone: true,
        hostname: 'use2-dmz-fw02',
      });
      expect(r.message.startsWith('eventtime=1668408842876531561 ')).toBe(true);
    });

    it('`<185>date=`, `<185> date=`, `<190>devname=`, `<188>timestamp=`: PRI then the KV body', () => {
      for (const [line, key, pri] of [
        [L.fortigate_pri_kv, 'date', 185],
        [L.fortigate_pri_space, 'date', 185],
        [L.fortigate_pri_devname, 'devname', 190],
        [L.fortigate_faz, 'timestamp', 188],
      ] as const) {
        const r = parse(line);
        expect(r.header).toEqual({ format: 'none', priority: pri, facility: pri >> 3, severity: pri & 7 });
        expect(r.message.slice(0, r.message.indexOf('='))).toBe(key);
      }
    });

    it('no PRI at all, and `date= desc=...`', () => {
      expect(parse(L.fortigate_no_pri)).toEqual({ header: { format: 'none' }, message: L.fortigate_no_pri });
      expect(parse(L.fortigate_empty_date)).toEqual({ header: { format: 'none' }, message: L.fortigate_empty_date });
    });

    it('a line ending in NUL keeps it in MSG (the framer, not the parser, strips terminators)', () => {
      const r = parse(L.fortigate_trailing_nul);
      expect(r.header.priority).toBe(189);
      expect(r.message.endsWith('\0')).toBe(true);
    });

    it('RFC 3339 relay prefix (FortiOS 7.6 through rsyslog)', () => {
      const r = parse(L.fortigate_relay_iso);
      expect(r.header).toMatchObject({ format: 'rfc3164', hostname: '192.168.2.1' });
      expect(r.message.startsWith('date=2026-04-02 time=17:31:09 ')).toBe(true);
    });

    it('a relay-mangled RFC 5424 header: the `time=12` token is body, not APP-NAME', () => {
      const r = parse(L.fortigate_mangled_5424);
      expect(r.header).toMatchObject({ format: 'rfc5424', hostname: '10.4.8.18' });
      expect(r.header.appname).toBeUndefined();
      expect(r.message.startsWith('time=12 - - - 02:22 devname=')).toBe(true);
    });
  });

  it('every vendor line: MSG is a tail of the line', () => {
    for (const line of Object.values(L)) {
      const r = parse(line);
      expect(line.endsWith(r.message)).toBe(true);
    }
  });
});
