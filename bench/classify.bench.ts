/**
 * Cost of the root-cause classifier in the ingest path: `decodeLine` alone against
 * `decodeLine` + `classifyDocument`, measured in the same run on the same realistic mix
 * (the four vendors' traffic and event lines of bench/lib/realistic-lines.ts, 90 % traffic,
 * plus ~1 % feed lines taken from test/fixtures/classifier), and the classifier alone on the
 * decoded documents (the finer figure: the difference of two decode timings is noisy).
 *
 *   npx tsx bench/classify.bench.ts [linesPerVendor]
 *
 * Prints a table and writes bench/results/<date>-classify.json. Each figure is the best of
 * several rounds after a warm-up, the two pipelines alternating within a round. Not part of
 * `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsDocument } from '../packages/core/src/index.js';
import { decodeLine, VendorDetector, type Vendor } from '../packages/decoders/src/index.js';
import { createClassifier, precheck } from '../packages/classifier/src/index.js';
import { realisticLines, type BenchVendor } from './lib/realistic-lines.js';

const here = dirname(fileURLToPath(import.meta.url));
const PER_VENDOR = Number(process.argv[2] ?? 5000);
const FEED_SHARE = 0.01;
const ROUNDS = 9;
const VENDORS: BenchVendor[] = ['fortigate', 'panos', 'pfsense', 'opnsense'];
const receivedAt = new Date('2026-11-26T10:00:30Z');

// ---------------------------------------------------------------- the mix

interface Item {
  line: string;
  vendor: Vendor | 'auto';
  feed: boolean;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const feedLines: Item[] = [];
for (const v of VENDORS) {
  const text = readFileSync(join(here, '../test/fixtures/classifier', `${v}.jsonl`), 'utf8');
  for (const l of text.split('\n')) {
    if (l.trim() === '') continue;
    const f = JSON.parse(l) as { line: string; vendor: Vendor; expect: unknown };
    // Header-less pfBlockerNG file lines need --vendor pfsense; the others are auto-detected.
    if (f.expect !== null) feedLines.push({ line: f.line, vendor: f.line.startsWith('<') ? 'auto' : f.vendor, feed: true });
  }
}

const bulk: Item[] = VENDORS.flatMap((v) => realisticLines(v, PER_VENDOR).map((line) => ({ line, vendor: 'auto' as const, feed: false })));
const nFeed = Math.max(1, Math.round((bulk.length * FEED_SHARE) / (1 - FEED_SHARE)));
const items: Item[] = [...bulk];
for (let i = 0; i < nFeed; i++) items.push(feedLines[i % feedLines.length]!);
const r = rng(7);
for (let i = items.length - 1; i > 0; i--) {
  const j = Math.floor(r() * (i + 1));
  [items[i], items[j]] = [items[j]!, items[i]!];
}

// ---------------------------------------------------------------- the pipelines

const classifier = createClassifier({ knownFeeds: [{ name: 'CrowdSec_BL' }] });
const detector = new VendorDetector();
let sink = 0;

function decodeAll(): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const doc = decodeLine(it.line, { receivedAt, vendor: it.vendor, detector });
    sink += (doc.message as string | undefined)?.length ?? 0;
  }
}

function decodeAndClassifyAll(): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const doc = decodeLine(it.line, { receivedAt, vendor: it.vendor, detector });
    classifier.classifyDocument(doc);
    sink += (doc.message as string | undefined)?.length ?? 0;
  }
}

const decoded: EcsDocument[] = items.map((it) => decodeLine(it.line, { receivedAt, vendor: it.vendor, detector }));
const feedDocs = decoded.filter((_, i) => items[i]!.feed);
const bulkDocs = decoded.filter((_, i) => !items[i]!.feed);
const classifyDocs = (docs: EcsDocument[]) => (): void => {
  for (let i = 0; i < docs.length; i++) classifier.classifyDocument(docs[i]!);
};
const precheckDocs = (docs: EcsDocument[]) => (): void => {
  for (let i = 0; i < docs.length; i++) if (precheck(docs[i]!, ['admin.api.crowdsec.net']) !== undefined) sink++;
};

const classified = decoded.filter((d) => classifier.classify(d) !== undefined).length;
const selected = decoded.filter((d) => precheck(d, ['admin.api.crowdsec.net']) !== undefined).length;

/** Best seconds per run of each function, the functions alternating within each round. */
function bestOf(fns: Array<() => void>, rounds: number, repeat = 1): number[] {
  for (const fn of fns) fn(); // warm-up
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  for (let k = 0; k < rounds; k++) {
    fns.forEach((fn, i) => {
      const t0 = process.hrtime.bigint();
      for (let n = 0; n < repeat; n++) fn();
      best[i] = Math.min(best[i]!, Number(process.hrtime.bigint() - t0) / 1e9 / repeat);
    });
  }
  return best;
}

const [tDecode, tBoth] = bestOf([decodeAll, decodeAndClassifyAll], ROUNDS) as [number, number];
const [tClassAll, tClassBulk, tClassFeed, tPre] = bestOf(
  [classifyDocs(decoded), classifyDocs(bulkDocs), classifyDocs(feedDocs), precheckDocs(decoded)],
  ROUNDS,
  20,
) as [number, number, number, number];

// ---------------------------------------------------------------- report

const n = items.length;
const lps = (lines: number, s: number) => lines / s;
const nsPer = (lines: number, s: number) => (s / lines) * 1e9;
const decodeNs = nsPer(n, tDecode);
const rows = [
  { name: 'decodeLine', lines: n, seconds: tDecode },
  { name: 'decodeLine + classifyDocument', lines: n, seconds: tBoth },
  { name: 'classifyDocument alone, whole mix', lines: n, seconds: tClassAll },
  { name: 'classifyDocument alone, bulk lines', lines: bulkDocs.length, seconds: tClassBulk },
  { name: 'classifyDocument alone, feed lines', lines: feedDocs.length, seconds: tClassFeed },
  { name: 'pre-check alone, whole mix', lines: n, seconds: tPre },
].map((x) => ({
  name: x.name,
  lines: x.lines,
  linesPerSecond: lps(x.lines, x.seconds),
  nsPerLine: nsPer(x.lines, x.seconds),
  ratioToDecode: x.name.startsWith('decodeLine') ? lps(x.lines, x.seconds) / lps(n, tDecode) : nsPer(x.lines, x.seconds) / decodeNs,
}));

const fmt = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(0)} k`);
const header = ['benchmark', 'lines', 'lines/s', 'ns/line', 'vs decodeLine'];
const table = rows.map((x) => [
  x.name,
  String(x.lines),
  fmt(x.linesPerSecond),
  x.nsPerLine.toFixed(0),
  x.name.startsWith('decodeLine') ? `${x.ratioToDecode.toFixed(3)} × throughput` : `${(x.ratioToDecode * 100).toFixed(2)} % of its time`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const out = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(out(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(out(t));
const overheadPct = ((tBoth - tDecode) / tDecode) * 100;
const classifyPct = (nsPer(n, tClassAll) / decodeNs) * 100;
console.log(
  `\nmix: ${n} lines (${PER_VENDOR} per vendor, 90 % traffic, ${feedDocs.length} feed lines = ${((feedDocs.length / n) * 100).toFixed(1)} %); ` +
    `pre-check selected ${selected} (${((selected / n) * 100).toFixed(1)} %), classified ${classified}`,
);
console.log(
  `classifier overhead: ${overheadPct.toFixed(1)} % (decode+classify vs decode, same run), ${classifyPct.toFixed(2)} % (classifier alone / decode) (sink ${sink % 10})`,
);

const date = new Date();
const result = {
  date: date.toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cpuCount: cpus().length,
  memoryBytes: totalmem(),
  conditions: {
    linesPerVendor: PER_VENDOR,
    vendors: VENDORS,
    trafficShare: 0.9,
    feedLines: feedDocs.length,
    totalLines: n,
    rounds: ROUNDS,
    statistic: 'best round, pipelines alternating',
  },
  preCheckSelected: selected,
  classified,
  overheadPercent: overheadPct,
  classifierShareOfDecodePercent: classifyPct,
  results: rows,
};
mkdirSync(join(here, 'results'), { recursive: true });
const file = join(here, 'results', `${date.toISOString().slice(0, 10)}-classify.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
