import { describe, expect, it } from 'vitest';
import { shardOf } from '@pullwatch/ports';
import { runDiagnosis, diagnoseOne } from '@pullwatch/diagnose';
import { HOUR, T0, at, integration, lines, pulls, world } from './helpers.js';

const settings = { thresholdMs: 24 * HOUR, lookbackMs: 7 * 24 * HOUR };

describe('diagnose > runDiagnosis', () => {
  it('opens, updates on a state change, updates on a cause change, and resolves on a successful pull', async () => {
    const w = world([integration('a')]);
    const deps = (now: number) => ({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(now), ...settings });
    w.source.addPulls(pulls('a', T0 - 48 * HOUR, T0 - 3 * HOUR, 200));
    w.source.addPulls(pulls('a', T0 - 2.5 * HOUR, T0, 401));
    w.source.addEvents(lines('fw-a', T0 - 48 * HOUR, T0));

    // 1. Degraded: 401 for 2.5 h of 24 h.
    expect(await runDiagnosis(deps(T0))).toEqual({ checked: 1, online: 0, degraded: 1, offline: 0, opened: 1, updated: 0, resolved: 0 });
    const id = `a:${T0}`;
    let alert = (await w.alerts.get(id))!;
    expect(alert).toMatchObject({ status: 'open', state: 'degraded', origin: 'pullwatch', opened_at: at(T0).toISOString() });
    expect(alert.diagnosis.primary.category).toBe('credentials_invalid');
    expect(alert.diagnosis.time_left_ms).toBe(21 * HOUR);
    expect(alert.history).toHaveLength(1);

    // 2. Idempotent: the same run again changes and publishes nothing.
    expect(await runDiagnosis(deps(T0))).toMatchObject({ opened: 0, updated: 0, resolved: 0, degraded: 1 });
    expect(w.sink.changes()).toEqual([`opened ${id}`]);

    // 3. Offline 22 h later: same cause, new state → updated.
    const t1 = T0 + 22 * HOUR;
    w.source.addPulls(pulls('a', T0 + 0.5 * HOUR, t1, 401));
    w.source.addEvents(lines('fw-a', T0, t1));
    expect(await runDiagnosis(deps(t1))).toMatchObject({ offline: 1, updated: 1 });
    alert = (await w.alerts.get(id))!;
    expect(alert.state).toBe('offline');
    expect(alert.history.map((e) => [e.state, e.cause])).toEqual([
      ['degraded', 'credentials_invalid'],
      ['offline', 'credentials_invalid'],
    ]);

    // 4. An hour later, nothing new to say: left alone.
    w.source.addPulls(pulls('a', t1 + 0.5 * HOUR, t1 + HOUR, 401));
    expect(await runDiagnosis(deps(t1 + HOUR))).toMatchObject({ offline: 1, opened: 0, updated: 0, resolved: 0 });

    // 5. The pulls stop and the firewall logs TLS failures: the cause changes → updated.
    const t2 = t1 + 4 * HOUR;
    w.source.addEvents(lines('fw-a', t1 + 1.5 * HOUR, t2, { event: 'fetch_failed', category: 'tls_trust' }));
    w.source.addEvents(lines('fw-a', t1 + HOUR, t2));
    expect(await runDiagnosis(deps(t2))).toMatchObject({ offline: 1, updated: 1 });
    alert = (await w.alerts.get(id))!;
    expect(alert.diagnosis.primary.category).toBe('tls_trust');
    expect(alert.history.at(-1)).toMatchObject({ state: 'offline', cause: 'tls_trust' });

    // 6. A successful pull: resolved, saying when and from where.
    const t3 = t2 + HOUR;
    w.source.addPulls(pulls('a', t2 + 0.5 * HOUR, t2 + 0.5 * HOUR, 200));
    expect(await runDiagnosis(deps(t3))).toMatchObject({ online: 1, resolved: 1 });
    alert = (await w.alerts.get(id))!;
    expect(alert).toMatchObject({ status: 'resolved', state: 'resolved', resolved_at: at(t3).toISOString(), resolution: 'successful pull at 2026-11-27 12:30 UTC from 203.0.113.9' });
    expect(alert.history).toHaveLength(4);
    expect(w.sink.changes()).toEqual([`opened ${id}`, `updated ${id}`, `updated ${id}`, `resolved ${id}`]);
    expect(await w.alerts.findOpen('a')).toBeUndefined();

    // 7. Resolved stays resolved; a new failure opens a new episode.
    expect(await runDiagnosis(deps(t3))).toMatchObject({ online: 1, opened: 0, updated: 0, resolved: 0 });
    const t4 = t3 + 2 * HOUR;
    w.source.addPulls(pulls('a', t3 + HOUR, t4, 503));
    expect(await runDiagnosis(deps(t4))).toMatchObject({ degraded: 1, opened: 1 });
    expect((await w.alerts.findOpen('a'))?.id).toBe(`a:${t4}`);
    expect((await w.alerts.findOpen('a'))?.diagnosis.primary.category).toBe('endpoint_error');
  });

  it('makes one batched gather call for every integration of the shard, and no query per integration', async () => {
    const ids = ['ok1', 'ok2', 'bad', 'gone', 'healed'];
    const w = world(ids.map((i) => integration(i)));
    w.source.addPulls(pulls('ok1', T0 - 30 * HOUR, T0, 200));
    w.source.addPulls(pulls('ok2', T0 - 30 * HOUR, T0 - HOUR, 200));
    w.source.addPulls(pulls('bad', T0 - 30 * HOUR, T0 - 26 * HOUR, 200));
    w.source.addPulls(pulls('healed', T0 - 30 * HOUR, T0, 200));
    await w.alerts.upsert({ ...(await openAlertFor('healed')) });
    const result = await runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), ...settings });
    expect(result).toEqual({ checked: 5, online: 3, degraded: 0, offline: 2, opened: 2, updated: 0, resolved: 1 });
    expect(w.evidence.summaries).toBe(0);
    expect(w.evidence.gathers.map((g) => [...g].sort())).toEqual([[...ids].sort()]);
  });

  it('warns early: pulls still look fine, but the firewall logs TLS failures since the last one → degraded on the next run', async () => {
    const w = world([integration('tls')]);
    w.source.addPulls(pulls('tls', T0 - 30 * HOUR, T0 - HOUR, 200));
    w.source.addEvents(lines('fw-tls', T0 - 30 * HOUR, T0));
    w.source.addEvents(lines('fw-tls', T0 - 0.5 * HOUR, T0, { event: 'fetch_failed', category: 'tls_trust' }, 15 * 60_000));
    const result = await runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), ...settings });
    expect(result).toMatchObject({ degraded: 1, opened: 1 });
    const alert = (await w.alerts.findOpen('tls'))!;
    expect(alert.diagnosis.primary.category).toBe('tls_trust');
    expect(alert.diagnosis.time_left_ms).toBe(23 * HOUR);
  });

  it('splits the integrations over shards with shardOf: every one is checked by exactly one shard', async () => {
    const ids = Array.from({ length: 12 }, (_, n) => `int-${n}`);
    const w = world(ids.map((i) => integration(i)));
    let checked = 0;
    for (let index = 0; index < 3; index++) {
      const r = await runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), shard: { index, count: 3 }, ...settings });
      checked += r.checked;
      expect(r.opened).toBe(ids.filter((i) => shardOf(i, 3) === index).length);
    }
    expect(checked).toBe(12);
    const open = await w.alerts.list({ status: 'open' });
    expect(open.map((a) => a.integration.id).sort()).toEqual([...ids].sort());
    await expect(runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), shard: { index: 3, count: 3 }, ...settings })).rejects.toThrow(RangeError);
  });

  it('keeps the alert when a destination fails, and logs the failure', async () => {
    const w = world([integration('a')]);
    w.sink.fail = true;
    const warnings: unknown[] = [];
    const logger = { info: () => {}, warn: (obj: unknown) => void warnings.push(obj) } as never;
    const r = await runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), logger, ...settings });
    expect(r.opened).toBe(1);
    expect(await w.alerts.findOpen('a')).toBeDefined();
    expect(warnings).toHaveLength(1);
  });

  it('diagnoses one integration on demand, whatever its summary says', async () => {
    const w = world([integration('a')]);
    w.source.addPulls(pulls('a', T0 - 2 * HOUR, T0, 200));
    const d = await diagnoseOne({ registry: w.registry, evidence: w.evidence, now: at(T0), ...settings }, 'a');
    expect(d?.status).toBe('online');
    expect(await diagnoseOne({ registry: w.registry, evidence: w.evidence, now: at(T0), ...settings }, 'nope')).toBeUndefined();
  });
});

async function openAlertFor(id: string) {
  const w = world([integration(id)]);
  await runDiagnosis({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0 - 30 * HOUR), ...settings });
  return (await w.alerts.findOpen(id))!;
}
