import type { Alert, Diagnosis, Integration } from '@pullwatch/core';
import { DEFAULT_MAX_EXCERPTS, diagnose } from '@pullwatch/diagnosis';
import { shardOf, type AlertChange, type AlertSink, type AlertStore, type EvidenceSource, type IntegrationRegistry } from '@pullwatch/ports';
import type { Logger } from '@pullwatch/telemetry';
import { alertTransition } from './alerts.js';

/** The part of the logger the pipeline uses. */
export type DiagnoseLogger = Pick<Logger, 'info' | 'warn'>;

export interface DiagnoseSettings {
  /** The time of the run (tests and `pullwatch diagnose` fix it). */
  now: Date;
  /** No successful pull for longer than this (ms) → offline. */
  thresholdMs: number;
  /** How far back pulls and firewall events are searched (ms); longer than the threshold. */
  lookbackMs: number;
  /** Log lines quoted per diagnosis (and per device and feed-event group in the evidence). Default 5. */
  maxExcerpts?: number;
}

export interface RunDiagnosisDeps extends DiagnoseSettings {
  registry: IntegrationRegistry;
  evidence: EvidenceSource;
  alerts: AlertStore;
  sink: AlertSink;
  /** Only the integrations with `shardOf(id, count) === index` (one correlator per shard). Default: all. */
  shard?: { index: number; count: number };
  logger?: DiagnoseLogger;
}

export interface RunDiagnosisResult {
  /** Integrations of the shard. */
  checked: number;
  online: number;
  degraded: number;
  offline: number;
  /** Alerts opened, updated and resolved by this run. */
  opened: number;
  updated: number;
  resolved: number;
}

/** Publishes, logging (not throwing) a destination failure: the alert is stored already. */
async function publish(deps: RunDiagnosisDeps, alert: Alert, change: AlertChange): Promise<void> {
  try {
    await deps.sink.publish(alert, change);
  } catch (err) {
    deps.logger?.warn({ err, alert: { id: alert.id }, change }, 'Alert publication failed.');
  }
}

/**
 * One diagnosis run (find-stale → gather-evidence → rank → annotate → publish), for the
 * integrations of a shard:
 * 1. one `gather` call for every integration of the shard (batched: a bounded number of
 *    queries whatever their number), then `diagnose` each — so an integration whose pulls
 *    still look fine while its firewall logs a feed failure is marked degraded on this run;
 * 2. the open alerts of the shard, read in one call;
 * 3. alerts: open one for a degraded or offline integration without an open alert; update it
 *    when its state or primary cause changes; leave it alone otherwise; resolve it once the
 *    integration pulls normally again. Each change is stored, then published.
 * Idempotent: a second run at the same `now` over the same data changes nothing.
 */
export async function runDiagnosis(deps: RunDiagnosisDeps): Promise<RunDiagnosisResult> {
  const result: RunDiagnosisResult = { checked: 0, online: 0, degraded: 0, offline: 0, opened: 0, updated: 0, resolved: 0 };
  const { shard } = deps;
  if (shard !== undefined && !(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 0 && shard.index < shard.count)) {
    throw new RangeError(`shard.index (${shard.index}) must be an integer from 0 to shard.count − 1 (shard.count: ${shard.count}).`);
  }
  const mine: Integration[] = (await deps.registry.list()).filter((i) => shard === undefined || shardOf(i.id, shard.count) === shard.index);
  result.checked = mine.length;
  if (mine.length === 0) return result;

  const ids = new Set(mine.map((i) => i.id));
  // At most one open alert per integration: this limit returns all of the shard's.
  const openAlerts = await deps.alerts.list({ status: 'open', limit: Math.max(100, 2 * mine.length) });
  const open = new Map<string, Alert>();
  for (const a of openAlerts) {
    if (!ids.has(a.integration.id)) continue;
    const cur = open.get(a.integration.id);
    if (cur === undefined || Date.parse(a.opened_at) > Date.parse(cur.opened_at)) open.set(a.integration.id, a);
  }

  const maxExcerpts = deps.maxExcerpts ?? DEFAULT_MAX_EXCERPTS;
  const evidence = await deps.evidence.gather(mine, deps.now, deps.lookbackMs, maxExcerpts);
  const changes: Array<{ alert: Alert; change: AlertChange; cause: string }> = [];
  for (const ev of evidence) {
    const d: Diagnosis = diagnose(ev, { thresholdMs: deps.thresholdMs, maxExcerpts });
    result[d.status]++;
    const t = alertTransition(open.get(d.integration.id), d, deps.now);
    if (t !== undefined) changes.push({ ...t, cause: d.primary.category });
  }
  // Store every change in one round trip, then publish each.
  await deps.alerts.upsertMany(changes.map((c) => c.alert));
  for (const c of changes) {
    await publish(deps, c.alert, c.change);
    result[c.change]++;
    deps.logger?.info(
      { alert: { id: c.alert.id, state: c.alert.state }, integration: { id: c.alert.integration.id }, root_cause: c.cause, change: c.change },
      c.change === 'opened' ? 'Alert opened.' : c.change === 'resolved' ? 'Alert resolved.' : 'Alert updated.',
    );
  }
  deps.logger?.info({ run: result, shard }, 'Diagnosis run finished.');
  return result;
}
