import { describe, expect, it } from 'vitest';
import { annotateExternalAlert, InvalidExternalAlertError, runDiagnosis, UnknownIntegrationError } from '@pullwatch/diagnose';
import { HOUR, T0, at, integration, pulls, world } from './helpers.js';

const settings = { thresholdMs: 24 * HOUR, lookbackMs: 7 * 24 * HOUR };

describe('diagnose > annotateExternalAlert', () => {
  it('attaches a diagnosis to an alert raised elsewhere, keeping what was received', async () => {
    const w = world([integration('a')]);
    w.source.addPulls(pulls('a', T0 - 40 * HOUR, T0 - 30 * HOUR, 200));
    w.source.addPulls(pulls('a', T0 - 29 * HOUR, T0, 401));
    const deps = { registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), ...settings };
    const body = { integration_id: 'a', title: 'Firewall Integration Offline', raised_at: '2026-11-26T09:30:00Z', severity: 'critical', ticket: 'INC-42' };
    const { alert, change } = await annotateExternalAlert(deps, body);
    expect(change).toBe('opened');
    expect(alert).toMatchObject({ id: `a:${Date.parse('2026-11-26T09:30:00Z')}`, origin: 'external', status: 'open', state: 'offline', external: body, opened_at: '2026-11-26T09:30:00.000Z' });
    expect(alert.diagnosis.primary.category).toBe('credentials_invalid');
    expect(alert.history[0]!.summary).toMatch(/^external alert received: Firewall Integration Offline; fw-a \(FortiGate\) has not pulled/);
    expect(await w.alerts.findOpen('a')).toEqual(alert);

    // The same alert posted again changes nothing.
    const again = await annotateExternalAlert(deps, body);
    expect(again.change).toBeUndefined();
    expect(w.sink.changes()).toEqual([`opened ${alert.id}`]);

    // The correlator takes it from there: a successful pull resolves it.
    w.source.addPulls(pulls('a', T0 + HOUR, T0 + HOUR, 200));
    const r = await runDiagnosis({ ...deps, now: at(T0 + 2 * HOUR) });
    expect(r.resolved).toBe(1);
    expect((await w.alerts.get(alert.id))?.status).toBe('resolved');
  });

  it('joins the integration\'s open alert instead of opening a second one', async () => {
    const w = world([integration('a')]);
    const deps = { registry: w.registry, evidence: w.evidence, alerts: w.alerts, sink: w.sink, now: at(T0), ...settings };
    await runDiagnosis(deps);
    const open = (await w.alerts.findOpen('a'))!;
    const { alert, change } = await annotateExternalAlert({ ...deps, now: at(T0 + HOUR) }, { integration_id: 'a', title: 'Offline' });
    expect(change).toBe('updated');
    expect(alert.id).toBe(open.id);
    expect(alert.origin).toBe('pullwatch');
    expect(alert.external).toEqual({ integration_id: 'a', title: 'Offline' });
    expect(alert.history).toHaveLength(2);
    expect(await w.alerts.list({ integrationId: 'a' })).toHaveLength(1);
  });

  it('resolves at once an alert about an integration that pulls normally', async () => {
    const w = world([integration('a')]);
    w.source.addPulls(pulls('a', T0 - 2 * HOUR, T0, 200));
    const { alert, change } = await annotateExternalAlert({ registry: w.registry, evidence: w.evidence, alerts: w.alerts, now: at(T0), ...settings }, { integration_id: 'a' });
    expect(change).toBe('resolved');
    expect(alert).toMatchObject({ status: 'resolved', state: 'resolved', resolution: 'already pulling normally: successful pull at 2026-11-26 10:00 UTC from 203.0.113.9' });
  });

  it('refuses a body without an integration id, naming the field, and an unknown integration', async () => {
    const w = world([integration('a')]);
    const deps = { registry: w.registry, evidence: w.evidence, alerts: w.alerts, now: at(T0), ...settings };
    const bad = await annotateExternalAlert(deps, { title: 'x', raised_at: 'yesterday' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidExternalAlertError);
    expect((bad as InvalidExternalAlertError).issues).toEqual([expect.stringMatching(/^integration_id: /), expect.stringMatching(/^raised_at: /)]);
    await expect(annotateExternalAlert(deps, { integration_id: 'zz' })).rejects.toBeInstanceOf(UnknownIntegrationError);
    await expect(annotateExternalAlert(deps, 'not an object')).rejects.toThrow(/Invalid external alert/);
  });
});
