import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startAllInOne } from '@pullwatch/all-in-one';
import { createLogger } from '@pullwatch/telemetry';
import { embeddedConfig } from './helpers.js';

const logger = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('embedded > the all-in-one', () => {
  it('takes syslog and pulls with no external service, and keeps its data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-restart-'));
    const config = embeddedConfig(dir);
    let h = await startAllInOne(config, logger);
    const api = () => `http://127.0.0.1:${h.api.address().port}`;
    const integration = { id: 'restart-1', name: 'fw-restart', vendor: 'opnsense', devices: [{ hostname: 'opn-restart' }] };
    expect((await fetch(`${api()}/v1/integrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(integration) })).status).toBe(201);
    const pull = { '@timestamp': new Date().toISOString(), integration: { id: 'restart-1' }, source: { ip: '192.0.2.9' }, http: { response: { status_code: 200 } } };
    expect((await fetch(`${api()}/v1/pulls`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: JSON.stringify(pull) })).status).toBe(202);
    const udp = createSocket('udp4');
    const port = h.receiver.listeners.find((l) => l.name === 'udp')!.address().port;
    await new Promise<void>((r) => udp.send(`<134>1 ${new Date().toISOString()} opn-restart filterlog 1 - [meta sequenceId="1"] 96,,,0,vtnet0,match,pass,out,4,0x0,,64,1,0,DF,17,udp,72,192.0.2.53,9.9.9.9,44012,53,52`, port, '127.0.0.1', () => r()));
    udp.close();
    await until(async () => (await h.store.search(config.elasticsearch.firewallStream, { limit: 10 })).length === 1);
    await h.stop();

    h = await startAllInOne(config, logger);
    try {
      expect(await (await fetch(`${api()}/v1/integrations/restart-1`)).json()).toMatchObject(integration);
      const events = await h.store.search(config.elasticsearch.firewallStream, { limit: 10 });
      expect(events).toHaveLength(1);
      expect(events[0]!.doc).toMatchObject({ observer: { product: 'OPNsense' }, destination: { ip: '9.9.9.9' } });
      expect(await h.store.search(config.elasticsearch.pullsStream, { limit: 10 })).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});
