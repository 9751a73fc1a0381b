import { statSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { parseTarget, replayFile } from '../replay/send-lines.js';

export function replayCommand(program: Command): void {
  program
    .command('replay')
    .description('Send a log file (one syslog message per line) to a syslog receiver at a chosen rate, with progress.')
    .argument('<file>', 'log file to send')
    .requiredOption('--to <url>', 'udp://host:port, tcp://host:port or tls://host:port')
    .option('--rate <lines/s>', 'lines per second (0: as fast as the receiver takes them)', '1000')
    .option('--framing <octet|lf>', 'TCP/TLS framing: RFC 6587 octet counting or LF', 'octet')
    .option('--ca <file>', 'TLS: PEM CA to trust')
    .option('--insecure', 'TLS: accept any certificate')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, opts: { to: string; rate: string; framing: string; ca?: string; insecure?: boolean; progress: boolean }) => {
      const fail = (msg: string) => {
        process.stderr.write(`pullwatch replay: ${msg}\n`);
        process.exit(2);
      };
      let target;
      try {
        target = parseTarget(opts.to);
      } catch (err) {
        return fail((err as Error).message);
      }
      const rate = Number(opts.rate);
      if (!Number.isFinite(rate) || rate < 0) return fail(`--rate must be a number ≥ 0 (got "${opts.rate}")`);
      if (opts.framing !== 'octet' && opts.framing !== 'lf') return fail(`--framing must be octet or lf (got "${opts.framing}")`);
      let size: number;
      try {
        size = statSync(file).size;
      } catch (err) {
        return fail((err as Error).message);
      }
      const bar = opts.progress ? new SingleBar({ format: 'replay [{bar}] {percentage}% | {lines} lines | {rate} lines/s | ETA {eta}s', stream: process.stderr }, Presets.shades_classic) : undefined;
      bar?.start(size, 0, { lines: 0, rate: 0 });
      const t0 = Date.now();
      const result = await replayFile(file, {
        target,
        rate,
        framing: opts.framing,
        ...(opts.ca ? { caFile: opts.ca } : {}),
        ...(opts.insecure ? { insecure: true } : {}),
        onProgress: (bytesRead, lines) => bar?.update(Math.min(bytesRead, size), { lines, rate: Math.round(lines / Math.max(0.001, (Date.now() - t0) / 1000)) }),
      });
      bar?.update(size, { lines: result.lines });
      bar?.stop();
      process.stderr.write(`Sent ${result.lines} lines (${result.bytes} bytes) to ${opts.to} in ${result.seconds.toFixed(1)} s (${Math.round(result.lines / Math.max(result.seconds, 0.001))} lines/s).\n`);
    });
}
