import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Integration } from '@pullwatch/core';
import { ElasticsearchIntegrationRegistry, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';

const integration = (id: string, over: Partial<Integration> = {}): Integration => ({
  id,
  name: `Firewall ${id}`,
  vendor: 'panos',
  devices: [{ hostname: `fw-${id}`, serial: '0123456789', address: '192.0.2.1' }],
  egress_ips: ['198.51.100.9'],
  feed: { name: 'crowdsec-edl', url: `https://admin.api.crowdsec.net/v1/integrations/${id}/content` },
  ...over,
});

describe('store > Elasticsearch integrations registry', () => {
  const index = uniqueName('pullwatch-integrations');
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: 'logs-pullwatch.firewall-unused', integrationsIndex: index });
  const registry = new ElasticsearchIntegrationRegistry({ client: store.client, index, pageSize: 3 });

  beforeAll(async () => {
    await store.setup();
  });

  afterAll(async () => {
    await store.client.indices.delete({ index }).catch(() => undefined);
    await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
    await store.close();
  });

  it('is created empty by setup, with its mappings; setup is idempotent', async () => {
    expect(await registry.list()).toEqual([]);
    await registry.setup();
    const mapping = (await store.client.indices.getMapping({ index }))[index]!.mappings;
    expect(mapping.dynamic).toBe('false');
    expect((mapping.properties!.id as { type: string }).type).toBe('keyword');
  });

  it('puts (created, then updated), gets, lists sorted by id across pages, and deletes; reads see writes at once', async () => {
    expect(await registry.put(integration('b'))).toBe('created');
    expect(await registry.put(integration('a:1'))).toBe('created');
    expect(await registry.get('b')).toEqual(integration('b'));
    const changed = integration('b', { name: 'Renamed', vendor: 'fortigate', devices: [{ address: '192.0.2.2' }] });
    delete changed.egress_ips;
    expect(await registry.put(changed)).toBe('updated');
    expect(await registry.get('b')).toEqual(changed);
    for (const id of ['e', 'd', 'c', 'f', 'g']) await registry.put(integration(id));
    expect((await registry.list()).map((i) => i.id)).toEqual(['a:1', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect((await registry.list()).find((i) => i.id === 'b')).toEqual(changed);
    expect(await registry.delete('c')).toBe(true);
    expect(await registry.delete('c')).toBe(false);
    expect(await registry.get('c')).toBeUndefined();
    expect(await registry.get('never-there')).toBeUndefined();
    expect((await registry.list()).map((i) => i.id)).toEqual(['a:1', 'b', 'd', 'e', 'f', 'g']);
  });

  it('puts many integrations in one request (an import), saying which were new', async () => {
    const batch = [integration('g'), integration('h'), integration('i')];
    expect(await registry.putMany(batch)).toEqual(['updated', 'created', 'created']);
    expect((await registry.list()).map((i) => i.id)).toEqual(['a:1', 'b', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('answers empty, not an error, when the index does not exist', async () => {
    const missing = new ElasticsearchIntegrationRegistry({ client: store.client, index: `${index}-missing` });
    expect(await missing.list()).toEqual([]);
    expect(await missing.get('x')).toBeUndefined();
    expect(await missing.delete('x')).toBe(false);
  });
});
