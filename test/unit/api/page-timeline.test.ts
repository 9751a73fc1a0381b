import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMELINE_BUCKETS, buildApi, type ApiApp } from '@pullwatch/api';
import type { PullBucket } from '@pullwatch/ports';
import { MemoryPullTimeline } from '@pullwatch/store-memory';
import { createLogger } from '@pullwatch/telemetry';
import { seedPageWorld, type PageWorld } from '../../browser/seed.js';
import { pullTimelineContract } from '../../conformance/pull-timeline.contract.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const HOUR = 3_600_000;

// store-memory's own timeline, held to the contract every adapter meets.
pullTimelineContract('memory (MemoryPullTimeline)', async () => {
  const timeline = new MemoryPullTimeline();
  return { timeline, addPulls: async (records) => timeline.addPulls(records), cleanup: async () => {} };
});

describe('api > GET /v1/integrations/:id/pulls/timeline', () => {
  let world: PageWorld;
  let app: ApiApp;
  let lille: string;
  const url = (q = '', id = lille) => `/v1/integrations/${encodeURIComponent(id)}/pulls/timeline${q ? `?${q}` : ''}`;

  beforeAll(async () => {
    world = await seedPageWorld();
    lille = world.expected.find((e) => e.cause === 'credentials_invalid')!.integrationId;
    app = buildApi({
      registry: world.registry,
      alerts: world.alerts,
      evidence: world.evidence,
      timeline: world.timeline,
      pulls: { accept: async () => ({ rejected: [] }) },
      logger: silent,
      clock: () => world.now,
    });
  });

  it('answers the last 48 h in 1-hour buckets by default, the last one holding now', async () => {
    const res = await app.inject({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(200);
    const buckets = res.json() as PullBucket[];
    expect(buckets).toHaveLength(48);
    expect(buckets[0]!.at).toBe('2026-11-24T11:00:00.000Z');
    expect(buckets.at(-1)).toEqual({ at: '2026-11-26T10:00:00.000Z', statuses: { '401': 1 } });
    // The credentials changed at 07:05: one 200 at 07:00, then 401 every 5 minutes.
    expect(buckets.find((b) => b.at === '2026-11-26T07:00:00.000Z')!.statuses).toEqual({ '200': 1, '401': 11 });
    expect(buckets.find((b) => b.at === '2026-11-26T06:00:00.000Z')!.statuses).toEqual({ '200': 12 });
    // The scenario's pulls start at 2026-11-25 10:00: nothing before.
    expect(buckets.filter((b) => Object.keys(b.statuses).length === 0).map((b) => b.at)).toHaveLength(23);
  });

  it('takes from, to (with any zone) and the bucket width', async () => {
    const res = await app.inject({ method: 'GET', url: url('from=2026-11-26T08:00:00%2B01:00&to=2026-11-26T09:59:59.999Z&bucket=30m') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { at: '2026-11-26T07:00:00.000Z', statuses: { '200': 1, '401': 5 } },
      { at: '2026-11-26T07:30:00.000Z', statuses: { '401': 6 } },
      { at: '2026-11-26T08:00:00.000Z', statuses: { '401': 6 } },
      { at: '2026-11-26T08:30:00.000Z', statuses: { '401': 6 } },
      { at: '2026-11-26T09:00:00.000Z', statuses: { '401': 6 } },
      { at: '2026-11-26T09:30:00.000Z', statuses: { '401': 6 } },
    ]);
    const day = (await app.inject({ method: 'GET', url: url('bucket=1d&from=2026-11-25T00:00:00Z') })).json() as PullBucket[];
    expect(day.map((b) => b.at)).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-26T00:00:00.000Z']);
    const ms = (await app.inject({ method: 'GET', url: url(`bucket=${6 * HOUR}`) })).json() as PullBucket[];
    expect(ms).toHaveLength(8);
    const one = (await app.inject({ method: 'GET', url: url('from=2026-11-26T10:00:00Z&to=2026-11-26T10:00:00Z') })).json() as PullBucket[];
    expect(one).toEqual([{ at: '2026-11-26T10:00:00.000Z', statuses: { '401': 1 } }]);
  });

  it('answers 400 with the issues for bad parameters, and bounds the number of buckets', async () => {
    for (const [q, path] of [
      ['bucket=500ms', 'bucket'],
      ['bucket=0', 'bucket'],
      ['bucket=1w', 'bucket'],
      ['bucket=-1h', 'bucket'],
      ['from=yesterday', 'from'],
      ['to=2026-11-26T10:00:00', 'to'],
      ['from=2026-11-26T10:00:00Z&to=2026-11-26T09:00:00Z', 'from'],
      ['bucket=1m', 'bucket'],
      [`from=2026-01-01T00:00:00Z&to=2026-11-26T00:00:00Z`, 'bucket'],
      ['step=1h', ''],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: url(q) });
      expect(res.statusCode, q).toBe(400);
      const body = res.json() as { error: string; issues: Array<{ path: string; message: string }> };
      expect(body.issues.map((i) => i.path), `${q}: ${JSON.stringify(body)}`).toEqual([path]);
    }
    const tooMany = (await app.inject({ method: 'GET', url: url('bucket=5m') })).json() as { issues: Array<{ message: string }> };
    expect(tooMany.issues[0]!.message).toContain(`more than ${MAX_TIMELINE_BUCKETS}`);
    // 48 h in 6-minute buckets is 481 buckets: allowed.
    expect((await app.inject({ method: 'GET', url: url('bucket=6m') })).statusCode).toBe(200);
  });

  it('answers 404 for an integration that is not registered', async () => {
    const res = await app.inject({ method: 'GET', url: url('', 'int-nope') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'integration "int-nope" is not registered', issues: [] });
  });

  it('answers 501 naming the missing dependency when the API runs without a PullTimeline', async () => {
    const without = buildApi({
      registry: world.registry,
      alerts: world.alerts,
      evidence: world.evidence,
      pulls: { accept: async () => ({ rejected: [] }) },
      logger: silent,
    });
    const res = await without.inject({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(501);
    expect(res.json()).toMatchObject({ error: expect.stringContaining('not available'), issues: [{ path: '' }] });
  });
});
