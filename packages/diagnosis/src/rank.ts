import { ROOT_CAUSES, type RankedCause, type RootCause } from '@pullwatch/core';
import type { Facts, LogSignal } from './facts.js';
import { formatDuration, formatTime, joinAnd, plural, roundConfidence } from './format.js';
import { causeOfPullStatus } from './pull-status.js';

/**
 * Base confidence of a cause when only the firewall's own log says so: a classified line is
 * weaker evidence than an endpoint answer (wordings are partly undocumented, and the line may
 * concern another feed), and a generic download failure says little.
 */
export const LOG_WEIGHTS: Readonly<Record<RootCause, number>> = {
  credentials_invalid: 0.8,
  tls_trust: 0.8,
  dns_failure: 0.8,
  network_unreachable: 0.75,
  invalid_format: 0.75,
  endpoint_error: 0.75,
  download_failed: 0.45,
  rule_removed_or_disabled: 0.85,
  firewall_offline: 0,
  unknown: 0,
};

/** Causes that fail before any HTTP request reaches the endpoint. */
export const PRE_REQUEST_CAUSES: readonly RootCause[] = ['tls_trust', 'dns_failure', 'network_unreachable', 'download_failed'];

/** The pre-request causes a log line can name precisely. */
const SPECIFIC_PRE_REQUEST = ['tls_trust', 'dns_failure', 'network_unreachable'] as const;

/** Below this confidence no cause is named: the primary is `unknown`. */
export const UNKNOWN_BELOW = 0.4;

/** Alternatives below this confidence are not listed. */
export const MIN_ALTERNATIVE = 0.2;

/** Multipliers and bonuses of the precedence rules (docs/diagnosis.md, "Precedence"). */
export const PRECEDENCE = {
  /** Endpoint answers of one cause that stopped before another cause's answers started. */
  supersededAnswer: 0.5,
  /** A pre-request failure in the log followed by an endpoint answer: the path worked after it. */
  answeredAfterLog: 0.4,
  /** A removal followed by pulls: something else still pulls. */
  pulledAfterRemoval: 0.4,
  /** Evidence older than a later event that explains the current state (no request since, removal, silence). */
  older: 0.75,
  /** Endpoint and log agree. */
  corroborated: 0.04,
  /** A pre-request failure in the log and no request at the endpoint since it began. */
  noRequestSince: 0.1,
  /** A removal with no pull after it. */
  noPullSinceRemoval: 0.05,
  /** Generic download failures logged over the same period as a specific cause (same failures). */
  genericBesideSpecific: 0.5,
} as const;

const LOG_WORDS: Readonly<Record<RootCause, string>> = {
  credentials_invalid: 'authentication failures (401/403)',
  tls_trust: 'TLS certificate failures',
  dns_failure: 'DNS resolution failures',
  network_unreachable: 'connection failures (timeout, refused or proxy)',
  invalid_format: 'errors reading the downloaded list',
  endpoint_error: 'server errors (5xx) of the endpoint',
  download_failed: 'download failures with no finer cause',
  rule_removed_or_disabled: 'feed removals',
  firewall_offline: '',
  unknown: '',
};

/** A ranked cause with the time of its newest evidence (for recency) before rounding. */
export interface Candidate {
  category: RootCause;
  confidence: number;
  reasons: string[];
  /** Newest evidence time (epoch ms). */
  last: number;
  /** True once demoted as older than a later event (applied once). */
  aged?: boolean;
}

/** A later event that explains the current state and makes older evidence less relevant. */
interface Marker {
  at: number;
  category: RootCause;
  text: string;
}

const span = (first: number, last: number): string =>
  first === last ? `at ${formatTime(first)}` : `between ${formatTime(first)} and ${formatTime(last)}`;

const sourcesText = (ips: readonly string[]): string =>
  ips.length === 0 ? '' : ips.length <= 2 ? ` from ${joinAnd(ips)}` : ` from ${ips[0]} and ${ips.length - 1} other addresses`;

const logText = (sig: LogSignal): string =>
  `${joinAnd(sig.devices)} logged ${plural(sig.count, 'line')} of ${LOG_WORDS[sig.category ?? 'download_failed']} ${span(sig.first, sig.last)}`;

/**
 * Ranks the causes of the taxonomy from the facts of one integration, most likely first.
 * The rules and numbers are documented in docs/diagnosis.md; in short:
 * 1. endpoint answers after the last success (401/403, 404, 5xx, ...) weigh most;
 * 2. classified firewall lines add causes the endpoint cannot see (TLS, DNS, network), and
 *    corroborate the endpoint's;
 * 3. recency: the newest evidence wins: a pre-request failure followed by an endpoint answer is
 *    superseded, an endpoint answer older than "no request since" is aged, and so on;
 * 4. with no request since the last success: silence of the device (firewall_offline), silence
 *    of the feed on a live device (rule_removed_or_disabled).
 */
export function rankCauses(f: Facts): Candidate[] {
  const cands = new Map<RootCause, Candidate>();
  const markers: Marker[] = [];
  const put = (category: RootCause, confidence: number, reasons: string[], last: number): Candidate => {
    const cur = cands.get(category);
    if (cur === undefined) {
      const c: Candidate = { category, confidence, reasons, last };
      cands.set(category, c);
      return c;
    }
    cur.confidence = Math.max(cur.confidence, confidence);
    cur.reasons.push(...reasons);
    cur.last = Math.max(cur.last, last);
    return cur;
  };

  // 1. Endpoint answers after the last success.
  const signals = [...f.endpoint.values()];
  for (const sig of signals) {
    const meanings = [...new Set(sig.statuses.map((s) => causeOfPullStatus(s)!.meaning))];
    const reasons = [
      `the endpoint answered ${sig.statuses.join('/')} (${meanings.join(', ')}) to ${plural(sig.count, 'pull')}${sourcesText(sig.sources)} ${span(sig.first, sig.last)}`,
    ];
    let confidence = sig.weight;
    const later = signals.filter((o) => o !== sig && o.first > sig.last).sort((a, b) => a.first - b.first)[0];
    if (later !== undefined) {
      confidence *= PRECEDENCE.supersededAnswer;
      reasons.push(`superseded: since ${formatTime(later.first)} the endpoint answers ${later.statuses.join('/')} instead`);
    }
    if (sig.category === 'credentials_invalid' && f.lastSuccess !== undefined && f.firstFailure !== undefined && [401, 403].includes(f.firstFailure.status)) {
      reasons.push(
        `pulls went from 2xx (last at ${formatTime(f.lastSuccess)}) to ${f.firstFailure.status} (first at ${formatTime(f.firstFailure.at)}): the credentials were regenerated or changed around then`,
      );
    }
    put(sig.category, confidence, reasons, sig.last);
  }
  if (f.wrongPaths.length > 0) {
    const text = `pulls went to ${joinAnd(f.wrongPaths.map((p) => `${p.path} (${p.statuses.join('/')})`))} instead of ${f.expectedPath}`;
    const inv = cands.get('invalid_format');
    if (inv !== undefined) inv.reasons.push(text);
    else put('invalid_format', 0.6, [`${text}: the URL configured on the firewall is wrong`], f.lastFailure ?? f.now);
  }

  // 2. The firewall's own lines about the feed.
  for (const [category, sig] of f.failureLogs) {
    let confidence = LOG_WEIGHTS[category];
    const reasons = [logText(sig)];
    if (PRE_REQUEST_CAUSES.includes(category)) {
      if (f.lastAnswer !== undefined && f.lastAnswer > sig.last) {
        confidence *= PRECEDENCE.answeredAfterLog;
        reasons.push(`superseded: the endpoint answered a pull at ${formatTime(f.lastAnswer)}, after the last such line, so the firewall reached it then`);
      } else if (f.lastAnswer === undefined || f.lastAnswer < sig.first) {
        confidence += PRECEDENCE.noRequestSince;
        const since = `no request reached the endpoint since ${formatTime(sig.first)}`;
        reasons.push(`${since}: consistent with a failure before the HTTP request`);
        markers.push({ at: sig.first, category, text: `the ${LOG_WORDS[category]} logged since then, with ${since}` });
        if (category === 'download_failed' && !SPECIFIC_PRE_REQUEST.some((c) => f.failureLogs.has(c))) {
          for (const alt of SPECIFIC_PRE_REQUEST) {
            put(alt, 0.3, [`possible: the log does not tell TLS, DNS, timeouts and refusals apart, and no request reached the endpoint`], sig.last);
          }
        }
      } else {
        reasons.push(`requests still reached the endpoint in between (last answer at ${formatTime(f.lastAnswer)})`);
      }
    }
    // Generic download failures logged next to a specific cause are the same failed downloads.
    const specific = category === 'download_failed' ? [...f.failureLogs.values()].find((o) => o.category !== 'download_failed' && o.first <= sig.last && o.last >= sig.first) : undefined;
    if (specific !== undefined) {
      confidence *= PRECEDENCE.genericBesideSpecific;
      reasons.push(`the same downloads failing: the ${LOG_WORDS[specific.category!]} logged over the same period say why`);
    }
    const existing = cands.get(category);
    if (existing !== undefined && f.endpoint.has(category)) {
      existing.confidence = Math.min(0.99, Math.max(existing.confidence, confidence) + PRECEDENCE.corroborated);
      existing.reasons.push(`corroborated by the firewall: ${reasons.join('; ')}`);
      existing.last = Math.max(existing.last, sig.last);
    } else {
      put(category, confidence, reasons, sig.last);
    }
  }

  // 3. The feed removed or disabled in the firewall's configuration.
  if (f.removals !== undefined) {
    const sig = f.removals;
    const what = sig.events.includes('feed_removed') ? (sig.events.includes('feed_disabled') ? 'removed and disabled' : 'removed') : 'disabled';
    const reasons = [`${joinAnd(sig.devices)} logged the feed (or the rule using it) being ${what} ${span(sig.first, sig.last)}`];
    let confidence = LOG_WEIGHTS.rule_removed_or_disabled;
    if (f.lastAttempt !== undefined && f.lastAttempt > sig.last) {
      confidence *= PRECEDENCE.pulledAfterRemoval;
      reasons.push(`but pulls went on after it (last at ${formatTime(f.lastAttempt)}): another object may still pull the list`);
    } else {
      confidence += PRECEDENCE.noPullSinceRemoval;
      reasons.push('no pull came after it');
      markers.push({ at: sig.last, category: 'rule_removed_or_disabled', text: `the feed's removal` });
    }
    put('rule_removed_or_disabled', confidence, reasons, sig.last);
  }

  // 4. Nothing reached the endpoint since the last success: what do the devices say?
  const noRequest = f.lastAttempt === undefined || (f.lastSuccess !== undefined && f.lastAttempt <= f.lastSuccess);
  if (noRequest) {
    const since = f.lastSuccess !== undefined ? `since the last success at ${formatTime(f.lastSuccess)}` : `in the last ${formatDuration(f.windowMs)}`;
    const labels = joinAnd(f.devices.map((d) => d.label));
    if (f.liveness === 'silent' && f.lastSyslog !== undefined) {
      const lines = f.devices.reduce((n, d) => n + d.syslogCount, 0);
      put(
        'firewall_offline',
        0.85,
        [`no syslog from ${labels} since ${formatTime(f.lastSyslog)} (${plural(lines, 'line')} before that)`, `no pull attempt ${since}`],
        f.lastSyslog,
      );
      markers.push({ at: f.lastSyslog, category: 'firewall_offline', text: 'the device going silent' });
    } else if (f.liveness === 'none') {
      const known = f.lastSuccess !== undefined;
      put('firewall_offline', known ? 0.55 : 0.3, [`no pull attempt ${since}`, `no syslog from ${labels} either, so pullwatch cannot tell a powered-off firewall from a removed feed`], f.from);
      put('rule_removed_or_disabled', known ? 0.3 : 0.25, [`no pull attempt ${since}; without the device's logs a removed or disabled feed looks the same as a device that is off`], f.from);
    } else if (f.liveness === 'live') {
      const feedLines = f.devices.reduce((n, d) => n + d.feedEventCount, 0);
      const lines = f.devices.reduce((n, d) => n + d.syslogCount, 0);
      if (feedLines === 0) {
        put(
          'rule_removed_or_disabled',
          0.6,
          [
            `${labels} is up (${plural(lines, 'syslog line')}, the last at ${formatTime(f.lastSyslog!)}) but logged no feed activity`,
            `no pull attempt ${since}: the feed job no longer runs`,
          ],
          f.lastSyslog!,
        );
      } else if (f.successLogs !== undefined && f.failureLogs.size === 0 && f.removals === undefined) {
        put(
          'invalid_format',
          0.35,
          [
            `${joinAnd(f.successLogs.devices)} logged ${plural(f.successLogs.count, 'successful feed update')} ${span(f.successLogs.first, f.successLogs.last)}, yet the endpoint saw no pull for this integration ${since}`,
            'the feed on the firewall may point to another URL or integration',
          ],
          f.successLogs.last,
        );
      }
    }
  }

  // 5. Recency: evidence older than a later event that explains the current state is aged (once).
  for (const c of cands.values()) {
    const later = markers.filter((m) => m.category !== c.category && m.at > c.last).sort((a, b) => b.at - a.at)[0];
    if (later !== undefined && !c.aged) {
      c.confidence *= PRECEDENCE.older;
      c.aged = true;
      c.reasons.push(`older than ${later.text} (${formatTime(later.at)})`);
    }
  }

  const order = (c: RootCause): number => ROOT_CAUSES.indexOf(c);
  return [...cands.values()]
    .map((c) => ({ ...c, confidence: roundConfidence(c.confidence) }))
    .filter((c) => c.confidence > 0)
    .sort((a, b) => b.confidence - a.confidence || b.last - a.last || order(a.category) - order(b.category));
}

/** Strips the internal fields of a candidate. */
export const toRanked = (c: Candidate): RankedCause => ({ category: c.category, confidence: c.confidence, reasons: c.reasons });
