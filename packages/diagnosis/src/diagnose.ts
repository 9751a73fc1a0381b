import type { Diagnosis, DiagnosisStatus, Evidence, Excerpt, RankedCause } from '@pullwatch/core';
import { factsOf, type Facts } from './facts.js';
import { VENDOR_LABELS, formatDuration, formatTime, joinAnd, roundConfidence } from './format.js';
import { MIN_ALTERNATIVE, rankCauses, toRanked, UNKNOWN_BELOW } from './rank.js';
import { guideFor, remediationFor, verifyFor, type RemediationContext } from './remediation/index.js';
import { summarize } from './summary.js';

export interface DiagnoseOptions {
  /** No successful pull for longer than this (ms) → `offline`. The guide's trigger is 24 h. */
  thresholdMs: number;
  /** Most log lines quoted in `evidence.excerpts`, newest first. Default 5. */
  maxExcerpts?: number;
  /**
   * A device whose last syslog line is older than this (ms) counts as silent: with no pull
   * either, the firewall looks down. Default 1 h (a firewall forwarding its traffic or system
   * logs sends far more often).
   */
  silenceMs?: number;
  /** Most alternatives listed. Default 5. */
  maxAlternatives?: number;
}

export const DEFAULT_MAX_EXCERPTS = 5;
export const DEFAULT_SILENCE_MS = 3_600_000;

/** Status from the pulls and the firewall's lines (docs/diagnosis.md, "Status"). */
export function statusOf(f: Facts, thresholdMs: number): { status: DiagnosisStatus; offlineAt?: number; timeLeftMs?: number } {
  if (f.lastSuccess === undefined) return { status: 'offline' };
  const offlineAt = f.lastSuccess + thresholdMs;
  if (f.now - f.lastSuccess > thresholdMs) return { status: 'offline', offlineAt };
  const logged = [...f.failureLogs.values(), ...(f.removals ? [f.removals] : [])].some((s) => s.last > f.lastSuccess!);
  if (f.failureCount > 0 || logged) return { status: 'degraded', offlineAt, timeLeftMs: offlineAt - f.now };
  return { status: 'online' };
}

function missingEvidence(f: Facts, evidence: Evidence, status: DiagnosisStatus): string[] {
  const missing: string[] = [];
  const guide = guideFor(evidence.integration.vendor, f.pfblockerng);
  for (const d of f.devices) {
    if (d.syslogCount === 0) missing.push(`${d.label} sends no syslog to pullwatch (none since ${formatTime(f.from)}): its own log would say why`);
  }
  if (f.lastSuccess === undefined && f.lastAttempt === undefined) {
    missing.push(`no pull from this integration in the last ${formatDuration(f.windowMs)}: pullwatch has never seen it pull`);
  }
  if (status !== 'online' && f.liveness !== 'none' && f.devices.every((d) => d.feedEventCount === 0)) {
    missing.push(`no feed lines from ${joinAnd(f.devices.filter((d) => d.syslogCount > 0).map((d) => d.label))}: if they are not forwarded, ${guide.logForwarding}`);
  }
  const stillPulls = f.lastAttempt !== undefined && f.lastSuccess !== undefined && f.lastAttempt > f.lastSuccess;
  if (f.liveness === 'silent' && stillPulls && f.lastSyslog !== undefined) {
    missing.push(`the devices stopped sending syslog at ${formatTime(f.lastSyslog)} while the firewall still pulls: check its syslog forwarding`);
  }
  return missing;
}

function excerptsFor(evidence: Evidence, primary: RankedCause, max: number): Excerpt[] {
  const ranked: Array<{ e: Excerpt; rank: number }> = [];
  for (const d of evidence.devices) {
    for (const g of d.feed_events) {
      const removal = g.event === 'feed_removed' || g.event === 'feed_disabled';
      const matches = g.category === primary.category || (removal && primary.category === 'rule_removed_or_disabled');
      const rank = matches ? 0 : g.event === 'fetch_failed' || removal ? 1 : 2;
      for (const e of g.excerpts) ranked.push({ e: { ...e, device: e.device ?? d.label }, rank });
    }
  }
  const seen = new Set<string>();
  const picked: Excerpt[] = [];
  ranked.sort((a, b) => a.rank - b.rank || Date.parse(b.e['@timestamp']) - Date.parse(a.e['@timestamp']));
  for (const { e } of ranked) {
    const key = `${e['@timestamp']}|${e.device ?? ''}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(e);
    if (picked.length >= max) break;
  }
  return picked.sort((a, b) => Date.parse(b['@timestamp']) - Date.parse(a['@timestamp']));
}

const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

/**
 * Diagnoses one integration from its evidence: status, ranked causes, the evidence quoted,
 * timeline, the vendor's remediation and how to verify it, and a summary sentence. Pure.
 */
export function diagnose(evidence: Evidence, opts: DiagnoseOptions): Diagnosis {
  const f = factsOf(evidence, opts.silenceMs ?? DEFAULT_SILENCE_MS);
  const { status, offlineAt, timeLeftMs } = statusOf(f, opts.thresholdMs);
  const integration = evidence.integration;
  const maxAlternatives = opts.maxAlternatives ?? 5;
  const missing = missingEvidence(f, evidence, status);

  let primary: RankedCause;
  let alternatives: RankedCause[];
  if (status === 'online') {
    const at = f.lastSuccess !== undefined ? `last successful pull at ${formatTime(f.lastSuccess)}${f.successSource ? ` from ${f.successSource}` : ''}` : '';
    primary = { category: 'unknown', confidence: 0, reasons: [`pulling normally: ${at}`] };
    alternatives = [];
  } else {
    const ranked = rankCauses(f).map(toRanked);
    const best = ranked[0];
    if (best !== undefined && best.confidence >= UNKNOWN_BELOW) {
      primary = best;
      alternatives = ranked.slice(1).filter((c) => c.confidence >= MIN_ALTERNATIVE).slice(0, maxAlternatives);
    } else {
      const why = best !== undefined ? `no cause has enough support (the best, ${best.category}, has ${best.confidence})` : 'no evidence points to a cause';
      primary = { category: 'unknown', confidence: 0, reasons: [why, ...missing] };
      alternatives = ranked.filter((c) => c.confidence >= MIN_ALTERNATIVE).slice(0, maxAlternatives);
    }
  }

  // Timeline: first failure from the pulls or the firewall's lines after the last success.
  let firstFailure = f.firstFailure?.at;
  if (status !== 'online') {
    for (const sig of [...f.failureLogs.values(), ...(f.removals ? [f.removals] : [])]) {
      if (f.lastSuccess === undefined || sig.last > f.lastSuccess) {
        const first = f.lastSuccess === undefined ? sig.first : Math.max(sig.first, f.lastSuccess);
        firstFailure = Math.min(firstFailure ?? first, first);
      }
    }
  } else {
    firstFailure = undefined;
  }

  // A change of the feed on the firewall shortly before the failures started is worth saying.
  if (f.changes !== undefined && firstFailure !== undefined && primary.category !== 'unknown') {
    const c = f.changes;
    const changeAt = [c.last, c.first].find((t) => t <= firstFailure! + 300_000 && t >= firstFailure! - 3_600_000);
    if (changeAt !== undefined) primary.reasons.push(`the feed was changed on ${joinAnd(c.devices)} at ${formatTime(changeAt)}, just before the failures started`);
  }

  const egress =
    integration.egress_ips?.length
      ? joinAnd(integration.egress_ips)
      : f.successSource ??
        evidence.pulls.by_source[0]?.ip ??
        (integration.devices.map((d) => d.address).filter((a): a is string => a !== undefined).join(', ') || "the firewall's address");
  const ctx: RemediationContext = {
    vendor: integration.vendor,
    cause: primary.category,
    integrationId: integration.id,
    feed: integration.feed?.name ?? '<feed name>',
    url: f.url,
    host: f.host,
    path: f.expectedPath,
    egress,
    pfblockerng: f.pfblockerng,
  };

  const diagnosis: Diagnosis = {
    integration: { id: integration.id, name: integration.name, vendor: integration.vendor },
    devices: integration.devices,
    status,
    generated_at: evidence.now,
    window: evidence.window,
    primary: { ...primary, confidence: roundConfidence(primary.confidence) },
    alternatives,
    evidence: {
      pulls: evidence.pulls,
      devices: evidence.devices.map((d) => ({
        label: d.label,
        syslog: d.syslog,
        feed_events: d.feed_events.map(({ excerpts: _excerpts, ...rest }) => rest),
      })),
      excerpts: excerptsFor(evidence, primary, opts.maxExcerpts ?? DEFAULT_MAX_EXCERPTS),
      missing,
    },
    timeline: {},
    summary: summarize({
      f,
      status,
      primary,
      name: integration.name,
      vendor: VENDOR_LABELS[integration.vendor],
      ...(timeLeftMs !== undefined ? { timeLeftMs } : {}),
      ...(firstFailure !== undefined ? { firstFailure } : {}),
      missing,
      alternatives,
    }),
    remediation: status === 'online' ? [] : remediationFor(ctx),
    verify: status === 'online' ? [] : verifyFor(ctx),
  };
  const lastSuccess = iso(f.lastSuccess);
  if (lastSuccess !== undefined) diagnosis.timeline.last_successful_pull = lastSuccess;
  const ff = iso(firstFailure);
  if (ff !== undefined) diagnosis.timeline.first_failure = ff;
  if (status !== 'online' && offlineAt !== undefined) diagnosis.timeline.offline_at = iso(offlineAt)!;
  if (status === 'degraded' && timeLeftMs !== undefined) diagnosis.time_left_ms = timeLeftMs;
  return diagnosis;
}
