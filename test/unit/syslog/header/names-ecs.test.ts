import { describe, expect, it } from 'vitest';
import { facilityName, parseSyslog, severityName, toEcsSyslog } from '@pullwatch/syslog';

describe('syslog > header > names and ECS', () => {
  it('facility names by code', () => {
    expect([0, 1, 3, 4, 10, 13, 14, 15, 16, 23].map(facilityName)).toEqual([
      'kern', 'user', 'daemon', 'auth', 'authpriv', 'security', 'console', 'solaris-cron', 'local0', 'local7',
    ]);
    expect(facilityName(24)).toBeUndefined();
    expect(facilityName(-1)).toBeUndefined();
    expect(facilityName(1.5)).toBeUndefined();
  });

  it('severity names as Elastic writes them', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(severityName)).toEqual([
      'Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug',
    ]);
    expect(severityName(8)).toBeUndefined();
  });

  it('toEcsSyslog maps every field and omits absent ones', () => {
    const { header } = parseSyslog('<134>1 2022-06-09T14:44:11-06:00 OPNsense.example.com filterlog 76404 - [meta sequenceId="1"] 124,,,', {
      receivedAt: new Date('2022-06-09T20:44:12Z'),
    });
    expect(toEcsSyslog(header)).toEqual({
      log: {
        syslog: {
          priority: 134,
          facility: { code: 16, name: 'local0' },
          severity: { code: 6, name: 'Informational' },
          hostname: 'OPNsense.example.com',
          appname: 'filterlog',
          procid: '76404',
          version: '1',
          structured_data: { meta: { sequenceId: '1' } },
        },
      },
    });
  });

  it('a PRI-only header gives only priority, facility and severity; no header at all gives {}', () => {
    expect(toEcsSyslog(parseSyslog('<189>date=1', { receivedAt: new Date() }).header)).toEqual({
      log: { syslog: { priority: 189, facility: { code: 23, name: 'local7' }, severity: { code: 5, name: 'Notice' } } },
    });
    expect(toEcsSyslog(parseSyslog('date=1', { receivedAt: new Date() }).header)).toEqual({});
  });
});
