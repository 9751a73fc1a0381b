import type { DiagnosisStatus, RankedCause } from '@pullwatch/core';
import type { Facts, LogSignal } from './facts.js';
import { formatClock, formatDuration, formatTime, joinAnd, plural } from './format.js';

export interface SummaryInput {
  f: Facts;
  status: DiagnosisStatus;
  primary: RankedCause;
  /** Integration name and vendor label. */
  name: string;
  vendor: string;
  timeLeftMs?: number;
  firstFailure?: number;
  missing: string[];
  alternatives: RankedCause[];
}

const from = (ips: readonly string[]): string =>
  ips.length === 0 ? '' : ips.length <= 2 ? ` from ${joinAnd(ips)}` : ` from ${ips[0]} and ${ips.length - 1} other addresses`;

const LOG_NOUNS: Record<string, [string, string]> = {
  credentials_invalid: ['authentication failure', 'authentication failures'],
  tls_trust: ['TLS certificate failure', 'TLS certificate failures'],
  dns_failure: ['DNS resolution failure', 'DNS resolution failures'],
  network_unreachable: ['connection failure (timeout, refused or proxy)', 'connection failures (timeouts, refusals or proxy errors)'],
  download_failed: ['download failure', 'download failures'],
  invalid_format: ['error reading the downloaded list', 'errors reading the downloaded list'],
  endpoint_error: ['server error of the endpoint', 'server errors of the endpoint'],
};

const MEANING: Record<string, string> = {
  credentials_invalid: 'the credentials configured on the firewall are refused',
  tls_trust: "the firewall does not trust the endpoint's certificate",
  network_unreachable: 'the firewall cannot reach {host} on port 443',
  dns_failure: 'the firewall cannot resolve {host}',
  download_failed: 'the download fails before any HTTP answer (TLS, DNS or the network path: the log does not say which)',
  endpoint_error: 'the endpoint itself failed, not the firewall (nothing to change on it)',
};

/** One sentence with the key numbers and times, the first thing a person reads. */
export function summarize(s: SummaryInput): string {
  const { f, status } = s;
  if (status === 'online') {
    const at = f.lastSuccess !== undefined ? ` at ${formatTime(f.lastSuccess)}${from(f.successSource ? [f.successSource] : [])}` : '';
    return `${s.name} (${s.vendor}) is pulling normally: last successful pull${at}.`;
  }
  let lead: string;
  let ref: number | undefined;
  if (status === 'offline') {
    if (f.lastSuccess !== undefined) {
      lead = `${s.name} (${s.vendor}) has not pulled its blocklist since ${formatTime(f.lastSuccess)}`;
      ref = f.lastSuccess;
    } else {
      lead = `${s.name} (${s.vendor}) has not pulled its blocklist in the last ${formatDuration(f.windowMs)}`;
    }
  } else {
    const since = s.firstFailure ?? f.lastSuccess ?? f.now;
    ref = since;
    const left = s.timeLeftMs !== undefined ? formatDuration(s.timeLeftMs) : undefined;
    lead =
      f.failureCount > 0
        ? `${s.name} (${s.vendor}) is failing to pull its blocklist since ${formatTime(since)} and counts as offline in ${left} unless a pull succeeds (last success at ${formatClock(f.lastSuccess!, since)})`
        : `${s.name} (${s.vendor}) still pulls its blocklist (last success at ${formatTime(f.lastSuccess!)})`;
    if (f.failureCount === 0) ref = f.lastSuccess;
  }
  const clock = (t: number): string => formatClock(t, ref);
  const host = (t: string): string => t.replace('{host}', f.host);
  const logClause = (sig: LogSignal, noun: [string, string]): string =>
    `${joinAnd(sig.devices)} logged ${plural(sig.count, noun[0], noun[1])} since ${clock(sig.first)}`;
  const c = s.primary.category;
  const e = f.endpoint.get(c);
  const log = f.failureLogs.get(c);
  let clause: string;
  switch (c) {
    case 'credentials_invalid':
    case 'endpoint_error':
    case 'network_unreachable':
    case 'tls_trust':
    case 'dns_failure':
    case 'download_failed':
      if (e !== undefined && (log === undefined || e.last >= log.last || c === 'credentials_invalid' || c === 'endpoint_error')) {
        clause = `the endpoint answered ${e.statuses.join('/')} to ${plural(e.count, 'pull')}${from(e.sources)} since ${clock(e.first)}`;
        if (log !== undefined) clause += ` (${joinAnd(log.devices)} logged ${plural(log.count, 'such failure')})`;
        const transition = c === 'credentials_invalid' && f.lastSuccess !== undefined && f.firstFailure !== undefined && [401, 403].includes(f.firstFailure.status);
        clause += transition ? ' — the credentials were regenerated or changed around then' : `: ${host(MEANING[c] ?? 'the pulls fail')}`;
      } else if (log !== undefined) {
        clause = logClause(log, LOG_NOUNS[c]!);
        if (f.lastAnswer === undefined || f.lastAnswer < log.first) clause += ' and no request has reached the endpoint since';
        clause += `: ${host(MEANING[c]!)}`;
      } else {
        clause = s.primary.reasons[0] ?? c;
      }
      break;
    case 'invalid_format':
      if (e !== undefined) {
        const paths = f.wrongPaths.length > 0 ? f.wrongPaths.map((p) => p.path) : [f.expectedPath];
        clause = `the endpoint answered ${e.statuses.join('/')} to ${plural(e.count, 'pull')} of ${joinAnd(paths)}${from(e.sources)} since ${clock(e.first)}: the URL configured on the firewall is wrong${f.wrongPaths.length > 0 ? ` (the feed is ${f.expectedPath})` : ''}`;
      } else if (log !== undefined) {
        clause = `${logClause(log, LOG_NOUNS.invalid_format!)}: the firewall cannot read the list it gets`;
      } else if (f.wrongPaths.length > 0) {
        clause = `pulls go to ${joinAnd(f.wrongPaths.map((p) => p.path))} instead of ${f.expectedPath}: the URL configured on the firewall is wrong`;
      } else {
        clause = s.primary.reasons[0] ?? c;
      }
      break;
    case 'rule_removed_or_disabled':
      if (f.removals !== undefined) {
        const r = f.removals;
        const what = r.events.includes('feed_removed') ? 'removed' : 'disabled';
        const after = f.lastAttempt !== undefined && f.lastAttempt > r.last;
        clause = `${joinAnd(r.devices)} logged the feed (or the rule using it) being ${what} at ${clock(r.last)}${after ? ', though pulls went on after it' : ' and no pull came since'}`;
      } else {
        clause = `${joinAnd(f.devices.map((d) => d.label))} is up (last syslog at ${clock(f.lastSyslog ?? f.now)}) but logged no feed activity and made no pull since: the feed or the rule using it was probably removed or disabled`;
      }
      break;
    case 'firewall_offline':
      clause =
        f.liveness === 'silent' && f.lastSyslog !== undefined
          ? `no syslog from ${joinAnd(f.devices.map((d) => d.label))} since ${clock(f.lastSyslog)} and no pull attempt since: the firewall looks down or cut off from the network`
          : `no pull attempt came since and ${joinAnd(f.devices.map((d) => d.label))} sends no syslog to pullwatch: the firewall may be down or unreachable (without its logs pullwatch cannot tell)`;
      break;
    default: {
      const hint = s.missing[0] ?? s.alternatives[0]?.reasons[0];
      clause = `the evidence does not point to one cause${hint ? ` — ${hint}` : ''}`;
    }
  }
  // "still pulls (…), but <device> logged …" when the pulls succeed and only the firewall fails.
  return `${lead}${status === 'degraded' && f.failureCount === 0 ? ', but ' : ': '}${clause}.`;
}
