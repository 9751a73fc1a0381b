/**
 * Decoding throughput per vendor, one core, on realistic lines (90 % traffic).
 *
 *   npx tsc -b && npx tsx bench/decode.bench.ts [--lines 20000] [--rounds 5]
 *
 * For each vendor, in the same run: the syslog header parser alone (the baseline),
 * the vendor decoder with header (`decodeLine`), and the whole ingest stage
 * (`lineToDocument`: header, decoder, redaction, classification). Prints lines/s,
 * µs/line and the ratio to the baseline; writes bench/results/<date>-decode.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { decodeLine, VendorDetector } from '@pullwatch/decoders';
import { lineToDocument } from '@pullwatch/ingest';
import { parseSyslog } from '@pullwatch/syslog';
import { realisticLines, type BenchVendor } from './lib/realistic-lines.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const LINES = arg('lines', 20_000);
const ROUNDS = arg('rounds', 5);
const receivedAt = new Date('2026-11-26T10:00:30Z');

/** Best of ROUNDS passes over the lines; returns ns per line. */
function measure(lines: string[], fn: (line: string) => unknown): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < ROUNDS + 1; r++) {
    const t0 = process.hrtime.bigint();
    for (const l of lines) sink += fn(l) ? 1 : 0;
    const ns = Number(process.hrtime.bigint() - t0) / lines.length;
    if (r > 0) best = Math.min(best, ns); // first pass warms up
  }
  if (sink < 0) console.log(sink);
  return best;
}

interface Row {
  vendor: BenchVendor;
  stage: string;
  ns_per_line: number;
  lines_per_s: number;
  ratio_to_header: number;
  avg_bytes: number;
}

const rows: Row[] = [];
for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense'] as const) {
  const lines = realisticLines(vendor, LINES);
  const avg = Math.round(lines.reduce((n, l) => n + l.length, 0) / lines.length);
  const detector = new VendorDetector();
  const header = measure(lines, (l) => parseSyslog(l, { receivedAt }));
  const stages: Array<[string, (l: string) => unknown]> = [
    ['header (baseline)', (l) => parseSyslog(l, { receivedAt })],
    ['decodeLine', (l) => decodeLine(l, { receivedAt, sourceAddress: '192.0.2.1', detector })],
    ['lineToDocument', (l) => lineToDocument(l, receivedAt, '192.0.2.1', { detector })],
  ];
  for (const [stage, fn] of stages) {
    const ns = stage.startsWith('header') ? header : measure(lines, fn);
    rows.push({ vendor, stage, ns_per_line: Math.round(ns), lines_per_s: Math.round(1e9 / ns), ratio_to_header: +(ns / header).toFixed(2), avg_bytes: avg });
  }
}

console.log(`decode benchmark: ${LINES} lines per vendor, best of ${ROUNDS}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`);
console.log('vendor     stage                  bytes   lines/s    µs/line  × header');
for (const r of rows) {
  console.log(
    `${r.vendor.padEnd(10)} ${r.stage.padEnd(22)} ${String(r.avg_bytes).padStart(5)} ${String(r.lines_per_s).padStart(9)} ${(r.ns_per_line / 1000).toFixed(2).padStart(10)} ${r.ratio_to_header.toFixed(2).padStart(9)}`,
  );
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${new Date().toISOString().slice(0, 10)}-decode.json`;
writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, lines: LINES, rounds: ROUNDS, rows }, null, 2) + '\n');
console.log(`written ${file}`);
