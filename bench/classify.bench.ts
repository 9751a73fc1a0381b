/**
 * Cost of the root-cause classifier in the ingest path: `decodeLine` alone against
 * `decodeLine` + `classifyDocument`, measured in the same run on the same realistic mix
 * (the four vendors' traffic and event lines of bench/lib/realistic-lines.ts, 90 % traffic,
 * plus ~1 % feed lines taken from test/fixtures/classifier). Three views of the cost:
 * - throughput of the two pipelines (best round) and the median overhead over paired slices
 *   (CPU time, order alternating), which on a shared machine is noisy by a few per cent;
 * - the classifier's share of the CPU samples of the decode + classify pipeline (V8 profiler),
 *   which does not depend on the machine's load;
 * - the classifier alone on documents decoded just before in chunks of 256 lines ("cold": the
 *   documents are partly out of the CPU caches, so this over-states the in-pipeline cost),
 *   split into bulk and feed lines, and the pre-check alone on the same documents ("warm").
 *
 *   npx tsx bench/classify.bench.ts [linesPerVendor] [feedShare]      (defaults 5000, 0.01)
 *
 * Prints a table and writes bench/results/<date>-classify.json. Not part of `npm test`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsDocument } from '../packages/core/src/index.js';
import { decodeLine, VendorDetector, type Vendor } from '../packages/decoders/src/index.js';
import { createClassifier, createPrecheck } from '../packages/classifier/src/index.js';
import { realisticLines, type BenchVendor } from './lib/realistic-lines.js';

const here = dirname(fileURLToPath(import.meta.url));
const PER_VENDOR = Number(process.argv[2] ?? 5000);
const FEED_SHARE = Number(process.argv[3] ?? 0.01);
const ROUNDS = 7;
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
const nFeed = Math.max(FEED_SHARE > 0 ? 1 : 0, Math.round((bulk.length * FEED_SHARE) / (1 - FEED_SHARE)));
const items: Item[] = [...bulk];
for (let i = 0; i < nFeed; i++) items.push(feedLines[i % feedLines.length]!);
const r = rng(7);
for (let i = items.length - 1; i > 0; i--) {
  const j = Math.floor(r() * (i + 1));
  [items[i], items[j]] = [items[j]!, items[i]!];
}

// ---------------------------------------------------------------- the pipelines

const classifier = createClassifier({ knownFeeds: [{ name: 'CrowdSec_BL' }] });
const select = createPrecheck({ hosts: ['admin.api.crowdsec.net'], names: ['CrowdSec_BL'] });
const detector = new VendorDetector();
const CHUNK = 256;
/** Lines per timed slice of the two pipelines (long enough for the CPU clock's microsecond steps). */
const SLICE = 1024;
let sink = 0;

const decodeOne = (it: Item): EcsDocument => decodeLine(it.line, { receivedAt, vendor: it.vendor, detector });

/**
 * CPU seconds of this process (user + system): unlike wall time, it does not grow while other
 * processes on the machine have the core, which matters on a shared 2-vCPU box.
 */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds to decode items[from, to), with or without classifying each document right after decoding it. */
function runChunk(from: number, to: number, classify: boolean): number {
  const t0 = cpuSeconds();
  for (let i = from; i < to; i++) {
    const doc = decodeOne(items[i]!);
    if (classify) classifier.classifyDocument(doc);
    sink += (doc.message as string | undefined)?.length ?? 0;
  }
  return cpuSeconds() - t0;
}

/** Seconds to classify freshly decoded documents (decoded untimed just before, so warm in cache as in the pipeline). */
function classifyChunk(from: number, to: number, only?: (it: Item) => boolean): { seconds: number; lines: number } {
  const docs: EcsDocument[] = [];
  for (let i = from; i < to; i++) if (only === undefined || only(items[i]!)) docs.push(decodeOne(items[i]!));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < docs.length; i++) classifier.classifyDocument(docs[i]!);
  const t1 = process.hrtime.bigint();
  for (let i = 0; i < docs.length; i++) if (select(docs[i]!) !== undefined) sink++;
  const t2 = process.hrtime.bigint();
  preSeconds += Number(t2 - t1) / 1e9;
  return { seconds: Number(t1 - t0) / 1e9, lines: docs.length };
}
let preSeconds = 0;

const decodedOnce: EcsDocument[] = items.map(decodeOne);
const classified = decodedOnce.filter((d) => classifier.classify(d) !== undefined).length;
const selected = decodedOnce.filter((d) => select(d) !== undefined).length;
decodedOnce.length = 0;

// Warm-up, then rounds; within a round the two pipelines alternate chunk by chunk (and swap order
// every chunk) so that load from other processes falls on both alike.
const roundsA: number[] = [];
const roundsB: number[] = [];
const pairOverheads: number[] = [];
const rest = { all: Number.POSITIVE_INFINITY, bulk: Number.POSITIVE_INFINITY, feed: Number.POSITIVE_INFINITY, pre: Number.POSITIVE_INFINITY };
const n = items.length;
for (let round = -1; round < ROUNDS; round++) {
  let a = 0;
  let b = 0;
  for (let from = 0, k = 0; from < n; from += SLICE, k++) {
    const to = Math.min(n, from + SLICE);
    let ta: number;
    let tb: number;
    if (k % 2 === 0) {
      ta = runChunk(from, to, false);
      tb = runChunk(from, to, true);
    } else {
      tb = runChunk(from, to, true);
      ta = runChunk(from, to, false);
    }
    a += ta;
    b += tb;
    if (round >= 0 && ta > 0) pairOverheads.push(tb / ta - 1);
  }
  let all = 0;
  let bulkS = 0;
  let bulkN = 0;
  let feedS = 0;
  let feedN = 0;
  preSeconds = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    all += classifyChunk(from, to).seconds;
    const pre = preSeconds;
    const x = classifyChunk(from, to, (it) => !it.feed);
    bulkS += x.seconds;
    bulkN += x.lines;
    const y = classifyChunk(from, to, (it) => it.feed);
    feedS += y.seconds;
    feedN += y.lines;
    preSeconds = pre; // keep the pre-check time of the whole mix only
  }
  if (round < 0) continue;
  roundsA.push(a);
  roundsB.push(b);
  rest.all = Math.min(rest.all, all);
  rest.bulk = Math.min(rest.bulk, bulkS / bulkN);
  rest.feed = Math.min(rest.feed, feedS / feedN);
  rest.pre = Math.min(rest.pre, preSeconds);
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const tDecode = Math.min(...roundsA);
const tBoth = Math.min(...roundsB);
const medianOverhead = median(pairOverheads);
const feedCount = items.filter((it) => it.feed).length;
const bulkCount = n - feedCount;

// ---------------------------------------------------------------- sampled share

/**
 * The classifier's share of the CPU samples of the decode + classify pipeline (V8 sampling
 * profiler, every frame under a classifier function counted, redaction and regular
 * expressions included). A share within one run does not depend on how busy the machine is,
 * which the two timings above do.
 */
async function sampledShare(seconds: number): Promise<{ samples: number; classifierSamples: number }> {
  interface ProfileNode {
    id: number;
    callFrame: { url: string; functionName: string };
    children?: number[];
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) runChunk(0, n, true);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[] } };
  session.disconnect();
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const inClassifier = new Map<number, boolean>();
  const under = (id: number): boolean => {
    const known = inClassifier.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const p = parent.get(id);
    const v = node.callFrame.url.includes('/packages/classifier/') || (p !== undefined && under(p));
    inClassifier.set(id, v);
    return v;
  };
  let busy = 0;
  let classifierSamples = 0;
  for (const id of profile.samples) {
    const fnName = byId.get(id)!.callFrame.functionName;
    if (fnName === '(idle)') continue;
    busy++;
    if (under(id)) classifierSamples++;
  }
  return { samples: busy, classifierSamples };
}

const sampled = await sampledShare(4);
const sampledPct = (sampled.classifierSamples / sampled.samples) * 100;

// ---------------------------------------------------------------- report

const lps = (lines: number, sec: number) => lines / sec;
const nsPer = (lines: number, sec: number) => (sec / lines) * 1e9;
const decodeNs = nsPer(n, tDecode);
const rows = [
  { name: 'decodeLine', lines: n, seconds: tDecode },
  { name: 'decodeLine + classifyDocument', lines: n, seconds: tBoth },
  { name: 'classifyDocument alone, whole mix (cold)', lines: n, seconds: rest.all },
  { name: 'classifyDocument alone, bulk lines (cold)', lines: bulkCount, seconds: rest.bulk * bulkCount },
  { name: 'classifyDocument alone, feed lines (cold)', lines: feedCount, seconds: rest.feed * feedCount },
  { name: 'pre-check alone, whole mix (warm)', lines: n, seconds: rest.pre },
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
const overheadPct = medianOverhead * 100;
const classifyPct = (nsPer(n, rest.all) / decodeNs) * 100;
console.log(
  `\nmix: ${n} lines (${PER_VENDOR} per vendor, 90 % traffic, ${feedCount} feed lines = ${((feedCount / n) * 100).toFixed(1)} %); ` +
    `pre-check selected ${selected} (${((selected / n) * 100).toFixed(1)} %), classified ${classified}`,
);
console.log(
  `classifier overhead: ${overheadPct.toFixed(1)} % (decode+classify vs decode: median of ${pairOverheads.length} paired ${SLICE}-line slices, CPU time); ` +
    `${classifyPct.toFixed(2)} % (classifier alone on freshly decoded documents / decode) (sink ${sink % 10})`,
);
console.log(`classifier share of the CPU samples of decode + classify: ${sampledPct.toFixed(2)} % (${sampled.classifierSamples} of ${sampled.samples})`);

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
    feedShare: FEED_SHARE,
    feedLines: feedCount,
    chunkLines: CHUNK,
    totalLines: n,
    rounds: ROUNDS,
    sliceLines: SLICE,
    clock: 'process CPU time (user + system) for the two pipelines; hrtime for the classifier alone',
    statistic: 'lines/s: best round; overheadPercent: median over paired slices of (decode+classify)/decode - 1, the order alternating',
  },
  preCheckSelected: selected,
  classified,
  overheadPercent: overheadPct,
  classifierShareOfDecodePercent: classifyPct,
  sampledClassifierSharePercent: sampledPct,
  sampledSamples: sampled.samples,
  results: rows,
};
mkdirSync(join(here, 'results'), { recursive: true });
const suffix = FEED_SHARE === 0.01 ? '' : `-feed${FEED_SHARE}`;
const file = join(here, 'results', `${date.toISOString().slice(0, 10)}-classify${suffix}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
