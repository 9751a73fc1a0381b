import { describe, expect, it } from 'vitest';
import { main } from 'pullwatch';
import { captureCli } from '../../helpers/capture-cli.js';

const run = (args: string[]) => captureCli(() => main(['node', 'pullwatch', ...args]));

describe('cli > pullwatch parse', () => {
  it('writes one ECS document per input line, with the vendor detected per line', async () => {
    const { out } = await run(['parse', '--received-at', '2026-11-26T09:00:00Z', 'samples/firewall-mix.log']);
    const docs = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(docs).toHaveLength(7);
    expect(docs.map((d) => d.observer?.product)).toEqual(['Fortigate', 'Fortigate', 'PAN-OS', 'pfSense', 'pfSense', 'OPNsense', 'OPNsense']);
    expect(docs[0]).toMatchObject({ '@timestamp': '2026-11-26T08:58:02.000Z', source: { ip: '192.0.2.146', port: 56561 }, destination: { ip: '198.51.100.206', port: 443 } });
    expect(docs.every((d) => d.event.original && d.observer.type === 'firewall')).toBe(true);
    expect(out).not.toContain('s3cr3tpass');
  });

  it('forces a vendor with --vendor and refuses an unknown one, naming the allowed values', async () => {
    const { out } = await run(['parse', '--vendor', 'pfsense', '--received-at', '2026-11-26T09:00:00Z', 'samples/firewall-mix.log']);
    const docs = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    // Every line goes through the pfSense decoder: an unknown program stays program + message.
    expect(docs.map((d) => d.observer.product)).toEqual(Array(7).fill('pfSense'));
    expect(docs[3]).toMatchObject({ event: { action: 'block' }, source: { ip: '203.0.113.77' } });
    const bad = await run(['parse', '--vendor', 'cisco', 'samples/firewall-mix.log']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--vendor must be one of auto, fortigate, panos, pfsense, opnsense');
  });
});
