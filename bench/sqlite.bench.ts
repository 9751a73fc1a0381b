/**
 * The embedded store's evidence queries at scale (SQLite, one file in a temp directory).
 *
 *   npx tsc -b && npx tsx bench/sqlite.bench.ts [--integrations 1000] [--every-min 5] [--lines 100] [--rounds 5] [--keep]
 *
 * Loads one day of pulls for each integration (one every `--every-min` minutes: 288 a day by
 * default) and `--lines` syslog lines per device over the day, through SqliteEventStore.write
 * in batches of 20,000, then times `pullSummaries` and `gather` for all integrations, `gather`
 * for one failing integration (what the page asks), a 24-hour `pullTimeline`, and the whole detect-and-diagnose run
 * (`runDiagnosis`) on the SQLite registry and alert store. Baseline measured in the same run:
 * MemoryEvidenceSource over the same records (it also checks that both give the same
 * evidence). Writes bench/results/<date>-sqlite.json. Removes its directory unless --keep.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { EcsDocument, Integration, PullRecord } from '@pullwatch/core';
import { runDiagnosis } from '@pullwatch/diagnose';
import type { EvidenceSource } from '@pullwatch/ports';
import { MemoryEvidenceSource } from '@pullwatch/store-memory';
import {
  DEFAULT_FIREWALL_STREAM,
  DEFAULT_PULLS_STREAM,
  SqliteAlertStore,
  SqliteEventStore,
  SqliteEvidenceSource,
  SqliteIntegrationRegistry,
  openDatabase,
} from '@pullwatch/store-sqlite';

const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('integrations', 1000);
const EVERY_MS = arg('every-min', 5) * 60_000;
const LINES = arg('lines', 100);
const ROUNDS = arg('rounds', 5);
const KEEP = flag('keep');
const H = 3_600_000;
const DAY = 24 * H;
const THRESHOLD = DAY;
const LOOKBACK = 7 * DAY; // correlator.lookbackMs default
const NOW = Math.floor(Date.now() / 60_000) * 60_000;

/** mulberry32: the same population on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261126);

type Kind = 'healthy' | 'credentials' | 'stopped';
interface Planned {
  integration: Integration;
  kind: Kind;
  /** When trouble started (epoch ms). */
  since: number;
}

/** 80 % pull fine; 10 % get 401 since some hour of the day; 10 % stopped pulling (rule removed, firewall off). */
function plan(i: number): Planned {
  const id = `bench-${i.toString(36).padStart(4, '0')}`;
  const vendor = (['fortigate', 'panos', 'pfsense', 'opnsense'] as const)[i % 4]!;
  const devices: Integration['devices'] = [{ hostname: `fw-${id}`, address: `10.${(i >> 8) & 255}.${i & 255}.10` }];
  if (i % 20 === 0) devices.push({ hostname: `fw-${id}-b`, serial: `SN${i}` }); // HA pairs
  const x = rand();
  const kind: Kind = x < 0.8 ? 'healthy' : x < 0.9 ? 'credentials' : 'stopped';
  return { integration: { id, name: `Customer ${i}`, vendor, devices }, kind, since: NOW - rand() * DAY };
}

function pullsOf(p: Planned): PullRecord[] {
  const out: PullRecord[] = [];
  const path = `/v1/integrations/${p.integration.id}/content`;
  for (let t = NOW - DAY + rand() * EVERY_MS; t <= NOW; t += EVERY_MS) {
    if (p.kind === 'stopped' && t >= p.since) break;
    const status = p.kind === 'credentials' && t >= p.since ? 401 : rand() < 0.01 ? 503 : 200;
    out.push({
      '@timestamp': new Date(Math.floor(t)).toISOString(),
      integration: { id: p.integration.id },
      source: { ip: `198.51.${(out.length >> 8) & 1}.${p.integration.id.length}` },
      http: { request: { method: 'GET' }, response: { status_code: status } },
      url: { path },
    });
  }
  return out;
}

function eventsOf(p: Planned): EcsDocument[] {
  const out: EcsDocument[] = [];
  for (const device of p.integration.devices) {
    const base = (t: number, message: string): EcsDocument => ({
      '@timestamp': new Date(Math.floor(t)).toISOString(),
      message,
      event: { kind: 'event', original: `<134>${message}` },
      log: { syslog: { hostname: device.hostname }, ...(device.address ? { source: { address: device.address } } : {}) },
      observer: { name: device.hostname, ...(device.serial ? { serial_number: device.serial } : {}) },
    });
    for (let k = 0; k < LINES; k++) out.push(base(NOW - rand() * DAY, `traffic accepted ${k}`));
    if (p.kind === 'credentials') {
      for (let k = 0; k < 3; k++) {
        const doc = base(p.since + rand() * (NOW - p.since), 'feed download failed: HTTP 401 Unauthorized');
        doc.pullwatch = { feed: { event: 'fetch_failed' }, root_cause: { category: 'credentials_invalid', rule: `${p.integration.vendor}.feed.http_401`, confidence: 0.9 } };
        out.push(doc);
      }
    }
  }
  return out;
}

interface Timing {
  ms: number[];
  best_ms: number;
  median_ms: number;
}

async function time(fn: () => Promise<unknown>, rounds = ROUNDS): Promise<Timing> {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    await fn();
    ms.push(+(performance.now() - t0).toFixed(2));
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { ms, best_ms: sorted[0]!, median_ms: sorted[Math.floor(sorted.length / 2)]! };
}

const sizeOf = (dir: string): number => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

async function main(dir: string): Promise<void> {
  const db = openDatabase(dir);
  const store = new SqliteEventStore(db);
  const evidence = new SqliteEvidenceSource(db);
  const registry = new SqliteIntegrationRegistry(db);
  const alerts = new SqliteAlertStore(db);
  const memory = new MemoryEvidenceSource();
  try {
    const features = await store.setup();
    const plans = Array.from({ length: N }, (_, i) => plan(i));
    const integrations = plans.map((p) => p.integration);
    const devices = integrations.reduce((n, i) => n + i.devices.length, 0);
    for (const i of integrations) await registry.put(i);

    console.log(`Loading ${N} integrations (${devices} devices), one day of pulls every ${EVERY_MS / 60_000} min and ${LINES} syslog lines per device, into ${db.path}...`);
    let pulls = 0;
    let events = 0;
    let seq = 0;
    let writeMs = 0;
    const write = async (stream: string, docs: EcsDocument[], prefix: string): Promise<void> => {
      const stored = docs.map((doc) => ({ id: `${prefix}${seq++}`, doc }));
      const t = performance.now();
      const r = await store.write(stream, stored);
      writeMs += performance.now() - t;
      if (r.created !== stored.length) throw new Error(`stored ${r.created} of ${stored.length}: ${r.rejected[0]?.reason ?? 'duplicates'}`);
    };
    const t0 = performance.now();
    let pb: PullRecord[] = [];
    let eb: EcsDocument[] = [];
    const flushPulls = async (): Promise<void> => {
      await write(DEFAULT_PULLS_STREAM, pb, 'p');
      memory.addPulls(pb);
      pb = [];
    };
    const flushEvents = async (): Promise<void> => {
      await write(DEFAULT_FIREWALL_STREAM, eb, 'e');
      memory.addEvents(eb);
      eb = [];
    };
    for (const p of plans) {
      const ps = pullsOf(p);
      const es = eventsOf(p);
      pulls += ps.length;
      events += es.length;
      pb.push(...ps);
      eb.push(...es);
      if (pb.length >= 20_000) await flushPulls();
      if (eb.length >= 20_000) await flushEvents();
    }
    if (pb.length) await flushPulls();
    if (eb.length) await flushEvents();
    const loadMs = performance.now() - t0;
    db.handle.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = sizeOf(dir);
    const writeRate = Math.round((pulls + events) / (writeMs / 1000));
    console.log(`Loaded ${pulls} pulls and ${events} firewall events in ${(loadMs / 1000).toFixed(1)} s; SqliteEventStore.write: ${(writeMs / 1000).toFixed(1)} s (${writeRate} docs/s); ${(bytes / 2 ** 20).toFixed(0)} MiB on disk.`);

    const now = new Date(NOW);
    const ids = integrations.map((i) => i.id);
    // A failing one: its window (from its last success) spans hours of pulls and syslog; a healthy one's spans minutes.
    const one = (plans.find((p) => p.kind === 'credentials') ?? plans[0]!).integration;
    const sameAnswers = JSON.stringify(await evidence.gather(integrations, now, LOOKBACK, 5)) === JSON.stringify(await memory.gather(integrations, now, LOOKBACK, 5));
    const timings = async (source: EvidenceSource) => ({
      pull_summaries: await time(() => source.pullSummaries(now, LOOKBACK, ids)),
      gather_all: await time(() => source.gather(integrations, now, LOOKBACK, 5)),
      gather_one: await time(() => source.gather([one], now, LOOKBACK, 5), ROUNDS * 20),
    });
    const sqlite = await timings(evidence);
    const baseline = await timings(memory);
    const timeline = await time(() => evidence.pullTimeline(one.id, new Date(NOW - DAY), now, 15 * 60_000), ROUNDS * 20);

    const runs: Array<{ ms: number; result: unknown }> = [];
    for (let r = 0; r < 2; r++) {
      const t = performance.now();
      const result = await runDiagnosis({ registry, evidence, alerts, sink: { publish: async () => {} }, now, thresholdMs: THRESHOLD, lookbackMs: LOOKBACK });
      runs.push({ ms: Math.round(performance.now() - t), result });
    }

    const results = {
      when: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model.trim(),
      sqlite: db.sqliteVersion,
      features,
      integrations: N,
      devices,
      kinds: Object.fromEntries((['healthy', 'credentials', 'stopped'] as const).map((k) => [k, plans.filter((p) => p.kind === k).length])),
      pull_every_min: EVERY_MS / 60_000,
      syslog_lines_per_device: LINES,
      lookback_days: LOOKBACK / DAY,
      loaded: { pull_records: pulls, firewall_events: events, seconds: +(loadMs / 1000).toFixed(1), write_seconds: +(writeMs / 1000).toFixed(1), write_docs_per_s: writeRate, bytes_on_disk: bytes },
      same_answers_as_memory: sameAnswers,
      sqlite_evidence: sqlite,
      memory_evidence_baseline: baseline,
      pull_timeline_24h_15min: timeline,
      run_diagnosis_sqlite_stores: runs,
    };
    mkdirSync('bench/results', { recursive: true });
    const file = `bench/results/${results.when.slice(0, 10)}-sqlite.json`;
    writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

    const row = (name: string, s: Timing, m?: Timing): string =>
      `| ${name} | ${s.best_ms} | ${s.median_ms} | ${m ? `${m.median_ms} | ${(s.median_ms / m.median_ms).toFixed(2)}` : ' | '} |`;
    console.log(`\n${N} integrations, ${devices} devices, ${pulls} pulls, ${events} firewall events; SQLite ${db.sqliteVersion}, Node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`Same evidence as MemoryEvidenceSource: ${sameAnswers}\n`);
    console.log('| step | SQLite best ms | SQLite median ms | memory median ms | × memory |\n| --- | --- | --- | --- | --- |');
    console.log(row(`pullSummaries (${N})`, sqlite.pull_summaries, baseline.pull_summaries));
    console.log(row(`gather (${N})`, sqlite.gather_all, baseline.gather_all));
    console.log(row('gather (1, failing for hours)', sqlite.gather_one, baseline.gather_one));
    console.log(row('pullTimeline (1, 24 h, 15 min)', timeline));
    console.log(`| runDiagnosis, SQLite registry and alerts: first run (opens alerts) | ${runs[0]!.ms} | | | |`);
    console.log(`| runDiagnosis, SQLite registry and alerts: next run (no change) | ${runs[1]!.ms} | | | |`);
    console.log(`\nrunDiagnosis, first run: ${JSON.stringify(runs[0]!.result)}`);
    console.log(`Wrote ${file}.`);
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(os.tmpdir(), 'pullwatch-bench-sqlite-'));
try {
  await main(dir);
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`Kept ${dir}.`);
}
