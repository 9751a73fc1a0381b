/**
 * Diagnosis at scale against the local stack's Elasticsearch node.
 *
 *   npx tsc -b && npx tsx bench/diagnose.bench.ts [--integrations 10000] [--hours 26] [--rounds 3] [--keep]
 *
 * Loads a realistic mix of integrations into fresh pulls and firewall data streams (most pull
 * fine every 15–60 min; some get 401 after a credential change, some 5xx, some flap, some stop
 * pulling while their firewall stays alive, some go offline, some log TLS failures), then times,
 * for all of them: `pullSummaries`, `gather`, and the whole detect-and-diagnose run
 * (`runDiagnosis`, memory registry and alert store, Elasticsearch evidence; then once more with
 * the registry and alerts in Elasticsearch too), counting the evidence requests of each. Baseline measured in the same run: one search per
 * integration (what the batching avoids), on a sample, extrapolated. Writes
 * bench/results/<date>-diagnose.json. Deletes its data streams unless --keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Integration } from '@pullwatch/core';
import { runDiagnosis } from '@pullwatch/diagnose';
import { pullRecordId } from '@pullwatch/pulls';
import {
  ElasticsearchAlertStore,
  ElasticsearchEvidenceSource,
  ElasticsearchIntegrationRegistry,
  ElasticsearchStore,
  type EvidenceQueryStats,
} from '@pullwatch/store-elasticsearch';
import { MemoryAlertStore, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';

const flag = (name: string) => process.argv.includes(`--${name}`);
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('integrations', 10_000);
const HOURS = arg('hours', 26);
const ROUNDS = arg('rounds', 3);
const KEEP = flag('keep');
const ES_URL = (process.env.PULLWATCH_ES_URL ?? 'http://127.0.0.1:9200').replace(/\/+$/, '');
const H = 3600_000;
const MIN = 60_000;
const THRESHOLD = 24 * H;
const LOOKBACK = HOURS * H;
const NOW = Math.floor(Date.now() / MIN) * MIN;

// ---------------------------------------------------------------------------
// The population.

/** mulberry32: the same population on every run. */
function rng(seed: number) {
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
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const between = (a: number, b: number) => a + rand() * (b - a);

type Kind = 'healthy' | 'credentials' | 'endpoint_5xx' | 'flapping' | 'rule_removed' | 'offline' | 'tls';
/** Share of each kind (cumulative draw): most integrations are fine. */
const MIX: Array<[Kind, number]> = [
  ['healthy', 0.72],
  ['credentials', 0.06],
  ['endpoint_5xx', 0.04],
  ['flapping', 0.04],
  ['rule_removed', 0.05],
  ['offline', 0.05],
  ['tls', 0.04],
];
const VENDORS = ['fortigate', 'panos', 'pfsense', 'opnsense'] as const;

interface Planned {
  integration: Integration;
  kind: Kind;
  /** When the trouble started (epoch ms); healthy: never. */
  since: number;
  cadenceMs: number;
}

function kindOf(): Kind {
  let x = rand();
  for (const [k, share] of MIX) {
    if ((x -= share) < 0) return k;
  }
  return 'healthy';
}

function plan(i: number): Planned {
  const id = `bench-${i.toString(36).padStart(4, '0')}`;
  const vendor = VENDORS[i % VENDORS.length]!;
  const devices: Integration['devices'] = [];
  const ndev = rand() < 0.05 ? 2 : 1; // HA pairs
  for (let d = 0; d < ndev; d++) {
    const hostname = `fw-${id}-${d}`;
    const address = `10.${(i >> 8) & 255}.${i & 255}.${10 + d}`;
    devices.push(vendor === 'fortigate' || vendor === 'panos' ? { hostname, serial: `SN${i}${d}` } : { hostname, address });
  }
  const kind = kindOf();
  return {
    integration: { id, name: `Customer ${i}`, vendor, devices, egress_ips: [`198.51.${(i >> 8) & 255}.${i & 255}`] },
    kind,
    // Half the troubled ones started before the threshold (offline), half after it (degraded).
    since: kind === 'healthy' ? Infinity : NOW - (rand() < 0.5 ? between(THRESHOLD + 30 * MIN, Math.max(THRESHOLD + 30 * MIN, LOOKBACK - 30 * MIN)) : between(1 * H, THRESHOLD - H)),
    cadenceMs: pick([15, 20, 30, 60]) * MIN,
  };
}

interface Doc {
  id: string;
  doc: Record<string, unknown>;
}

function pullsOf(p: Planned): Doc[] {
  const out: Doc[] = [];
  const ip = p.integration.egress_ips![0]!;
  const path = `/v1/integrations/${p.integration.id}/content`;
  for (let t = NOW - LOOKBACK + rand() * p.cadenceMs; t <= NOW; t += p.cadenceMs) {
    const after = t >= p.since;
    let status = 200;
    if (p.kind === 'healthy') status = rand() < 0.01 ? 503 : 200; // an occasional blip
    else if (p.kind === 'flapping') status = rand() < 0.4 ? 503 : 200;
    else if (after) {
      if (p.kind === 'credentials') status = 401;
      else if (p.kind === 'endpoint_5xx') status = pick([500, 502, 503]);
      else continue; // rule removed, offline, TLS: no request reaches the endpoint
    }
    const doc = {
      '@timestamp': new Date(Math.floor(t)).toISOString(),
      integration: { id: p.integration.id },
      source: { ip },
      http: { request: { method: 'GET' }, response: { status_code: status, body: { bytes: status === 200 ? 180_000 : 0 } } },
      url: { path },
      user_agent: { original: `${p.integration.vendor}/feed` },
      event: { ingested: new Date(Math.floor(t) + 2000).toISOString() },
    };
    out.push({ id: pullRecordId(doc as never), doc });
  }
  return out;
}

let eventSeq = 0;
function eventsOf(p: Planned): Doc[] {
  const out: Doc[] = [];
  const vendor = p.integration.vendor;
  p.integration.devices.forEach((device) => {
    const id = (d: Record<string, unknown>) => out.push({ id: `ev-${eventSeq++}`, doc: d });
    const base = (t: number, message: string): Record<string, unknown> => {
      const doc: Record<string, unknown> = { '@timestamp': new Date(Math.floor(t)).toISOString(), message, event: { kind: 'event', original: message } };
      if (vendor === 'fortigate') doc.observer = { vendor: 'Fortinet', name: device.hostname, serial_number: device.serial };
      else if (vendor === 'panos') doc.observer = { vendor: 'Palo Alto Networks', serial_number: device.serial };
      if (vendor === 'panos' || vendor === 'pfsense' || vendor === 'opnsense') doc.log = { syslog: { hostname: device.hostname } };
      if (device.address) doc.log = { ...(doc.log as object), source: { address: device.address } };
      return doc;
    };
    const feed = (doc: Record<string, unknown>, event: string, category: string | undefined, rule: string) => {
      doc.pullwatch = { feed: { event, name: 'crowdsec' }, root_cause: { ...(category ? { category } : {}), rule, confidence: 0.9 } };
      return doc;
    };
    // Liveness: a handful of lines over the period, none after an offline device went away.
    const alive = p.kind === 'offline' ? p.since : NOW;
    for (let k = 0; k < 4; k++) {
      const t = between(NOW - LOOKBACK, alive);
      id(base(t, `traffic accepted ${k}`));
    }
    if (p.kind === 'healthy' && vendor !== 'panos') id(feed(base(NOW - between(0, 2 * H), 'threat feed updated, 14000 entries'), 'fetch_succeeded', undefined, `${vendor}.feed.updated`));
    if (p.kind === 'credentials') {
      for (let k = 0; k < 3; k++) id(feed(base(between(p.since, NOW), 'feed download failed: HTTP 401 Unauthorized'), 'fetch_failed', 'credentials_invalid', `${vendor}.feed.http_401`));
    }
    if (p.kind === 'tls') {
      for (let k = 0; k < 3; k++) id(feed(base(between(p.since, NOW), 'SSL certificate verification failed: unable to get local issuer certificate'), 'fetch_failed', 'tls_trust', `${vendor}.feed.tls`));
    }
    if (p.kind === 'endpoint_5xx') id(feed(base(between(p.since, NOW), 'feed download failed: HTTP 503'), 'fetch_failed', 'endpoint_error', `${vendor}.feed.http_5xx`));
    if (p.kind === 'rule_removed' && rand() < 0.5) id(feed(base(p.since, 'config change: external resource "crowdsec" deleted'), 'feed_removed', 'rule_removed_or_disabled', `${vendor}.config.feed_deleted`));
  });
  return out;
}

// ---------------------------------------------------------------------------
// Loading.

const logger = createLogger({ service: 'bench', level: 'error' });
const run = `bench${Date.now().toString(36)}`;
const pullsStream = `logs-pullwatch.pulls-${run}`;
const firewallStream = `logs-pullwatch.firewall-${run}`;
const alertsIndex = `pullwatch-alerts-${run}`;
const integrationsIndex = `pullwatch-integrations-${run}`;
const store = new ElasticsearchStore({ url: ES_URL, logger, firewallStream, pullsStream, bulkMaxDocs: 5000, requestTimeoutMs: 120_000 });

async function load(plans: Planned[]): Promise<{ pulls: number; events: number; ms: number }> {
  const t0 = performance.now();
  let pulls = 0;
  let events = 0;
  const inflight = new Set<Promise<void>>();
  const send = async (stream: string, docs: Doc[]) => {
    const p = store.write(stream, docs as never).then((r) => {
      if (r.rejected.length) throw new Error(`refused: ${r.rejected[0]!.reason}`);
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    if (inflight.size >= 2) await Promise.race(inflight);
  };
  let pb: Doc[] = [];
  let eb: Doc[] = [];
  for (const p of plans) {
    const ps = pullsOf(p);
    const es = eventsOf(p);
    pulls += ps.length;
    events += es.length;
    pb.push(...ps);
    eb.push(...es);
    if (pb.length >= 20_000) (await send(pullsStream, pb), (pb = []));
    if (eb.length >= 20_000) (await send(firewallStream, eb), (eb = []));
  }
  if (pb.length) await send(pullsStream, pb);
  if (eb.length) await send(firewallStream, eb);
  await Promise.all(inflight);
  await store.client.indices.refresh({ index: [pullsStream, firewallStream] });
  return { pulls, events, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------
// Measuring.

interface Timing {
  ms: number[];
  best_ms: number;
  median_ms: number;
  requests: number;
  searches: number;
}

async function time(source: ElasticsearchEvidenceSource, fn: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  let stats: EvidenceQueryStats = { requests: 0, searches: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    source.resetQueryStats();
    const t0 = performance.now();
    await fn();
    ms.push(Math.round(performance.now() - t0));
    stats = source.queryStats;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { ms, best_ms: sorted[0]!, median_ms: sorted[Math.floor(sorted.length / 2)]!, ...stats };
}

/** The baseline: one `_search` per integration for its pull summary (what batching avoids), on a sample. */
async function perIntegrationBaseline(ids: string[]): Promise<{ sample: number; ms: number; per_integration_ms: number; extrapolated_ms: number }> {
  const sample = ids.slice(0, Math.min(300, ids.length));
  const t0 = performance.now();
  for (const id of sample) {
    await store.client.search({
      index: pullsStream,
      size: 0,
      query: { bool: { filter: [{ term: { 'integration.id': id } }, { range: { '@timestamp': { gte: NOW - LOOKBACK, lte: NOW, format: 'epoch_millis' } } }] } },
      aggs: {
        ok: { filter: { range: { 'http.response.status_code': { gte: 200, lt: 300 } } }, aggs: { last: { max: { field: '@timestamp' } } } },
        last: { max: { field: '@timestamp' } },
      },
    });
  }
  const ms = performance.now() - t0;
  return { sample: sample.length, ms: Math.round(ms), per_integration_ms: +(ms / sample.length).toFixed(2), extrapolated_ms: Math.round((ms / sample.length) * ids.length) };
}

async function main(): Promise<void> {
  const info = await store.client.info();
  await store.setup();
  const plans = Array.from({ length: N }, (_, i) => plan(i));
  const integrations = plans.map((p) => p.integration);
  const devices = integrations.reduce((n, i) => n + i.devices.length, 0);
  const kinds = Object.fromEntries(MIX.map(([k]) => [k, plans.filter((p) => p.kind === k).length]));
  console.log(`Loading ${N} integrations (${devices} devices) over ${HOURS} h into ${pullsStream} and ${firewallStream}...`);
  const loaded = await load(plans);
  console.log(`Loaded ${loaded.pulls} pull records and ${loaded.events} firewall events in ${(loaded.ms / 1000).toFixed(1)} s (${Math.round((loaded.pulls + loaded.events) / (loaded.ms / 1000))} docs/s).`);

  const source = new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: pullsStream, firewallIndex: firewallStream });
  const now = new Date(NOW);
  const ids = integrations.map((i) => i.id);

  let summaries = await source.pullSummaries(now, LOOKBACK, ids);
  const summariesTiming = await time(source, async () => (summaries = await source.pullSummaries(now, LOOKBACK, ids)));
  const gatherTiming = await time(source, () => source.gather(integrations, now, LOOKBACK, 5));

  // Check the summaries against the population: who has had no success for the threshold.
  const staleSeen = ids.filter((id) => {
    const s = summaries.get(id);
    return s?.last_success === undefined || NOW - Date.parse(s.last_success) > THRESHOLD;
  }).length;
  const staleExpected = plans.filter((p) => p.kind !== 'healthy' && p.kind !== 'flapping' && NOW - p.since > THRESHOLD - p.cadenceMs).length;

  // The whole run: detect (summaries) → gather for those that need it → diagnose → alerts, twice
  // (first run opens alerts; the second finds them open and changes nothing).
  const registry = new MemoryIntegrationRegistry();
  for (const i of integrations) await registry.put(i);
  const diagnoseRuns: Array<{ ms: number; requests: number; searches: number; result: unknown }> = [];
  const alerts = new MemoryAlertStore();
  for (let r = 0; r < ROUNDS; r++) {
    source.resetQueryStats();
    const t0 = performance.now();
    const result = await runDiagnosis({ registry, evidence: source, alerts, sink: { publish: async () => {} }, now, thresholdMs: THRESHOLD, lookbackMs: LOOKBACK });
    diagnoseRuns.push({ ms: Math.round(performance.now() - t0), ...source.queryStats, result });
  }

  // The same run on the distributed adapters: registry and alerts in Elasticsearch too.
  const esRegistry = new ElasticsearchIntegrationRegistry({ client: store.client, index: integrationsIndex });
  const esAlerts = new ElasticsearchAlertStore({ client: store.client, index: alertsIndex });
  await esRegistry.setup();
  await esAlerts.setup();
  for (let i = 0; i < integrations.length; i += 5000) await esRegistry.putMany(integrations.slice(i, i + 5000));
  const esRuns: Array<{ ms: number; requests: number; searches: number; result: unknown }> = [];
  for (let r = 0; r < 2; r++) {
    source.resetQueryStats();
    const t0 = performance.now();
    const result = await runDiagnosis({ registry: esRegistry, evidence: source, alerts: esAlerts, sink: { publish: async () => {} }, now, thresholdMs: THRESHOLD, lookbackMs: LOOKBACK });
    esRuns.push({ ms: Math.round(performance.now() - t0), ...source.queryStats, result });
  }

  const baseline = await perIntegrationBaseline(ids);

  const results = {
    when: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim(),
    elasticsearch: info.version.number,
    integrations: N,
    devices,
    hours: HOURS,
    kinds,
    loaded: { pull_records: loaded.pulls, firewall_events: loaded.events, seconds: +(loaded.ms / 1000).toFixed(1) },
    pull_summaries: summariesTiming,
    gather_all: gatherTiming,
    run_diagnosis: diagnoseRuns,
    run_diagnosis_elasticsearch_stores: esRuns,
    stale_check: { seen: staleSeen, expected_about: staleExpected },
    baseline_one_search_per_integration: baseline,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${results.when.slice(0, 10)}-diagnose.json`;
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

  const row = (name: string, t: { best_ms: number; median_ms: number; requests: number; searches: number }) =>
    `| ${name} | ${t.best_ms} | ${t.median_ms} | ${t.requests} | ${t.searches} |`;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\n${N} integrations, ${devices} devices, ${loaded.pulls} pulls, ${loaded.events} firewall events (${HOURS} h); Elasticsearch ${info.version.number}, ${os.cpus().length} CPUs\n`);
  console.log('| step | best ms | median ms | HTTP requests | searches |\n| --- | --- | --- | --- | --- |');
  console.log(row('pullSummaries (all)', summariesTiming));
  console.log(row('gather (all)', gatherTiming));
  const d = diagnoseRuns.map((x) => x.ms);
  console.log(`| runDiagnosis (detect + gather + diagnose) | ${Math.min(...d)} | ${median(d)} | ${diagnoseRuns[0]!.requests} | ${diagnoseRuns[0]!.searches} |`);
  console.log(`| runDiagnosis, registry and alerts in Elasticsearch: first run (opens alerts) | ${esRuns[0]!.ms} | | ${esRuns[0]!.requests} (evidence) | ${esRuns[0]!.searches} |`);
  console.log(`| runDiagnosis, registry and alerts in Elasticsearch: next run (no change) | ${esRuns[1]!.ms} | | ${esRuns[1]!.requests} (evidence) | ${esRuns[1]!.searches} |`);
  console.log(`\nrunDiagnosis, first run: ${JSON.stringify(diagnoseRuns[0]!.result)}`);
  console.log(`Integrations without a success for 24 h: ${staleSeen} (population: about ${staleExpected}).`);
  console.log(`Baseline, one search per integration: ${baseline.per_integration_ms} ms each → ${(baseline.extrapolated_ms / 1000).toFixed(1)} s for ${N} (pullSummaries alone: ${summariesTiming.median_ms} ms).`);
  console.log(`Wrote ${file}.`);
}

try {
  await main();
} finally {
  if (!KEEP) {
    await store.client.indices.deleteDataStream({ name: [pullsStream, firewallStream] }).catch(() => undefined);
    for (const index of [alertsIndex, integrationsIndex]) {
      await store.client.indices.delete({ index }).catch(() => undefined);
      await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
    }
  } else console.log(`Kept ${pullsStream}, ${firewallStream}, ${alertsIndex} and ${integrationsIndex}.`);
  await store.close();
}
