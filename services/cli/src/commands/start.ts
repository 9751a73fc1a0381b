import type { Command } from 'commander';
import { startAllInOne } from '@pullwatch/all-in-one';
import { FanoutAlertSink, WebhookAlertSink } from '@pullwatch/alert-sinks';
import type { Config } from '@pullwatch/config';
import type { Logger } from '@pullwatch/telemetry';
import { webhookTargets } from '../diagnosis-adapters.js';
import { configOrExit, runService } from '../run-service.js';

/** What `pullwatch start` (and `npm start`) means without configuration: one process, nothing listening beyond this machine. */
export const EMBEDDED_DEFAULTS: Record<string, unknown> = {
  mode: 'embedded',
  'log.level': 'warn',
  'receiver.udp.host': '127.0.0.1',
  'receiver.tcp.host': '127.0.0.1',
  'receiver.tls.host': '127.0.0.1',
  'api.host': '127.0.0.1',
  'api.port': 8080,
  'api.pullsTo': 'store',
  'correlator.shards': 1,
};

export function startCommand(program: Command): void {
  program
    .command('start')
    .description('Run everything in one process on the embedded store (no Kafka, Elasticsearch or Redis): syslog on 127.0.0.1:5514, API and page on http://127.0.0.1:8080, data in ./data.')
    .option('--data <dir>', 'data directory (embedded.dataDir)')
    .action(async (opts: { data?: string }) => {
      const config = configOrExit(program.opts(), { 'embedded.dataDir': opts.data }, EMBEDDED_DEFAULTS);
      if (config.mode !== 'embedded') {
        process.stderr.write('pullwatch start runs the embedded mode; with mode=distributed, run pullwatch receiver, worker, correlator and api (see README.md).\n');
        process.exit(2);
      }
      await runService('all-in-one', config, async (logger) => {
        const handle = await startAllInOne(config, logger, { sink: webhookSink(config, logger) });
        printBanner(handle.endpoints());
        return handle;
      });
    });
}

function webhookSink(config: Config, logger: Logger) {
  const targets = webhookTargets(config);
  if (targets.length === 0) return undefined;
  return new FanoutAlertSink([
    new WebhookAlertSink({ targets, logger, timeoutMs: config.alerts.webhookTimeoutMs, maxAttempts: config.alerts.webhookMaxAttempts, backoffMs: config.alerts.webhookBackoffMs }),
  ]);
}

export function printBanner(endpoints: Record<string, string>): void {
  const width = Math.max(...Object.keys(endpoints).map((k) => k.length));
  const lines = Object.entries(endpoints).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  process.stdout.write(`pullwatch is running (embedded mode). Stop with Ctrl-C.\n${lines.join('\n')}\n`);
}
