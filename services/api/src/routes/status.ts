import type { FastifyInstance } from 'fastify';
import { ROOT_CAUSES, vendorSchema, type Alert, type Device, type FirewallVendor, type RootCause } from '@pullwatch/core';
import { z } from 'zod';
import type { ApiDeps, ApiSettings } from '../deps.js';
import { parseOr400 } from '../issues.js';

/** The states `GET /v1/status` reports: `pulling` (no open alert), else the open alert's state. */
export const STATUS_STATES = ['pulling', 'degraded', 'offline'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/** Query of GET /v1/status; unknown parameters are refused, as on GET /v1/alerts. */
export const statusQuerySchema = z.strictObject({
  vendor: vendorSchema.optional(),
  cause: z.enum(ROOT_CAUSES).optional(),
  state: z.enum(STATUS_STATES).optional(),
});

/** The open alert of an integration, as `GET /v1/status` summarises it. */
export interface StatusAlert {
  id: string;
  state: Exclude<StatusState, 'pulling'>;
  cause: RootCause;
  /** 0..1. */
  confidence: number;
  summary: string;
  opened_at: string;
  updated_at: string;
  /** When the integration counts (or counted) as offline, ISO-8601. */
  offline_at?: string;
  /** Degraded only: milliseconds left before it counts as offline, at `generated_at`. */
  time_left_ms?: number;
}

/** One integration with its current state. */
export interface IntegrationStatus {
  id: string;
  name: string;
  vendor: FirewallVendor;
  devices: Device[];
  state: StatusState;
  /** Last 2xx pull in the look-back (`lookbackMs`), else the one the open alert's diagnosis names. */
  last_successful_pull?: string;
  /** Last pull of any status in the look-back. */
  last_attempt?: string;
  alert?: StatusAlert;
}

/** The answer of `GET /v1/status`. */
export interface StatusReport {
  /** The time the states were read (the API's clock), ISO-8601. */
  generated_at: string;
  /** Integrations per state, over every registered integration (filters do not change them). */
  counts: Record<StatusState, number>;
  /** The integrations that pass the filters: offline first, then degraded, then pulling; by name within a state. */
  integrations: IntegrationStatus[];
  count: number;
}

const SEVERITY: Record<StatusState, number> = { offline: 0, degraded: 1, pulling: 2 };

function statusAlert(alert: Alert, now: number): StatusAlert {
  const d = alert.diagnosis;
  const state = alert.state === 'offline' ? 'offline' : 'degraded';
  const out: StatusAlert = {
    id: alert.id,
    state,
    cause: d.primary.category,
    confidence: d.primary.confidence,
    summary: d.summary,
    opened_at: alert.opened_at,
    updated_at: alert.updated_at,
  };
  if (d.timeline.offline_at !== undefined) out.offline_at = d.timeline.offline_at;
  if (state === 'degraded') {
    const offlineAt = d.timeline.offline_at !== undefined ? Date.parse(d.timeline.offline_at) : Number.NaN;
    const left = Number.isNaN(offlineAt) ? d.time_left_ms : offlineAt - now;
    if (left !== undefined) out.time_left_ms = Math.max(0, left);
  }
  return out;
}

/**
 * `GET /v1/status?vendor=&cause=&state=`: every registered integration with its current state
 * — `pulling` when it has no open alert, else the open alert's state (`degraded`/`offline`)
 * with its primary cause, confidence, summary and id — its last successful pull, and the count
 * of integrations per state. Two reads whatever the number of integrations: the open alerts
 * (one `list`) and the pull summaries (one batched `pullSummaries`). Open alerts of
 * integrations that are no longer registered are not listed (see GET /v1/alerts).
 */
export function statusRoutes(app: FastifyInstance, deps: ApiDeps, settings: ApiSettings): void {
  const clock = deps.clock ?? (() => new Date());

  app.get('/v1/status', async (req): Promise<StatusReport> => {
    const q = parseOr400(statusQuerySchema, req.query, 'query');
    const now = clock();
    const integrations = await deps.registry.list();
    const ids = integrations.map((i) => i.id);
    const [openAlerts, summaries] = await Promise.all([
      // At most one open alert per integration: this limit returns all of them (as runDiagnosis reads them).
      deps.alerts.list({ status: 'open', limit: Math.max(100, 2 * integrations.length) }),
      ids.length > 0 ? deps.evidence.pullSummaries(now, settings.lookbackMs, ids) : Promise.resolve(new Map()),
    ]);
    const open = new Map<string, Alert>();
    for (const a of openAlerts) {
      const cur = open.get(a.integration.id);
      if (cur === undefined || Date.parse(a.opened_at) > Date.parse(cur.opened_at)) open.set(a.integration.id, a);
    }

    const counts: Record<StatusState, number> = { pulling: 0, degraded: 0, offline: 0 };
    const all = integrations.map((i): IntegrationStatus => {
      const alert = open.get(i.id);
      const summary = summaries.get(i.id);
      const s: IntegrationStatus = { id: i.id, name: i.name, vendor: i.vendor, devices: i.devices, state: 'pulling' };
      if (alert !== undefined) {
        s.alert = statusAlert(alert, now.getTime());
        s.state = s.alert.state;
      }
      const lastSuccess = summary?.last_success ?? alert?.diagnosis.timeline.last_successful_pull;
      if (lastSuccess !== undefined) s.last_successful_pull = lastSuccess;
      if (summary?.last_attempt !== undefined) s.last_attempt = summary.last_attempt;
      counts[s.state]++;
      return s;
    });

    const listed = all
      .filter((s) => (q.vendor === undefined || s.vendor === q.vendor) && (q.cause === undefined || s.alert?.cause === q.cause) && (q.state === undefined || s.state === q.state))
      .sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state] || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { generated_at: now.toISOString(), counts, integrations: listed, count: listed.length };
  });
}
