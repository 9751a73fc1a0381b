import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApi, type ApiApp, type PullIntake } from '@pullwatch/api';
import type { Alert, Integration, PullRecord } from '@pullwatch/core';
import type { AlertChange, AlertSink } from '@pullwatch/ports';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';
import { sampleAlert } from '../alert-sinks/fixtures.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const NOW = new Date('2026-11-26T12:00:00.000Z');
const HOUR = 3_600_000;

const paris: Integration = {
  id: 'int-paris',
  name: 'Paris FortiGate',
  vendor: 'fortigate',
  devices: [{ hostname: 'fw-paris-01', address: '192.0.2.10' }],
};

const pull = (id: string, at: number, status: number, ip = '192.0.2.10'): PullRecord => ({
  '@timestamp': new Date(at).toISOString(),
  integration: { id },
  source: { ip },
  http: { request: { method: 'GET' }, response: { status_code: status } },
  url: { path: `/v1/integrations/${id}/content` },
});

interface Harness {
  app: ApiApp;
  registry: MemoryIntegrationRegistry;
  alerts: MemoryAlertStore;
  evidence: MemoryEvidenceSource;
  published: Array<[Alert, AlertChange]>;
  checks: Record<string, () => Promise<unknown>>;
}

function harness(opts: { bodyLimitBytes?: number; pullsBodyLimitBytes?: number } = {}): Harness {
  const registry = new MemoryIntegrationRegistry();
  const alerts = new MemoryAlertStore();
  const evidence = new MemoryEvidenceSource();
  const published: Array<[Alert, AlertChange]> = [];
  const sink: AlertSink = { publish: async (a, c) => void published.push([a, c]) };
  // Pulls posted to the API become evidence at once, as the store would make them.
  const pulls: PullIntake = { accept: async (records) => (evidence.addPulls(records.map((r) => r.doc)), { rejected: [] }) };
  const checks: Record<string, () => Promise<unknown>> = { elasticsearch: async () => true };
  const app = buildApi({ registry, alerts, evidence, pulls, sink, logger: silent, clock: () => NOW, checks, settings: { pullsBatchRecords: 2, ...opts } });
  return { app, registry, alerts, evidence, published, checks };
}

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describe('api > integrations', () => {
  let h: Harness;
  beforeEach(() => void (h = harness()));

  it('creates, reads, lists, replaces and deletes an integration', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/v1/integrations', payload: paris });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/integrations/int-paris');
    expect((await h.app.inject({ method: 'GET', url: '/v1/integrations/int-paris' })).json()).toEqual(paris);
    expect((await h.app.inject({ method: 'GET', url: '/v1/integrations' })).json()).toEqual({ integrations: [paris], count: 1 });

    const again = await h.app.inject({ method: 'POST', url: '/v1/integrations', payload: paris });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ issues: [{ path: 'id', message: 'already exists' }] });

    const { id: _id, ...withoutId } = { ...paris, name: 'Paris FortiGate (HA pair)' };
    const replaced = await h.app.inject({ method: 'PUT', url: '/v1/integrations/int-paris', payload: withoutId });
    expect(replaced.statusCode).toBe(200);
    expect((await h.registry.get('int-paris'))?.name).toBe('Paris FortiGate (HA pair)');
    const put = await h.app.inject({ method: 'PUT', url: '/v1/integrations/int-lyon', payload: { ...paris, id: 'int-lyon' } });
    expect(put.statusCode).toBe(201);

    expect((await h.app.inject({ method: 'DELETE', url: '/v1/integrations/int-paris' })).statusCode).toBe(204);
    const gone = await h.app.inject({ method: 'GET', url: '/v1/integrations/int-paris' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ error: 'integration "int-paris" is not registered', issues: [] });
    expect((await h.app.inject({ method: 'DELETE', url: '/v1/integrations/int-paris' })).statusCode).toBe(404);
  });

  it('answers 400 with the zod issues for an invalid integration', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/integrations', payload: { ...paris, vendor: 'cisco', devices: [{ address: 'not-an-ip' }] } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; issues: Array<{ path: string; message: string }> };
    expect(body.error).toBe('invalid integration');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['devices.0.address', 'vendor']);
    const mismatch = await h.app.inject({ method: 'PUT', url: '/v1/integrations/int-x', payload: paris });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ issues: [{ path: 'id' }] });
  });

  it('imports an integrations file (a list), validated whole before anything is written', async () => {
    const lyon = { ...paris, id: 'int-lyon', name: 'Lyon' };
    const first = await h.app.inject({ method: 'POST', url: '/v1/integrations:import', payload: [paris, lyon] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 2, updated: 0, count: 2 });
    expect((await h.app.inject({ method: 'POST', url: '/v1/integrations:import', payload: [paris] })).json()).toEqual({ created: 0, updated: 1, count: 1 });

    const bad = await h.app.inject({ method: 'POST', url: '/v1/integrations:import', payload: [{ ...paris, id: 'int-new' }, { ...paris, id: 'int-new' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ issues: [{ path: '1.id', message: 'duplicate integration id "int-new"' }] });
    expect(await h.registry.get('int-new')).toBeUndefined();
    expect((await h.app.inject({ method: 'POST', url: '/v1/integrations:import', payload: { integrations: [] } })).statusCode).toBe(400);
  });
});

describe('api > bad requests are 4xx, never 500', () => {
  it('maps JSON parse errors, media types, sizes and unknown routes to { error, issues }', async () => {
    const h = harness({ bodyLimitBytes: 2048 });
    const cases = [
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: '{"id": ', headers: { 'content-type': 'application/json' } }, status: 400 },
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: '', headers: { 'content-type': 'application/json' } }, status: 400 },
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: 'id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415 },
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: JSON.stringify({ ...paris, name: 'x'.repeat(5000) }), headers: { 'content-type': 'application/json' } }, status: 413 },
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: '[1,2]', headers: { 'content-type': 'application/json' } }, status: 400 },
      { req: { method: 'POST' as const, url: '/v1/integrations', payload: 'null', headers: { 'content-type': 'application/json' } }, status: 400 },
      { req: { method: 'GET' as const, url: '/v1/nothing-here' }, status: 404 },
      { req: { method: 'GET' as const, url: '/v1/alerts?status=closed' }, status: 400 },
      { req: { method: 'GET' as const, url: '/v1/alerts?limit=-3' }, status: 400 },
      { req: { method: 'GET' as const, url: '/v1/alerts?stauts=open' }, status: 400 },
      { req: { method: 'POST' as const, url: '/v1/alerts', payload: { title: 'no integration' } }, status: 400 },
      { req: { method: 'POST' as const, url: '/v1/pulls', payload: '{}', headers: { 'content-type': 'application/json' } }, status: 415 },
      { req: { method: 'PUT' as const, url: '/v1/integrations/%E0%A4%A', payload: paris }, status: 400 },
    ];
    for (const c of cases) {
      const res = await h.app.inject(c.req);
      expect({ url: c.req.url, status: res.statusCode }).toEqual({ url: c.req.url, status: c.status });
      const body = res.json() as { error?: unknown; issues?: unknown };
      expect(typeof body.error, `${c.req.url}: ${res.body}`).toBe('string');
      expect(Array.isArray(body.issues), `${c.req.url}: ${res.body}`).toBe(true);
    }
  });
});

describe('api > POST /v1/pulls', () => {
  it('validates each NDJSON line, accepts the valid ones and names the rejected lines', async () => {
    const h = harness();
    const body = ndjson([
      pull('int-paris', NOW.getTime() - HOUR, 200),
      '',
      '{"@timestamp": oops',
      { ...pull('int-paris', NOW.getTime() - HOUR, 200), source: { ip: '999.1.1.1' } },
      pull('int-paris', NOW.getTime() - 2 * HOUR, 401),
      pull('int-lyon', NOW.getTime() - 2 * HOUR, 200),
    ]);
    const res = await h.app.inject({ method: 'POST', url: '/v1/pulls', payload: body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.statusCode).toBe(202);
    const answer = res.json() as { accepted: number; rejected: Array<{ line: number; issues: Array<{ path: string; message: string }> }>; rejected_count: number };
    expect(answer.accepted).toBe(3);
    expect(answer.rejected_count).toBe(2);
    expect(answer.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(answer.rejected[0]!.issues[0]!.message).toMatch(/^not JSON/);
    expect(answer.rejected[1]!.issues).toEqual([{ path: 'source.ip', message: 'must be an IPv4 or IPv6 address' }]);
    expect((await h.evidence.pullSummaries(NOW, 7 * 24 * HOUR, ['int-paris'])).get('int-paris')?.last_success).toBe(new Date(NOW.getTime() - HOUR).toISOString());
  });

  it('answers 400 when no line is valid or the body is empty, and 413 above the size limit', async () => {
    const h = harness({ pullsBodyLimitBytes: 4096 });
    const ct = { 'content-type': 'application/x-ndjson' };
    const none = await h.app.inject({ method: 'POST', url: '/v1/pulls', payload: '{"a":1}\n', headers: ct });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ accepted: 0, rejected_count: 1 });
    expect((await h.app.inject({ method: 'POST', url: '/v1/pulls', payload: '\n\n', headers: ct })).statusCode).toBe(400);
    const big = ndjson(Array.from({ length: 40 }, (_, i) => pull('int-paris', NOW.getTime() - i * 1000, 200)));
    const tooBig = await h.app.inject({ method: 'POST', url: '/v1/pulls', payload: big, headers: ct });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ error: 'the body is too large' });
  });
});

describe('api > alerts and diagnoses', () => {
  let h: Harness;
  beforeEach(async () => {
    h = harness();
    await h.registry.put(paris);
    // Paris pulled fine until 26 h ago, then got 401 every hour.
    const t0 = NOW.getTime() - 26 * HOUR;
    h.evidence.addPulls([pull('int-paris', t0, 200), ...Array.from({ length: 25 }, (_, i) => pull('int-paris', t0 + (i + 1) * HOUR, 401))]);
  });

  it('lists alerts with filters and reads one by id', async () => {
    const open = sampleAlert();
    const resolved = sampleAlert({
      id: 'int-lyon:1',
      integration: { id: 'int-lyon', name: 'Lyon', vendor: 'panos' },
      status: 'resolved',
      state: 'resolved',
      updated_at: '2026-11-26T11:00:00.000Z',
    });
    await h.alerts.upsert(open);
    await h.alerts.upsert(resolved);
    const list = async (q: string) => ((await h.app.inject({ method: 'GET', url: `/v1/alerts${q}` })).json() as { alerts: Alert[] }).alerts.map((a) => a.id);
    expect(await list('')).toEqual([resolved.id, open.id]); // newest change first
    expect(await list('?status=open')).toEqual([open.id]);
    expect(await list('?vendor=panos')).toEqual([resolved.id]);
    expect(await list('?cause=credentials_invalid&integration=int-fw-paris')).toEqual([open.id]);
    expect(await list('?cause=tls_trust')).toEqual([]);
    expect(await list('?limit=1')).toHaveLength(1);

    const one = await h.app.inject({ method: 'GET', url: `/v1/alerts/${encodeURIComponent(open.id)}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(open);
    expect((await h.app.inject({ method: 'GET', url: `/v1/alerts/${open.id}` })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/v1/alerts/nope:1' })).statusCode).toBe(404);
  });

  it('diagnoses an integration on demand', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/integrations/int-paris/diagnosis' });
    expect(res.statusCode).toBe(200);
    const d = res.json() as { status: string; primary: { category: string }; generated_at: string };
    expect(d.status).toBe('offline');
    expect(d.primary.category).toBe('credentials_invalid');
    expect((await h.app.inject({ method: 'GET', url: '/v1/integrations/int-x/diagnosis' })).statusCode).toBe(404);
  });

  it('annotates, stores and publishes an external alert; a repeat changes nothing', async () => {
    const external = { integration_id: 'int-paris', title: 'Firewall Integration Offline', raised_at: '2026-11-26T11:30:00Z', severity: 'critical' };
    const res = await h.app.inject({ method: 'POST', url: '/v1/alerts', payload: external });
    expect(res.statusCode).toBe(201);
    const { alert, change } = res.json() as { alert: Alert; change: AlertChange };
    expect(change).toBe('opened');
    expect(alert).toMatchObject({ origin: 'external', status: 'open', external: { title: 'Firewall Integration Offline' } });
    expect(alert.diagnosis.primary.category).toBe('credentials_invalid');
    expect(await h.alerts.get(alert.id)).toEqual(alert);
    expect(h.published.map(([a, c]) => [a.id, c])).toEqual([[alert.id, 'opened']]);

    const repeat = await h.app.inject({ method: 'POST', url: '/v1/alerts', payload: external });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).not.toHaveProperty('change');
    expect(h.published).toHaveLength(1);

    const unknown = await h.app.inject({ method: 'POST', url: '/v1/alerts', payload: { integration_id: 'int-nowhere' } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ issues: [{ path: 'integration_id' }] });
  });
});

describe('api > health and metrics', () => {
  it('answers /healthz 200 when every check passes, 503 when one fails', async () => {
    const h = harness();
    const ok = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, checks: { elasticsearch: { ok: true } } });
    h.checks.elasticsearch = async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9200'));
    const down = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ ok: false, checks: { elasticsearch: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:9200' } } });
  });

  it('serves Prometheus metrics, counting requests by route', async () => {
    const h = harness();
    await h.app.inject({ method: 'GET', url: '/v1/integrations' });
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/pullwatch_api_requests_total\{method="GET",route="\/v1\/integrations",status_code="200",service="api"\} 1/);
  });
});
