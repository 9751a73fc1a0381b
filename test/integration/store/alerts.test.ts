import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, FirewallVendor, RootCause } from '@pullwatch/core';
import { ElasticsearchAlertStore, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';

function alert(integrationId: string, openedAt: string, over: { vendor?: FirewallVendor; cause?: RootCause; status?: Alert['status']; updatedAt?: string } = {}): Alert {
  const vendor = over.vendor ?? 'fortigate';
  const cause = over.cause ?? 'credentials_invalid';
  const updated = over.updatedAt ?? openedAt;
  const integration = { id: integrationId, name: `Integration ${integrationId}`, vendor };
  return {
    id: `${integrationId}:${Date.parse(openedAt)}`,
    integration,
    status: over.status ?? 'open',
    state: over.status === 'resolved' ? 'resolved' : 'offline',
    opened_at: openedAt,
    updated_at: updated,
    ...(over.status === 'resolved' ? { resolved_at: updated, resolution: 'successful pull at ' + updated + ' from 192.0.2.1' } : {}),
    diagnosis: {
      integration,
      devices: [{ hostname: 'fw1' }],
      status: 'offline',
      generated_at: updated,
      window: { from: openedAt, to: updated },
      primary: { category: cause, confidence: 0.9, reasons: ['the endpoint answered 401 to every pull'] },
      alternatives: [{ category: 'unknown', confidence: 0.1, reasons: [] }],
      evidence: {
        pulls: { attempts: 3, by_status: [{ status: 401, count: 3, first: openedAt, last: updated }], by_source: [], by_path: [] },
        devices: [{ label: 'fw1', syslog: { count: 10, first: openedAt, last: updated }, feed_events: [] }],
        excerpts: [{ '@timestamp': openedAt, message: 'HTTP 401 Unauthorized', device: 'fw1' }],
        missing: [],
      },
      timeline: { last_successful_pull: openedAt },
      summary: 'The credentials were refused.',
      remediation: ['Update the password of the external resource.'],
      verify: ['A pull answered 200.'],
    },
    history: [{ at: openedAt, state: 'offline', cause, confidence: 0.9, summary: 'The credentials were refused.' }],
    origin: 'pullwatch',
  };
}

describe('store > Elasticsearch alert store', () => {
  const index = uniqueName('pullwatch-alerts');
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: 'logs-pullwatch.firewall-unused', alertsIndex: index });
  const alerts = new ElasticsearchAlertStore({ client: store.client, index });

  beforeAll(async () => {
    await store.setup();
  });

  afterAll(async () => {
    await store.client.indices.delete({ index }).catch(() => undefined);
    await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
    await store.close();
  });

  it('installs mappings for the searched fields and keeps the rest unindexed', async () => {
    const mapping = (await store.client.indices.getMapping({ index }))[index]!.mappings;
    expect(mapping.dynamic).toBe('false');
    const props = mapping.properties as Record<string, { type?: string; properties?: Record<string, { type?: string; properties?: Record<string, { type: string }> }> }>;
    expect(props.integration!.properties!.id!.type).toBe('keyword');
    expect(props.updated_at!.type).toBe('date');
    expect(props.diagnosis!.properties!.primary!.properties!.category!.type).toBe('keyword');
  });

  it('upserts idempotently by id, gets, and finds the open alert of an integration at once', async () => {
    const a = alert('int-1', '2026-11-25T10:00:00.000Z');
    await alerts.upsert(a);
    await alerts.upsert(a);
    expect(await alerts.get(a.id)).toEqual(a);
    expect(await alerts.findOpen('int-1')).toEqual(a);
    const resolved = { ...a, status: 'resolved' as const, state: 'resolved' as const, resolved_at: '2026-11-25T12:00:00.000Z', updated_at: '2026-11-25T12:00:00.000Z' };
    await alerts.upsert(resolved);
    expect(await alerts.findOpen('int-1')).toBeUndefined();
    expect(await alerts.get(a.id)).toEqual(resolved);
    expect(await alerts.get('nope')).toBeUndefined();
    expect((await alerts.list({ integrationId: 'int-1' })).map((x) => x.id)).toEqual([a.id]);
  });

  it('lists with filters (status, vendor, cause, integration), newest update first, up to the limit', async () => {
    const list = [
      alert('int-2', '2026-11-25T08:00:00.000Z', { vendor: 'panos', cause: 'tls_trust', updatedAt: '2026-11-26T08:00:00.000Z' }),
      alert('int-3', '2026-11-25T09:00:00.000Z', { vendor: 'pfsense', cause: 'firewall_offline', updatedAt: '2026-11-26T09:00:00.000Z' }),
      alert('int-4', '2026-11-25T07:00:00.000Z', { vendor: 'panos', cause: 'credentials_invalid', status: 'resolved', updatedAt: '2026-11-26T10:00:00.000Z' }),
    ];
    for (const x of list) await alerts.upsert(x);
    const ids = async (f: Parameters<ElasticsearchAlertStore['list']>[0]) => (await alerts.list(f)).map((x) => x.integration.id);
    expect(await ids({})).toEqual(['int-4', 'int-3', 'int-2', 'int-1']);
    expect(await ids({ status: 'open' })).toEqual(['int-3', 'int-2']);
    expect(await ids({ vendor: 'panos' })).toEqual(['int-4', 'int-2']);
    expect(await ids({ cause: 'credentials_invalid' })).toEqual(['int-4', 'int-1']);
    expect(await ids({ vendor: 'panos', status: 'resolved' })).toEqual(['int-4']);
    expect(await ids({ integrationId: 'int-3' })).toEqual(['int-3']);
    expect(await ids({ limit: 2 })).toEqual(['int-4', 'int-3']);
    expect(await alerts.findOpen('int-3')).toEqual(list[1]);
  });

  it('upserts many alerts in one request, visible at once', async () => {
    const many = Array.from({ length: 50 }, (_, i) => alert(`bulk-${i}`, new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString(), { vendor: 'opnsense' }));
    await alerts.upsertMany(many);
    await alerts.upsertMany([]);
    expect((await alerts.list({ vendor: 'opnsense', limit: 1000 })).map((a) => a.id)).toEqual(many.map((a) => a.id).reverse());
    expect(await alerts.findOpen('bulk-7')).toEqual(many[7]);
  });

  it('makes writes visible to searches in each refresh mode, and pages a list past 10,000', async () => {
    for (const refresh of [true, 'wait_for'] as const) {
      const other = new ElasticsearchAlertStore({ client: store.client, index, refresh });
      const a = alert(`mode-${String(refresh)}`, '2026-11-24T00:00:00.000Z');
      await other.upsert(a);
      expect(await other.findOpen(a.integration.id)).toEqual(a);
    }
    const many = Array.from({ length: 10_050 }, (_, i) => alert(`page-${i}`, '2026-11-01T00:00:00.000Z', { vendor: 'pfsense', cause: 'dns_failure' }));
    for (let i = 0; i < many.length; i += 2500) await alerts.upsertMany(many.slice(i, i + 2500));
    const listed = await alerts.list({ cause: 'dns_failure', limit: 20_000 });
    expect(listed).toHaveLength(10_050);
    expect(listed.map((a) => a.id)).toEqual(many.map((a) => a.id).sort());
    expect(await alerts.list({ cause: 'dns_failure', limit: 0 })).toEqual([]);
  });

  it('answers empty, not an error, when the index does not exist', async () => {
    const missing = new ElasticsearchAlertStore({ client: store.client, index: `${index}-missing` });
    expect(await missing.list()).toEqual([]);
    expect(await missing.findOpen('x')).toBeUndefined();
    expect(await missing.get('x')).toBeUndefined();
  });
});
