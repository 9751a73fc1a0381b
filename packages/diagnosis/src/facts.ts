import type { Evidence, FeedEvent, RootCause } from '@pullwatch/core';
import { stripCredentials } from './format.js';
import { causeOfPullStatus, isFailedPull } from './pull-status.js';

/** Endpoint answers after the last success that point to one cause. */
export interface EndpointSignal {
  category: RootCause;
  weight: number;
  count: number;
  first: number;
  last: number;
  statuses: number[];
  /** Source addresses that got these answers, most pulls first. */
  sources: string[];
}

/** Classified firewall lines of one kind (failure cause, removal, change, success), over all devices. */
export interface LogSignal {
  category: RootCause | undefined;
  events: FeedEvent[];
  count: number;
  first: number;
  last: number;
  /** Device labels, most lines first. */
  devices: string[];
  rules: string[];
}

export interface DeviceFacts {
  label: string;
  syslogCount: number;
  syslogLast?: number;
  feedEventCount: number;
}

/** Everything the ranking reads, derived once from the evidence (times in epoch ms). */
export interface Facts {
  now: number;
  /** From the start of the window to now (the look-back when there is no success). */
  windowMs: number;
  from: number;
  lastSuccess?: number;
  /** Address of the last successful pull, when known. */
  successSource?: string;
  lastAttempt?: number;
  /** Failed pulls (4xx, 5xx, 0) after the last success. */
  failureCount: number;
  firstFailure?: { at: number; status: number };
  lastFailure?: number;
  /** The last time the endpoint answered anything (success or failure). */
  lastAnswer?: number;
  expectedPath: string;
  /** Paths other than the expected one that only failed (wrong URL on the firewall). */
  wrongPaths: Array<{ path: string; count: number; statuses: number[] }>;
  url: string;
  host: string;
  endpoint: Map<RootCause, EndpointSignal>;
  /** fetch_failed lines by cause (`download_failed` when the line has none). */
  failureLogs: Map<RootCause, LogSignal>;
  removals?: LogSignal;
  changes?: LogSignal;
  successLogs?: LogSignal;
  devices: DeviceFacts[];
  /** live: a device sent syslog within `silenceMs`; silent: it did before, not since; none: no syslog at all. */
  liveness: 'live' | 'silent' | 'none';
  /** Last syslog line of any device (silent devices: when they went quiet). */
  lastSyslog?: number;
  /** pfBlockerNG lines among the evidence (pfSense variant). */
  pfblockerng: boolean;
}

const ms = (iso: string | undefined): number | undefined => {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/** The default endpoint URL of an integration. */
export const defaultFeedUrl = (integrationId: string): string =>
  `https://admin.api.crowdsec.net/v1/integrations/${integrationId}/content`;

function mergeLog(map: Map<string, LogSignal>, key: string, add: LogSignal): void {
  const cur = map.get(key);
  if (cur === undefined) {
    map.set(key, add);
    return;
  }
  cur.count += add.count;
  cur.first = Math.min(cur.first, add.first);
  cur.last = Math.max(cur.last, add.last);
  for (const e of add.events) if (!cur.events.includes(e)) cur.events.push(e);
  for (const d of add.devices) if (!cur.devices.includes(d)) cur.devices.push(d);
  for (const r of add.rules) if (!cur.rules.includes(r)) cur.rules.push(r);
}

export function factsOf(evidence: Evidence, silenceMs: number): Facts {
  const now = Date.parse(evidence.now);
  const from = Date.parse(evidence.window.from);
  const { pulls, integration } = evidence;
  const lastSuccess = ms(pulls.last_success);
  const url = stripCredentials(integration.feed?.url ?? defaultFeedUrl(integration.id));
  const parsed = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:\s]+)(?::\d+)?([^?#\s]*)/i.exec(url);
  const host = parsed?.[1]?.toLowerCase() ?? 'admin.api.crowdsec.net';
  const expectedPath = parsed?.[2] || `/v1/integrations/${integration.id}/content`;

  // Failed pulls after the last success, grouped by the cause their status points to.
  const endpoint = new Map<RootCause, EndpointSignal>();
  let failureCount = 0;
  let lastFailure: number | undefined;
  for (const g of pulls.by_status) {
    const last = Date.parse(g.last);
    if (!isFailedPull(g.status) || (lastSuccess !== undefined && last <= lastSuccess)) continue;
    const cause = causeOfPullStatus(g.status)!;
    failureCount += g.count;
    lastFailure = Math.max(lastFailure ?? last, last);
    const first = Date.parse(g.first);
    const cur = endpoint.get(cause.category);
    if (cur === undefined) {
      endpoint.set(cause.category, { category: cause.category, weight: cause.weight, count: g.count, first, last, statuses: [g.status], sources: [] });
    } else {
      cur.weight = Math.max(cur.weight, cause.weight);
      cur.count += g.count;
      cur.first = Math.min(cur.first, first);
      cur.last = Math.max(cur.last, last);
      cur.statuses.push(g.status);
    }
  }
  for (const sig of endpoint.values()) {
    sig.statuses.sort((a, b) => a - b);
    sig.sources = pulls.by_source
      .filter((s) => s.statuses.some((st) => sig.statuses.includes(st)))
      .sort((a, b) => b.count - a.count || a.ip.localeCompare(b.ip))
      .map((s) => s.ip);
  }
  // Pulls to another path than the feed's, none of which succeeded: a wrong URL on the firewall.
  const wrongPaths = pulls.by_path
    .filter((p) => p.path !== expectedPath && !p.statuses.some((s) => s >= 200 && s < 300) && p.statuses.some(isFailedPull))
    .map((p) => ({ path: p.path, count: p.count, statuses: p.statuses.filter(isFailedPull) }));

  const failureLogs = new Map<string, LogSignal>();
  const others = new Map<string, LogSignal>();
  const devices: DeviceFacts[] = [];
  let pfblockerng = false;
  let lastSyslog: number | undefined;
  let live = false;
  for (const d of evidence.devices) {
    let feedEventCount = 0;
    for (const g of d.feed_events) {
      feedEventCount += g.count;
      if (g.rule?.startsWith('pfsense.pfblockerng')) pfblockerng = true;
      const sig: LogSignal = {
        category: g.category,
        events: [g.event],
        count: g.count,
        first: Date.parse(g.first),
        last: Date.parse(g.last),
        devices: [d.label],
        rules: g.rule ? [g.rule] : [],
      };
      if (g.event === 'fetch_failed') {
        sig.category = g.category ?? 'download_failed';
        mergeLog(failureLogs, sig.category, sig);
      } else if (g.event === 'feed_removed' || g.event === 'feed_disabled') {
        sig.category = 'rule_removed_or_disabled';
        mergeLog(others, 'removal', sig);
      } else {
        mergeLog(others, g.event, sig);
      }
    }
    const syslogLast = ms(d.syslog.last);
    if (syslogLast !== undefined) {
      lastSyslog = Math.max(lastSyslog ?? syslogLast, syslogLast);
      if (syslogLast >= now - silenceMs) live = true;
    }
    devices.push({ label: d.label, syslogCount: d.syslog.count, ...(syslogLast !== undefined ? { syslogLast } : {}), feedEventCount });
  }
  const anySyslog = devices.some((d) => d.syslogCount > 0);
  const firstFailureAt = ms(pulls.first_failure?.at);
  const lastAttempt = ms(pulls.last_attempt);
  const answers = [lastSuccess, lastFailure].filter((t): t is number => t !== undefined);
  const successSource =
    pulls.by_source.find((s) => s.statuses.some((st) => st >= 200 && st < 300) && s.last === pulls.last_success)?.ip ??
    pulls.by_source.find((s) => s.statuses.some((st) => st >= 200 && st < 300))?.ip;

  const facts: Facts = {
    now,
    from,
    windowMs: now - from,
    failureCount,
    expectedPath,
    wrongPaths,
    url,
    host,
    endpoint,
    failureLogs: failureLogs as Map<RootCause, LogSignal>,
    devices,
    liveness: live ? 'live' : anySyslog ? 'silent' : 'none',
    pfblockerng,
  };
  if (lastSuccess !== undefined) facts.lastSuccess = lastSuccess;
  if (successSource !== undefined) facts.successSource = successSource;
  if (lastAttempt !== undefined) facts.lastAttempt = lastAttempt;
  if (lastFailure !== undefined) facts.lastFailure = lastFailure;
  if (answers.length > 0) facts.lastAnswer = Math.max(...answers);
  if (pulls.first_failure !== undefined && firstFailureAt !== undefined && isFailedPull(pulls.first_failure.status)) {
    facts.firstFailure = { at: firstFailureAt, status: pulls.first_failure.status };
  } else {
    // Derive it from the status groups when the source gave none.
    let first: { at: number; status: number } | undefined;
    for (const sig of endpoint.values()) if (first === undefined || sig.first < first.at) first = { at: sig.first, status: sig.statuses[0]! };
    if (first !== undefined) facts.firstFailure = first;
  }
  const removals = others.get('removal');
  if (removals !== undefined) facts.removals = removals;
  const changes = others.get('feed_changed');
  if (changes !== undefined) facts.changes = changes;
  const successLogs = others.get('fetch_succeeded');
  if (successLogs !== undefined) facts.successLogs = successLogs;
  if (lastSyslog !== undefined) facts.lastSyslog = lastSyslog;
  return facts;
}
