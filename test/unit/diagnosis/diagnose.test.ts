import { describe, expect, it } from 'vitest';
import type { Diagnosis, RootCause } from '@pullwatch/core';
import { diagnose, PRECEDENCE } from '@pullwatch/diagnosis';
import { DAY_MS, evidence, HOUR, h, live, type EvidenceSpec } from './evidence-builder.js';

const run = (spec: EvidenceSpec, maxExcerpts?: number): Diagnosis => diagnose(evidence(spec), { thresholdMs: DAY_MS, ...(maxExcerpts !== undefined ? { maxExcerpts } : {}) });
const alt = (d: Diagnosis, c: RootCause) => d.alternatives.find((a) => a.category === c);

describe('diagnosis > status', () => {
  it('is offline when the last success is older than the threshold, with offline_at = last success + threshold', () => {
    const d = run({ lastSuccess: -26, pulls: [{ status: 401, count: 10, first: -25.9, last: -0.2 }] });
    expect(d.status).toBe('offline');
    expect(d.timeline).toEqual({ last_successful_pull: h(-26), first_failure: h(-25.9), offline_at: h(-2) });
    expect(d.time_left_ms).toBeUndefined();
  });

  it('is offline with no success in the look-back, and has no offline_at then', () => {
    const d = run({ pulls: [{ status: 401, count: 3, first: -100, last: -1 }] });
    expect(d.status).toBe('offline');
    expect(d.timeline.offline_at).toBeUndefined();
    expect(d.summary).toMatch(/has not pulled its blocklist in the last 7 d/);
  });

  it('is degraded when pulls fail after a recent success, with the time left before offline', () => {
    const d = run({ lastSuccess: -3, pulls: [{ status: 401, count: 36, first: -2.9, last: -0.1 }] });
    expect(d.status).toBe('degraded');
    expect(d.time_left_ms).toBe(21 * HOUR);
    expect(d.timeline.offline_at).toBe(h(21));
    expect(d.summary).toContain('counts as offline in 21 h unless a pull succeeds');
  });

  it('is degraded when only the firewall logs a feed failure after the last success', () => {
    const d = run({
      lastSuccess: -1,
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'invalid_format', count: 3, first: -0.99, last: -0.98 }] }],
    });
    expect(d.status).toBe('degraded');
    expect(d.primary.category).toBe('invalid_format');
    expect(d.summary).toContain('still pulls its blocklist');
  });

  it('is online when the last pull succeeded: unknown with confidence 0, "pulling normally", no remediation', () => {
    const d = run({ lastSuccess: -0.1, devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_succeeded', count: 1, first: -0.1, last: -0.1 }] }] });
    expect(d.status).toBe('online');
    expect(d.primary).toEqual({ category: 'unknown', confidence: 0, reasons: [`pulling normally: last successful pull at 2026-11-26 09:54 UTC from 203.0.113.9`] });
    expect(d.alternatives).toEqual([]);
    expect(d.remediation).toEqual([]);
    expect(d.verify).toEqual([]);
    expect(d.summary).toBe('fw-1 (FortiGate) is pulling normally: last successful pull at 2026-11-26 09:54 UTC from 203.0.113.9.');
  });

  it('is not offline at exactly the threshold', () => {
    expect(run({ lastSuccess: -24 }).status).toBe('online');
    expect(run({ lastSuccess: -24.01 }).status).toBe('offline');
  });

  it('ignores 3xx answers (not modified): neither success nor failure', () => {
    expect(run({ lastSuccess: -2, pulls: [{ status: 304, count: 20, first: -1.9, last: -0.1 }] }).status).toBe('online');
  });
});

describe('diagnosis > causes', () => {
  it('401 after 2xx → credentials_invalid, "regenerated or changed around then"', () => {
    const d = run({ lastSuccess: -26, pulls: [{ status: 401, count: 96, first: -25.95, last: -0.2 }] });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(d.primary.confidence).toBe(0.95);
    expect(d.primary.reasons.join(' ')).toContain('the credentials were regenerated or changed around then');
    expect(d.summary).toBe(
      'fw-1 (FortiGate) has not pulled its blocklist since 2026-11-25 08:00 UTC: the endpoint answered 401 to 96 pulls from 203.0.113.9 since 08:03 — the credentials were regenerated or changed around then.',
    );
    expect(d.remediation[0]).toContain('Console → Blocklists → Integrations → select the integration (int-1) → Configuration → Refresh Credentials');
  });

  it('403 answers, and authentication failures in the log only', () => {
    expect(run({ lastSuccess: -30, pulls: [{ status: 403, count: 5, first: -29, last: -1 }] }).primary).toMatchObject({ category: 'credentials_invalid', confidence: 0.9 });
    const logs = run({ lastSuccess: -30, devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'credentials_invalid', count: 4, first: -29, last: -1 }] }] });
    expect(logs.primary).toMatchObject({ category: 'credentials_invalid', confidence: 0.8 });
    expect(logs.summary).toContain('fw-1 logged 4 authentication failures since');
  });

  it('endpoint answer and log line agreeing: corroborated', () => {
    const d = run({
      lastSuccess: -30,
      pulls: [{ status: 401, count: 50, first: -29, last: -0.5 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'credentials_invalid', count: 50, first: -29, last: -0.5 }] }],
    });
    expect(d.primary.confidence).toBe(0.99);
    expect(d.primary.reasons.some((r) => r.startsWith('corroborated by the firewall'))).toBe(true);
  });

  it.each([
    ['tls_trust', 'TLS certificate failures', "does not trust the endpoint's certificate"],
    ['dns_failure', 'DNS resolution failures', 'cannot resolve admin.api.crowdsec.net'],
    ['network_unreachable', 'connection failures', 'cannot reach admin.api.crowdsec.net on port 443'],
  ] as const)('%s in the log and no request reaching the endpoint', (category, words, meaning) => {
    const d = run({ lastSuccess: -30, devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category, count: 29, first: -29, last: -1 }] }] });
    expect(d.primary.category).toBe(category);
    expect(d.primary.confidence).toBeCloseTo(category === 'network_unreachable' ? 0.85 : 0.9);
    expect(d.primary.reasons.join(' ')).toContain('no request reached the endpoint since 2026-11-25 05:00 UTC');
    expect(d.summary).toContain(words);
    expect(d.summary).toContain('and no request has reached the endpoint since');
    expect(d.summary).toContain(meaning);
  });

  it('5xx → endpoint_error, nothing to change on the firewall', () => {
    const d = run({ lastSuccess: -27, pulls: [{ status: 503, count: 26, first: -26, last: -0.5 }, { status: 502, count: 2, first: -20, last: -19 }] });
    expect(d.primary).toMatchObject({ category: 'endpoint_error', confidence: 0.9 });
    expect(d.summary).toContain('the endpoint answered 502/503 to 28 pulls');
    expect(d.summary).toContain('not the firewall');
    expect(d.remediation[0]).toMatch(/^Nothing to change on the firewall/);
    expect(d.verify[0]).toContain('next scheduled pull');
  });

  it('404 to another path → invalid_format naming both paths', () => {
    const d = run({ lastSuccess: -26, pulls: [{ status: 404, count: 300, first: -25.9, last: -0.1, path: '/v1/integrations/int-1/contents' }] });
    expect(d.primary).toMatchObject({ category: 'invalid_format', confidence: 0.85 });
    expect(d.summary).toContain('404 to 300 pulls of /v1/integrations/int-1/contents');
    expect(d.summary).toContain('(the feed is /v1/integrations/int-1/content)');
  });

  it('a wrong path answered 401: credentials first, the wrong URL as an alternative', () => {
    const d = run({ lastSuccess: -26, pulls: [{ status: 401, count: 20, first: -25, last: -1, path: '/v1/integration/int-1/content' }] });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(alt(d, 'invalid_format')).toMatchObject({ confidence: 0.6 });
  });

  it('uses the path of the configured feed URL, without its credentials', () => {
    const d = run({
      integration: { feed: { name: 'BL', url: 'https://svc:s3cr3t@blocklists.example.net/lists/abc' } },
      lastSuccess: -26,
      pulls: [{ status: 401, count: 20, first: -25, last: -1, path: '/lists/abc' }],
    });
    expect(alt(d, 'invalid_format')).toBeUndefined();
    const text = JSON.stringify(d);
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('https://blocklists.example.net/lists/abc');
    expect(d.remediation.join(' ')).toContain('edit BL');
  });

  it('429 and other answers → download_failed', () => {
    expect(run({ lastSuccess: -26, pulls: [{ status: 429, count: 20, first: -25, last: -1 }] }).primary).toMatchObject({ category: 'download_failed', confidence: 0.5 });
  });

  it('a configuration change removing the feed, with no pull since → rule_removed_or_disabled', () => {
    const d = run({
      lastSuccess: -26.5,
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'feed_removed', category: 'rule_removed_or_disabled', rule: 'fortigate.config.external_resource.deleted', count: 1, first: -26.4, last: -26.4 }] }],
    });
    expect(d.primary).toMatchObject({ category: 'rule_removed_or_disabled', confidence: 0.9 });
    expect(d.summary).toContain('fw-1 logged the feed (or the rule using it) being removed at 07:36 and no pull came since');
    expect(d.evidence.excerpts[0]?.rule).toBe('fortigate.config.external_resource.deleted');
  });

  it('a disable followed by pulls is weak: something else still pulls', () => {
    const d = run({
      lastSuccess: -26,
      pulls: [{ status: 401, count: 10, first: -20, last: -1 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'feed_disabled', category: 'rule_removed_or_disabled', count: 1, first: -25, last: -25 }] }],
    });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(alt(d, 'rule_removed_or_disabled')?.confidence).toBeCloseTo(0.85 * PRECEDENCE.pulledAfterRemoval);
  });

  it('a live device with no feed activity and no pull → rule_removed_or_disabled (silence), not firewall_offline', () => {
    const d = run({ lastSuccess: -35, devices: [{ hostname: 'fw-1', syslog: live(-35) }] });
    expect(d.primary).toMatchObject({ category: 'rule_removed_or_disabled', confidence: 0.6 });
    expect(alt(d, 'firewall_offline')).toBeUndefined();
    expect(d.evidence.missing.join(' ')).toContain('no feed lines from fw-1');
  });

  it('syslog and pulls stopping together → firewall_offline', () => {
    const d = run({ lastSuccess: -29.8, devices: [{ hostname: 'fw-1', syslog: { count: 300, first: -29.8, last: -29.75 } }] });
    expect(d.primary).toMatchObject({ category: 'firewall_offline', confidence: 0.85 });
    expect(d.summary).toContain('no syslog from fw-1 since 04:15 and no pull attempt since');
    expect(d.remediation.join(' ')).toContain('powered on');
  });

  it('no syslog at all and no pull since the last success → firewall_offline, weakly, naming what is missing', () => {
    const d = run({ lastSuccess: -31 });
    expect(d.primary).toMatchObject({ category: 'firewall_offline', confidence: 0.55 });
    expect(alt(d, 'rule_removed_or_disabled')?.confidence).toBe(0.3);
    expect(d.evidence.missing[0]).toBe('fw-1 sends no syslog to pullwatch (none since 2026-11-25 03:00 UTC): its own log would say why');
  });

  it('nothing at all in the look-back → unknown, naming the missing evidence', () => {
    const d = run({});
    expect(d.primary.category).toBe('unknown');
    expect(d.primary.confidence).toBe(0);
    expect(d.evidence.missing).toEqual([
      'fw-1 sends no syslog to pullwatch (none since 2026-11-19 10:00 UTC): its own log would say why',
      'no pull from this integration in the last 7 d: pullwatch has never seen it pull',
    ]);
    expect(d.summary).toBe(
      'fw-1 (FortiGate) has not pulled its blocklist in the last 7 d: the evidence does not point to one cause — fw-1 sends no syslog to pullwatch (none since 2026-11-19 10:00 UTC): its own log would say why.',
    );
    expect(d.alternatives.map((a) => a.category)).toEqual(['firewall_offline', 'rule_removed_or_disabled']);
    expect(d.remediation.length).toBeGreaterThan(2);
  });

  it('successful updates in the log while the endpoint sees no pull → unknown, the URL may name another integration', () => {
    const d = run({ lastSuccess: -30, devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_succeeded', count: 29, first: -29, last: -1 }] }] });
    expect(d.primary.category).toBe('unknown');
    expect(alt(d, 'invalid_format')?.reasons.join(' ')).toContain('may point to another URL or integration');
  });

  it('a download failure with no finer cause and no request: download_failed, TLS/DNS/network as alternatives', () => {
    const d = run({ vendor: 'pfsense', lastSuccess: -29, devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'download_failed', count: 28, first: -28, last: -0.5 }] }] });
    expect(d.primary).toMatchObject({ category: 'download_failed', confidence: 0.55 });
    expect(d.alternatives.map((a) => [a.category, a.confidence])).toEqual([
      ['tls_trust', 0.3],
      ['dns_failure', 0.3],
      ['network_unreachable', 0.3],
    ]);
    expect(d.remediation.join(' ')).toContain('status code 0');
  });

  it('generic download failures beside a specific cause are the same failures', () => {
    const d = run({
      lastSuccess: -29,
      devices: [
        {
          hostname: 'fw-1',
          syslog: live(),
          feed: [
            { event: 'fetch_failed', category: 'tls_trust', count: 28, first: -28, last: -0.5 },
            { event: 'fetch_failed', category: 'download_failed', count: 28, first: -28, last: -0.5 },
          ],
        },
      ],
    });
    expect(d.primary.category).toBe('tls_trust');
    expect(d.alternatives.map((a) => [a.category, a.confidence])).toEqual([['download_failed', 0.28]]);
  });

  it('quotes pfBlockerNG steps when its lines are the evidence', () => {
    const d = run({
      vendor: 'pfsense',
      lastSuccess: -29,
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'tls_trust', rule: 'pfsense.pfblockerng.curl_errno', count: 28, first: -28, last: -0.5 }] }],
    });
    expect(d.remediation.join(' ')).toContain('pfBlockerNG');
    expect(d.verify[0]).toContain('Firewall → pfBlockerNG → Update');
  });
});

describe('diagnosis > precedence (mixed evidence)', () => {
  it('TLS failures, then 401 answers: the endpoint answered after the last TLS line → credentials_invalid, TLS superseded', () => {
    const d = run({
      lastSuccess: -30,
      pulls: [{ status: 401, count: 26, first: -26, last: -0.5 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'tls_trust', count: 3, first: -29, last: -27 }] }],
    });
    expect(d.primary.category).toBe('credentials_invalid');
    const tls = alt(d, 'tls_trust')!;
    expect(tls.confidence).toBeCloseTo(0.8 * PRECEDENCE.answeredAfterLog);
    expect(tls.reasons.join(' ')).toContain('superseded: the endpoint answered a pull at 2026-11-26 09:30 UTC');
  });

  it('401 answers, then TLS failures with no request since → tls_trust, credentials next (older)', () => {
    const d = run({
      lastSuccess: -30,
      pulls: [{ status: 401, count: 3, first: -29, last: -27 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'tls_trust', count: 26, first: -26, last: -0.5 }] }],
    });
    expect(d.primary).toMatchObject({ category: 'tls_trust', confidence: 0.9 });
    const creds = alt(d, 'credentials_invalid')!;
    expect(creds.confidence).toBeCloseTo(0.95 * PRECEDENCE.older);
    expect(creds.reasons.at(-1)).toMatch(/^older than the TLS certificate failures logged since then/);
  });

  it('TLS lines interleaved with 401 answers: the endpoint answer is the stronger evidence', () => {
    const d = run({
      lastSuccess: -30,
      pulls: [{ status: 401, count: 20, first: -29, last: -1 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'fetch_failed', category: 'tls_trust', count: 20, first: -28, last: -2 }] }],
    });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(alt(d, 'tls_trust')?.reasons.join(' ')).toContain('superseded');
  });

  it('5xx that stopped before 401s started is superseded by the newer answers', () => {
    const d = run({ lastSuccess: -30, pulls: [{ status: 503, count: 10, first: -29, last: -20 }, { status: 401, count: 10, first: -19, last: -1 }] });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(alt(d, 'endpoint_error')?.confidence).toBeCloseTo(0.9 * PRECEDENCE.supersededAnswer);
  });

  it('a removal after 401 answers, with no pull since → rule_removed_or_disabled, credentials older', () => {
    const d = run({
      lastSuccess: -30,
      pulls: [{ status: 401, count: 10, first: -29, last: -20 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'feed_removed', category: 'rule_removed_or_disabled', count: 1, first: -19, last: -19 }] }],
    });
    expect(d.primary).toMatchObject({ category: 'rule_removed_or_disabled', confidence: 0.9 });
    expect(alt(d, 'credentials_invalid')?.confidence).toBeCloseTo(0.95 * PRECEDENCE.older);
  });

  it('TLS failures, then the device goes silent → firewall_offline, TLS older', () => {
    const d = run({
      lastSuccess: -30,
      devices: [{ hostname: 'fw-1', syslog: { count: 100, first: -30, last: -10 }, feed: [{ event: 'fetch_failed', category: 'tls_trust', count: 19, first: -29, last: -11 }] }],
    });
    expect(d.primary).toMatchObject({ category: 'firewall_offline', confidence: 0.85 });
    expect(alt(d, 'tls_trust')?.confidence).toBe(0.68); // 0.9 × PRECEDENCE.older, rounded
  });

  it('a feed change just before the failures is named', () => {
    const d = run({
      lastSuccess: -26,
      pulls: [{ status: 404, count: 20, first: -25.9, last: -1 }],
      devices: [{ hostname: 'fw-1', syslog: live(), feed: [{ event: 'feed_changed', count: 1, first: -25.95, last: -25.95 }] }],
    });
    expect(d.primary.reasons.at(-1)).toBe('the feed was changed on fw-1 at 2026-11-25 08:03 UTC, just before the failures started');
  });

  it('a device that stops sending syslog while it still pulls is not offline', () => {
    const d = run({ lastSuccess: -30, pulls: [{ status: 401, count: 20, first: -29, last: -0.5 }], devices: [{ hostname: 'fw-1', syslog: { count: 10, first: -30, last: -20 } }] });
    expect(d.primary.category).toBe('credentials_invalid');
    expect(alt(d, 'firewall_offline')).toBeUndefined();
    expect(d.evidence.missing.join(' ')).toContain('stopped sending syslog at 2026-11-25 14:00 UTC while the firewall still pulls');
  });
});

describe('diagnosis > output', () => {
  it('quotes up to maxExcerpts lines, the primary cause first, newest first', () => {
    const d = run(
      {
        lastSuccess: -30,
        pulls: [{ status: 401, count: 20, first: -29, last: -0.5 }],
        devices: [
          {
            hostname: 'fw-1',
            syslog: live(),
            feed: [
              { event: 'fetch_failed', category: 'credentials_invalid', count: 5, first: -29, last: -3, message: 'creds' },
              { event: 'fetch_failed', category: 'tls_trust', count: 1, first: -2, last: -2, message: 'tls' },
              { event: 'feed_changed', count: 1, first: -1, last: -1, message: 'changed' },
            ],
          },
        ],
      },
      2,
    );
    expect(d.evidence.excerpts.map((e) => e.message)).toEqual(['tls', 'creds']);
    expect(d.evidence.devices[0]!.feed_events[0]).not.toHaveProperty('excerpts');
  });

  it('fills every placeholder of the remediation and verify texts, and names the egress address', () => {
    for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense'] as const) {
      const d = run({ vendor, lastSuccess: -26, pulls: [{ status: 401, count: 3, first: -25, last: -1 }] });
      const text = [...d.remediation, ...d.verify].join('\n');
      expect(text).not.toMatch(/\{[a-z]+\}/);
      expect(d.verify.join(' ')).toContain('200 pull from 203.0.113.9');
    }
  });

  it('is deterministic: the same evidence gives the same diagnosis', () => {
    const spec: EvidenceSpec = { lastSuccess: -30, pulls: [{ status: 401, count: 3, first: -29, last: -1 }], devices: [{ hostname: 'fw-1', syslog: live() }] };
    expect(run(spec)).toEqual(run(spec));
  });
});
