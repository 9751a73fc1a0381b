/**
 * The world of the status page's browser test: four integrations, one per vendor, each with an
 * open alert that the real pipeline raised — the recorded scenarios of test/fixtures/scenarios
 * (integrations, pull records, raw syslog) read as `pullwatch diagnose` reads them, put into the
 * memory adapters, and diagnosed by `runDiagnosis` at the scenarios' time. Their pulls also feed
 * a MemoryPullTimeline for the chart.
 *
 * One extra syslog line carries markup, as anyone who can reach a firewall's syslog could send:
 * the page must show it as text.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildApi, type ApiApp, type PullIntake } from '@pullwatch/api';
import type { FirewallVendor, Integration, IntegrationState, PullRecord, RootCause } from '@pullwatch/core';
import { runDiagnosis } from '@pullwatch/diagnose';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry, MemoryPullTimeline, addPullsTo } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';
import { readIntegrations, readLogs, readPulls } from '../../services/cli/src/commands/diagnose.js';

const SCENARIOS_DIR = 'test/fixtures/scenarios';

/** The scenarios of the page's world, and what each one's alert must say. */
export const PAGE_SCENARIOS: ReadonlyArray<{ scenario: string; vendor: FirewallVendor; cause: RootCause; state: IntegrationState }> = [
  { scenario: 'degraded', vendor: 'fortigate', cause: 'credentials_invalid', state: 'degraded' },
  { scenario: 'tls-pfblockerng', vendor: 'pfsense', cause: 'tls_trust', state: 'offline' },
  { scenario: 'firewall-offline', vendor: 'panos', cause: 'firewall_offline', state: 'offline' },
  { scenario: 'removed-opnsense', vendor: 'opnsense', cause: 'rule_removed_or_disabled', state: 'offline' },
];

/** The scenarios' time: the diagnosis runs, and the API's clock stands, there. */
export const SEED_NOW = new Date('2026-11-26T10:00:00.000Z');
export const SEED_THRESHOLD_MS = 24 * 3_600_000;
export const SEED_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** A pfBlockerNG line with markup in it (device pfs-brest-01 of the TLS scenario), newest of its lines. */
export const HOSTILE_LINE =
  '<11>Nov 26 09:58:30 pfs-brest-01 pfblockerng: SSL certificate problem: unable to get local issuer certificate <img src=x onerror="document.body.dataset.pwned=1"> Retry [1] in 5 seconds...';
/** What of it the page must show as text. */
export const HOSTILE_TEXT = '<img src=x onerror="document.body.dataset.pwned=1">';

/** One expected alert of the world. */
export interface SeededAlert {
  integrationId: string;
  name: string;
  vendor: FirewallVendor;
  cause: RootCause;
  state: IntegrationState;
}

export interface PageWorld {
  registry: MemoryIntegrationRegistry;
  alerts: MemoryAlertStore;
  evidence: MemoryEvidenceSource;
  timeline: MemoryPullTimeline;
  integrations: Integration[];
  pulls: PullRecord[];
  /** The four alerts, in PAGE_SCENARIOS order. */
  expected: SeededAlert[];
  now: Date;
  thresholdMs: number;
  lookbackMs: number;
}

/** Builds the world; throws naming the scenario when the engine no longer gives the expected alert. */
export async function seedPageWorld(): Promise<PageWorld> {
  const integrations: Integration[] = [];
  const pulls: PullRecord[] = [];
  const logs: string[] = [];
  const ofScenario: Integration[] = [];
  for (const s of PAGE_SCENARIOS) {
    const dir = join(SCENARIOS_DIR, s.scenario);
    const list = await readIntegrations(join(dir, 'integrations.yaml'));
    if (list.length !== 1 || list[0]!.vendor !== s.vendor) throw new Error(`seed: scenario ${s.scenario} should hold one ${s.vendor} integration`);
    ofScenario.push(list[0]!);
    integrations.push(...list);
    pulls.push(...(await readPulls(join(dir, 'pulls.ndjson'))));
    logs.push(await readFile(join(dir, 'logs.log'), 'utf8'));
  }
  logs.push(HOSTILE_LINE);

  // readLogs reads a file: the four exports and the extra line, as one export.
  const tmp = await mkdtemp(join(tmpdir(), 'pullwatch-page-'));
  let docs;
  try {
    const file = join(tmp, 'firewalls.log');
    await writeFile(file, logs.map((l) => l.trimEnd()).join('\n') + '\n');
    ({ docs } = await readLogs(file, integrations, { now: SEED_NOW }));
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  const registry = new MemoryIntegrationRegistry(integrations);
  const alerts = new MemoryAlertStore();
  const evidence = new MemoryEvidenceSource();
  const timeline = new MemoryPullTimeline();
  addPullsTo(pulls, evidence, timeline);
  evidence.addEvents(docs);
  await runDiagnosis({
    registry,
    evidence,
    alerts,
    sink: { publish: async () => undefined },
    now: SEED_NOW,
    thresholdMs: SEED_THRESHOLD_MS,
    lookbackMs: SEED_LOOKBACK_MS,
  });

  const open = await alerts.list({ status: 'open' });
  const expected = PAGE_SCENARIOS.map((s, i): SeededAlert => {
    const integration = ofScenario[i]!;
    const alert = open.find((a) => a.integration.id === integration.id);
    if (alert === undefined || alert.diagnosis.primary.category !== s.cause || alert.state !== s.state) {
      throw new Error(
        `seed: scenario ${s.scenario} should raise a ${s.state} ${s.cause} alert, got ${alert ? `${alert.state} ${alert.diagnosis.primary.category} (${alert.diagnosis.summary})` : 'none'}`,
      );
    }
    return { integrationId: integration.id, name: integration.name, vendor: s.vendor, cause: s.cause, state: s.state };
  });
  if (open.length !== expected.length) throw new Error(`seed: ${open.length} open alerts, expected ${expected.length}`);
  return { registry, alerts, evidence, timeline, integrations, pulls, expected, now: SEED_NOW, thresholdMs: SEED_THRESHOLD_MS, lookbackMs: SEED_LOOKBACK_MS };
}

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

export interface SeededApi {
  app: ApiApp;
  /** `http://127.0.0.1:<port>/`: the page. */
  url: string;
  world: PageWorld;
  close(): Promise<void>;
}

/** The API over the world (its clock at the scenarios' time), listening on 127.0.0.1 on a free port. */
export async function startSeededApi(world?: PageWorld): Promise<SeededApi> {
  const w = world ?? (await seedPageWorld());
  // Pulls posted to the API become evidence and timeline at once, as the store would make them.
  const pulls: PullIntake = { accept: async (records) => (addPullsTo(records.map((r) => r.doc), w.evidence, w.timeline), { rejected: [] }) };
  const app = buildApi({
    registry: w.registry,
    alerts: w.alerts,
    evidence: w.evidence,
    timeline: w.timeline,
    pulls,
    logger: silent,
    clock: () => w.now,
    settings: { offlineAfterMs: w.thresholdMs, lookbackMs: w.lookbackMs },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the API is not listening on a TCP port');
  return { app, url: `http://127.0.0.1:${address.port}/`, world: w, close: () => app.close() };
}
