import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { getField, type Integration } from '@pullwatch/core';
import { captureCli } from '../../helpers/capture-cli.js';
import { diagnoseCommand, DiagnoseInputError, parseDuration, readIntegrations, readLogs, readPulls } from '../../../services/cli/src/commands/diagnose.js';

const dir = mkdtempSync(join(tmpdir(), 'pullwatch-diagnose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const SCEN = 'test/fixtures/scenarios/credentials-fortigate';

const cli = (args: string[]) =>
  captureCli(async () => {
    const program = new Command('pullwatch').exitOverride();
    diagnoseCommand(program);
    await program.parseAsync(['node', 'pullwatch', 'diagnose', ...args]);
  });

describe('diagnose > pullwatch diagnose command', () => {
  it('reads durations such as 24h, 90m, 7d', () => {
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(() => parseDuration('24', '--threshold')).toThrow('--threshold must be a positive duration such as 90m, 24h or 7d (got "24")');
    expect(() => parseDuration('0h')).toThrow(DiagnoseInputError);
  });

  it('prints one diagnosis per integration as a JSON array', async () => {
    const { out, code } = await cli(['--integrations', `${SCEN}/integrations.yaml`, '--pulls', `${SCEN}/pulls.ndjson`, '--logs', `${SCEN}/logs.log`, '--now', '2026-11-26T10:00:00Z']);
    expect(code).toBeUndefined();
    const diagnoses = JSON.parse(out) as Array<Record<string, any>>;
    expect(diagnoses).toHaveLength(1);
    expect(diagnoses[0]).toMatchObject({
      integration: { id: '65a1f0c2e4b8d7a9c3f1e201', name: 'fw-paris-01', vendor: 'fortigate' },
      status: 'offline',
      primary: { category: 'credentials_invalid' },
    });
    for (const key of ['alternatives', 'evidence', 'summary', 'remediation', 'verify', 'timeline', 'window']) expect(diagnoses[0]).toHaveProperty(key);
  });

  it('applies --threshold: with 48 h the same integration is only degraded', async () => {
    const { out } = await cli(['--integrations', `${SCEN}/integrations.yaml`, '--pulls', `${SCEN}/pulls.ndjson`, '--logs', `${SCEN}/logs.log`, '--now', '2026-11-26T10:00:00Z', '--threshold', '48h']);
    const [d] = JSON.parse(out) as Array<Record<string, any>>;
    expect(d!.status).toBe('degraded');
    expect(d!.time_left_ms).toBe(22 * 3_600_000 + 2 * 60_000);
  });

  it('exits with 2 and a message naming the entry and field of a bad integration', async () => {
    const bad = file('bad.yaml', '- id: fw-1\n  name: fw 1\n  vendor: fortigate\n  devices:\n    - address: 999.1.1.1\n- id: fw-2\n  name: x\n  vendor: sonicwall\n  devices: [{hostname: a}]\n');
    const { err, code } = await cli(['--integrations', bad, '--pulls', `${SCEN}/pulls.ndjson`, '--logs', `${SCEN}/logs.log`]);
    expect(code).toBe(2);
    expect(err).toContain('pullwatch diagnose: bad.yaml: entry 1 (id "fw-1"), field devices[0].address: must be an IPv4 or IPv6 address');
    expect(err).toMatch(/bad\.yaml: entry 2 \(id "fw-2"\), field vendor: /);
  });

  it('accepts a JSON list, and refuses a file that is not a list', async () => {
    const json = file('i.json', JSON.stringify([{ id: 'a', name: 'a', vendor: 'panos', devices: [{ serial: '0123' }] }]));
    expect((await readIntegrations(json))[0]?.devices).toEqual([{ serial: '0123' }]);
    await expect(readIntegrations(file('o.yaml', 'id: a\n'))).rejects.toThrow('o.yaml: expected a list of integrations');
    await expect(readIntegrations(file('dup.yaml', '- {id: a, name: a, vendor: panos, devices: [{serial: x}]}\n- {id: a, name: b, vendor: panos, devices: [{serial: y}]}\n'))).rejects.toThrow(
      'dup.yaml: entry 2 (id "a"), field id: duplicate integration id "a"',
    );
  });

  it('names the line of a bad pull record', async () => {
    const p = file('p.ndjson', [
      JSON.stringify({ '@timestamp': '2026-11-26T09:00:00Z', integration: { id: 'a' }, source: { ip: '192.0.2.1' }, http: { response: { status_code: 200 } } }),
      '',
      '{not json',
      JSON.stringify({ '@timestamp': 'yesterday', integration: { id: 'a' }, source: { ip: '192.0.2.1' }, http: { response: { status_code: 200 } } }),
    ].join('\n'));
    const err = await readPulls(p).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(DiagnoseInputError);
    expect((err as Error).message.split('\n')).toEqual([expect.stringMatching(/^p\.ndjson line 3: not valid JSON/), expect.stringMatching(/^p\.ndjson line 4: @timestamp: /)]);
  });

  it('takes the year of RFC 3164 lines from --now, classifies the lines, and reads a header host that is an address as the sender', async () => {
    const integrations: Integration[] = [{ id: 'a', name: 'a', vendor: 'pfsense', devices: [{ address: '192.0.2.10' }], feed: { name: 'CrowdSec_BL' } }];
    const logs = file('l.log', [
      '<11>Nov 25 10:12:01 192.0.2.10 php-cgi[123]: /etc/rc.update_urltables: Download file failed with status code 401. URL: https://u:secretpw@admin.api.crowdsec.net/v1/integrations/a/content',
      '<11>Nov 25 10:12:01 pfs-unknown php-cgi[123]: rc.update_urltables: /etc/rc.update_urltables: CrowdSec_BL does not need updating.',
      'this is not syslog',
    ].join('\n'));
    const { docs, warnings } = await readLogs(logs, integrations, { now: new Date('2027-11-26T10:00:00Z') });
    expect(docs[0]!['@timestamp']).toBe('2027-11-25T10:12:01.000Z');
    expect(getField(docs[0], 'log.source.address')).toBe('192.0.2.10');
    expect(getField(docs[0], 'pullwatch.root_cause.category')).toBe('credentials_invalid');
    expect(JSON.stringify(docs)).not.toContain('secretpw');
    expect(warnings).toEqual([
      'l.log: 1 line was not recognised as FortiGate, PAN-OS, pfSense or OPNsense syslog',
      "l.log: 2 lines match no device of the integrations (by host name, serial or address); pfSense's BSD syslog format carries no host name",
    ]);
  });

  it('refuses a look-back shorter than the threshold', async () => {
    const { err, code } = await cli(['--integrations', `${SCEN}/integrations.yaml`, '--pulls', `${SCEN}/pulls.ndjson`, '--logs', `${SCEN}/logs.log`, '--threshold', '48h', '--lookback', '1d']);
    expect(code).toBe(2);
    expect(err).toContain('must not be shorter than --threshold');
  });
});
