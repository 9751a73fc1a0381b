import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { startAllInOne, type AllInOneHandle } from '@pullwatch/all-in-one';
import type { Alert } from '@pullwatch/core';
import { createLogger } from '@pullwatch/telemetry';
import { demoData } from '../demo/demo-data.js';
import { openSyslogSink } from '../replay/send-lines.js';
import { configOrExit } from '../run-service.js';
import { EMBEDDED_DEFAULTS, printBanner } from './start.js';

const PRODUCT: Record<string, string> = { fortigate: 'FortiGate', panos: 'PAN-OS', pfsense: 'pfSense', opnsense: 'OPNsense' };

export interface DemoResult {
  alerts: Alert[];
  expected: Record<string, string>;
  handle: AllInOneHandle;
}

/**
 * The demo, as a function (the browser test drives it too): starts the all-in-one, registers
 * four integrations through the API, replays a day of their syslog through the receiver and of
 * their pulls through the API, and waits for the correlator's four alerts.
 */
export async function runDemo(opts: { config: ReturnType<typeof configOrExit>; progress: boolean; log?: (s: string) => void }): Promise<DemoResult> {
  const { config } = opts;
  const say = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const logger = createLogger({ service: 'pullwatch-demo', level: config.log.level });
  const handle = await startAllInOne(config, logger);
  try {
    const data = demoData(new Date());
    const api = handle.api.address();
    const base = `http://${api.address}:${api.port}`;
    const post = async (path: string, body: string, type: string) => {
      const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': type }, body });
      if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status}: ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };
    say(`Registering ${data.integrations.length} integrations, then replaying 30 hours: ${data.syslog.length} syslog lines and ${data.pulls.length} pull records.`);
    await post('/v1/integrations:import', JSON.stringify(data.integrations), 'application/json');
    await handle.worker.refreshFeeds();

    const total = data.syslog.length + data.pulls.length;
    const bar = opts.progress ? new SingleBar({ format: 'replay [{bar}] {percentage}% | {value}/{total} records', stream: process.stderr }, Presets.shades_classic) : undefined;
    bar?.start(total, 0);
    const tcp = handle.receiver.listeners.find((l) => l.name === 'tcp')!.address();
    const sink = await openSyslogSink({ target: { protocol: 'tcp', host: tcp.address, port: tcp.port }, framing: 'octet' });
    let done = 0;
    for (let i = 0; i < data.syslog.length; i += 200) {
      const chunk = data.syslog.slice(i, i + 200);
      await sink.send(chunk);
      bar?.update((done += chunk.length));
    }
    await sink.close();
    for (let i = 0; i < data.pulls.length; i += 100) {
      const chunk = data.pulls.slice(i, i + 100);
      await post('/v1/pulls', chunk.map((p) => JSON.stringify(p)).join('\n'), 'application/x-ndjson');
      bar?.update((done += chunk.length));
    }
    bar?.stop();

    // The worker indexes the lines, then the correlator's next run raises the alerts.
    const deadline = Date.now() + 45_000;
    let alerts: Alert[] = [];
    while (Date.now() < deadline) {
      alerts = await handle.alerts.list({ status: 'open' });
      const causes = new Map(alerts.map((a) => [a.integration.id, a.diagnosis.primary.category]));
      if (Object.entries(data.expected).every(([id, cause]) => causes.get(id) === cause)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return { alerts, expected: data.expected, handle };
  } catch (err) {
    await handle.stop();
    throw err;
  }
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('Start the all-in-one, register four integrations (one per vendor), replay a day in which each stops pulling for a different reason, and print the four diagnoses.')
    .option('--data <dir>', 'data directory (default: a new temporary one)')
    .option('--serve', 'keep running afterwards, so the page can be opened')
    .option('--no-progress', 'no progress bar')
    .action(async (o: { data?: string; serve?: boolean; progress: boolean }) => {
      const dataDir = o.data ?? mkdtempSync(join(tmpdir(), 'pullwatch-demo-'));
      const config = configOrExit(program.opts(), { 'embedded.dataDir': dataDir }, { ...EMBEDDED_DEFAULTS, 'correlator.intervalMs': 2000 });
      const t0 = Date.now();
      const { alerts, expected, handle } = await runDemo({ config, progress: o.progress });
      const byId = new Map(alerts.map((a) => [a.integration.id, a]));
      let missing = 0;
      for (const id of Object.keys(expected)) {
        const a = byId.get(id);
        if (!a) {
          missing++;
          process.stdout.write(`\n${id}: no alert yet (expected ${expected[id]}).\n`);
          continue;
        }
        const d = a.diagnosis;
        process.stdout.write(
          [
            '',
            `■ ${d.integration.name} (${PRODUCT[d.integration.vendor]}) — ${a.state.toUpperCase()} — ${d.primary.category} (confidence ${d.primary.confidence})`,
            `  ${d.summary}`,
            `  Fix:`,
            ...d.remediation.slice(0, 3).map((r, i) => `    ${i + 1}. ${r}`),
            `  Verify: ${d.verify[0] ?? ''}`,
          ].join('\n') + '\n',
        );
      }
      process.stdout.write(`\nDemo finished in ${((Date.now() - t0) / 1000).toFixed(1)} s; data in ${dataDir}.\n`);
      if (o.serve) {
        printBanner(handle.endpoints());
        const stop = () => void handle.stop().then(() => process.exit(0));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        return;
      }
      await handle.stop();
      process.exit(missing ? 1 : 0);
    });
}
