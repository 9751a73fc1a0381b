import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { VENDORS, VendorDetector, type Vendor } from '@pullwatch/decoders';
import { lineToDocument } from '@pullwatch/ingest';

export function parseCommand(program: Command): void {
  program
    .command('parse')
    .description('Decode syslog lines (one per input line, with or without a syslog header) to ECS JSON, one document per line (NDJSON).')
    .argument('[file]', 'input file, or - for standard input', '-')
    .option('--vendor <vendor>', `auto | ${VENDORS.join(' | ')}`, 'auto')
    .option('--timezone <tz>', 'device time zone for timestamps without one (IANA name or ±hh:mm)')
    .option('--received-at <iso>', 'receive time (for the year of RFC 3164 timestamps); default now')
    .option('--source <address>', 'sender address to record as log.source.address')
    .action(async (file: string, opts: { vendor: string; timezone?: string; receivedAt?: string; source?: string }) => {
      if (opts.vendor !== 'auto' && !VENDORS.includes(opts.vendor as Vendor)) {
        process.stderr.write(`pullwatch parse: --vendor must be one of auto, ${VENDORS.join(', ')} (got "${opts.vendor}")\n`);
        process.exit(2);
      }
      const receivedAt = opts.receivedAt ? new Date(opts.receivedAt) : undefined;
      if (receivedAt && Number.isNaN(receivedAt.getTime())) {
        process.stderr.write(`pullwatch parse: --received-at must be an ISO-8601 time (got "${opts.receivedAt}")\n`);
        process.exit(2);
      }
      const input = file === '-' ? process.stdin : createReadStream(file);
      input.on('error', (err: Error) => {
        process.stderr.write(`pullwatch parse: ${err.message}\n`);
        process.exit(1);
      });
      const detector = new VendorDetector();
      const rl = createInterface({ input, crlfDelay: Infinity });
      const out: string[] = [];
      for await (const line of rl) {
        if (line.trim() === '') continue;
        const doc = lineToDocument(line, receivedAt ?? new Date(), opts.source, {
          detector,
          vendor: opts.vendor as Vendor | 'auto',
          ...(opts.timezone ? { timezone: opts.timezone } : {}),
        });
        out.push(JSON.stringify(doc));
        if (out.length >= 512) {
          if (!process.stdout.write(out.join('\n') + '\n')) await new Promise((r) => process.stdout.once('drain', r));
          out.length = 0;
        }
      }
      if (out.length) process.stdout.write(out.join('\n') + '\n');
    });
}
