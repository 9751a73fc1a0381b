import type { DeviceEvidence, Evidence, FeedEvent, FeedEventEvidence, Integration, PullEvidence, RootCause } from '@pullwatch/core';

/** Hand-built evidence for engine tests: times are hours relative to NOW (negative = before). */
export const NOW = Date.parse('2026-11-26T10:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY_MS = 24 * HOUR;
export const h = (hours: number): string => new Date(NOW + hours * HOUR).toISOString();

export interface PullGroup {
  status: number;
  count: number;
  /** Hours relative to NOW. */
  first: number;
  last: number;
  ip?: string;
  path?: string;
}

export interface FeedGroup {
  event: FeedEvent;
  category?: RootCause;
  rule?: string;
  count: number;
  first: number;
  last: number;
  message?: string;
}

export interface DeviceSpec {
  hostname?: string;
  address?: string;
  /** Syslog lines in the window: count and first/last in hours; omitted = none. */
  syslog?: { count: number; first: number; last: number };
  feed?: FeedGroup[];
}

export interface EvidenceSpec {
  vendor?: Integration['vendor'];
  integration?: Partial<Integration>;
  /** Hours relative to NOW of the last 2xx pull (also the window start); omitted = none in the look-back. */
  lastSuccess?: number;
  /** Failing or other pulls after the last success. */
  pulls?: PullGroup[];
  devices?: DeviceSpec[];
  lookbackHours?: number;
}

const ID = 'int-1';
const PATH = `/v1/integrations/${ID}/content`;

export function evidence(spec: EvidenceSpec = {}): Evidence {
  const vendor = spec.vendor ?? 'fortigate';
  const deviceSpecs = spec.devices ?? [{ hostname: 'fw-1' }];
  const integration: Integration = {
    id: ID,
    name: 'fw-1',
    vendor,
    devices: deviceSpecs.map((d) => ({ ...(d.hostname ? { hostname: d.hostname } : {}), ...(d.address ? { address: d.address } : {}) })),
    egress_ips: ['203.0.113.9'],
    feed: { name: 'CrowdSec_BL' },
    ...spec.integration,
  };
  const groups: PullGroup[] = [...(spec.lastSuccess !== undefined ? [{ status: 200, count: 1, first: spec.lastSuccess, last: spec.lastSuccess }] : []), ...(spec.pulls ?? [])];
  const byStatus = new Map<number, { status: number; count: number; first: number; last: number }>();
  const bySource = new Map<string, { ip: string; count: number; statuses: Set<number>; last: number }>();
  const byPath = new Map<string, { path: string; count: number; statuses: Set<number> }>();
  for (const g of groups) {
    const s = byStatus.get(g.status) ?? { status: g.status, count: 0, first: g.first, last: g.last };
    s.count += g.count;
    s.first = Math.min(s.first, g.first);
    s.last = Math.max(s.last, g.last);
    byStatus.set(g.status, s);
    const ip = g.ip ?? '203.0.113.9';
    const src = bySource.get(ip) ?? { ip, count: 0, statuses: new Set<number>(), last: g.last };
    src.count += g.count;
    src.statuses.add(g.status);
    src.last = Math.max(src.last, g.last);
    bySource.set(ip, src);
    const path = g.path ?? PATH;
    const p = byPath.get(path) ?? { path, count: 0, statuses: new Set<number>() };
    p.count += g.count;
    p.statuses.add(g.status);
    byPath.set(path, p);
  }
  const failures = (spec.pulls ?? []).filter((g) => g.status < 200 || g.status >= 300).sort((a, b) => a.first - b.first);
  const pulls: PullEvidence = {
    attempts: groups.reduce((n, g) => n + g.count, 0),
    by_status: [...byStatus.values()].sort((a, b) => a.status - b.status).map((s) => ({ status: s.status, count: s.count, first: h(s.first), last: h(s.last) })),
    by_source: [...bySource.values()].sort((a, b) => b.count - a.count).map((s) => ({ ip: s.ip, count: s.count, statuses: [...s.statuses].sort((a, b) => a - b), last: h(s.last) })),
    by_path: [...byPath.values()].sort((a, b) => b.count - a.count).map((p) => ({ path: p.path, count: p.count, statuses: [...p.statuses].sort((a, b) => a - b) })),
  };
  if (spec.lastSuccess !== undefined) pulls.last_success = h(spec.lastSuccess);
  if (groups.length > 0) pulls.last_attempt = h(Math.max(...groups.map((g) => g.last)));
  if (failures[0] !== undefined) pulls.first_failure = { at: h(failures[0].first), status: failures[0].status };
  const devices: DeviceEvidence[] = deviceSpecs.map((d, n) => {
    const label = d.hostname ?? d.address ?? `device-${n}`;
    const feed_events: FeedEventEvidence[] = (d.feed ?? []).map((g) => ({
      event: g.event,
      ...(g.category ? { category: g.category } : {}),
      ...(g.rule ? { rule: g.rule } : {}),
      count: g.count,
      first: h(g.first),
      last: h(g.last),
      excerpts: [{ '@timestamp': h(g.last), message: g.message ?? `${g.event} ${g.category ?? ''}`.trim(), device: label, ...(g.rule ? { rule: g.rule } : {}) }],
    }));
    return {
      device: integration.devices[n]!,
      label,
      syslog: d.syslog ? { count: d.syslog.count, first: h(d.syslog.first), last: h(d.syslog.last) } : { count: 0 },
      feed_events,
    };
  });
  const from = spec.lastSuccess !== undefined ? h(spec.lastSuccess) : h(-(spec.lookbackHours ?? 168));
  return { integration, now: h(0), window: { from, to: h(0) }, pulls, devices };
}

/** A live device: syslog up to 5 minutes ago. */
export const live = (first = -30): DeviceSpec['syslog'] => ({ count: 500, first, last: -0.1 });
