import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApi, type ApiApp, type StatusReport } from '@pullwatch/api';
import type { Integration } from '@pullwatch/core';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';
import { seedPageWorld, type PageWorld } from '../../browser/seed.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const HOUR = 3_600_000;

/** A fifth integration that pulls fine (no alert), beside the four of the page's world. */
const healthy: Integration = { id: 'int-healthy', name: 'fw-angers-01', vendor: 'fortigate', devices: [{ hostname: 'fw-angers-01' }] };

describe('api > GET /v1/status', () => {
  let world: PageWorld;
  let app: ApiApp;

  beforeAll(async () => {
    world = await seedPageWorld();
    await world.registry.put(healthy);
    const at = world.now.getTime() - 2 * HOUR;
    world.evidence.addPulls([{ '@timestamp': new Date(at).toISOString(), integration: { id: healthy.id }, source: { ip: '192.0.2.80' }, http: { response: { status_code: 200 } } }]);
    app = buildApi({
      registry: world.registry,
      alerts: world.alerts,
      evidence: world.evidence,
      pulls: { accept: async () => ({ rejected: [] }) },
      logger: silent,
      clock: () => world.now,
    });
  });

  it('lists every integration with its state, the open alert, the last successful pull and the counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/status' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as StatusReport;
    expect(body.generated_at).toBe('2026-11-26T10:00:00.000Z');
    expect(body.counts).toEqual({ pulling: 1, degraded: 1, offline: 3 });
    expect(body.count).toBe(5);
    // Offline first, then degraded, then pulling; by name within a state.
    expect(body.integrations.map((i) => [i.name, i.state])).toEqual([
      ['opn-pau-01', 'offline'],
      ['pa-marseille-01', 'offline'],
      ['pfs-brest-01', 'offline'],
      ['fw-lille-02', 'degraded'],
      ['fw-angers-01', 'pulling'],
    ]);

    for (const e of world.expected) {
      const s = body.integrations.find((i) => i.id === e.integrationId)!;
      const alert = (await world.alerts.findOpen(e.integrationId))!;
      expect(s.vendor).toBe(e.vendor);
      expect(s.devices.length).toBeGreaterThan(0);
      expect(s.alert).toMatchObject({ id: alert.id, state: e.state, cause: e.cause, confidence: alert.diagnosis.primary.confidence, summary: alert.diagnosis.summary });
    }
    const lille = body.integrations.find((i) => i.name === 'fw-lille-02')!;
    expect(lille.alert!.time_left_ms).toBe(21 * HOUR);
    expect(lille.alert!.offline_at).toBe('2026-11-27T07:00:00.000Z');
    expect(lille.last_successful_pull).toBe('2026-11-26T07:00:00.000Z');
    expect(lille.last_attempt).toBe('2026-11-26T10:00:00.000Z');
    expect(body.integrations.find((i) => i.name === 'pfs-brest-01')!.alert!.time_left_ms).toBeUndefined();

    const fine = body.integrations.find((i) => i.id === healthy.id)!;
    expect(fine).toEqual({ ...healthy, state: 'pulling', last_successful_pull: '2026-11-26T08:00:00.000Z', last_attempt: '2026-11-26T08:00:00.000Z' });
  });

  it('filters by vendor, cause and state; the counts stay those of every integration', async () => {
    const get = async (q: string) => (await app.inject({ method: 'GET', url: `/v1/status?${q}` })).json() as StatusReport;
    const panos = await get('vendor=panos');
    expect(panos.integrations.map((i) => i.alert?.cause)).toEqual(['firewall_offline']);
    expect(panos.counts).toEqual({ pulling: 1, degraded: 1, offline: 3 });
    expect((await get('cause=tls_trust')).integrations.map((i) => i.vendor)).toEqual(['pfsense']);
    expect((await get('state=pulling')).integrations.map((i) => i.id)).toEqual([healthy.id]);
    expect((await get('vendor=fortigate&state=degraded')).integrations.map((i) => i.name)).toEqual(['fw-lille-02']);
    expect((await get('vendor=fortigate&cause=dns_failure')).count).toBe(0);
  });

  it('answers 400 with the issues for a bad query', async () => {
    for (const [q, path] of [
      ['vendor=cisco', 'vendor'],
      ['cause=bad_luck', 'cause'],
      ['state=resolved', 'state'],
      ['limit=3', ''],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/v1/status?${q}` });
      expect(res.statusCode, q).toBe(400);
      const body = res.json() as { error: string; issues: Array<{ path: string }> };
      expect(body.error).toBe('invalid query');
      expect(body.issues.map((i) => i.path), q).toEqual([path]);
    }
  });

  it('answers zero counts and no integration for an empty registry', async () => {
    const empty = buildApi({
      registry: new MemoryIntegrationRegistry(),
      alerts: new MemoryAlertStore(),
      evidence: new MemoryEvidenceSource(),
      pulls: { accept: async () => ({ rejected: [] }) },
      logger: silent,
      clock: () => world.now,
    });
    expect((await empty.inject({ method: 'GET', url: '/v1/status' })).json()).toEqual({
      generated_at: '2026-11-26T10:00:00.000Z',
      counts: { pulling: 0, degraded: 0, offline: 0 },
      integrations: [],
      count: 0,
    });
  });
});
