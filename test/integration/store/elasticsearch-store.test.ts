import { afterAll, describe, expect, it } from 'vitest';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { startEsFaultProxy } from '../../helpers/es-fault-proxy.js';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';

const docs = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}`, doc: { '@timestamp': new Date().toISOString(), message: `store test ${tag} ${i}`, event: { original: `line ${i}` } } }));

describe('store > Elasticsearch', () => {
  const stream = `logs-pullwatch.firewall-${uniqueName('store').replace(/[^a-z0-9]/g, '')}`;
  const direct = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: stream, retryBaseMs: 20 });

  afterAll(async () => {
    await direct.client.indices.deleteDataStream({ name: stream }).catch(() => undefined);
    await direct.close();
  });

  const count = async () => {
    await direct.client.indices.refresh({ index: stream });
    return (await direct.client.count({ index: stream })).count;
  };

  it('installs its template, detects what the node lacks, and degrades', async () => {
    const features = await direct.setup();
    expect(features.ilm?.available).toBe(false);
    expect(features.field_type_wildcard?.available).toBe(false);
    const t = await direct.client.indices.getIndexTemplate({ name: 'logs-pullwatch.firewall' });
    const mappings = t.index_templates[0]!.index_template.template!.mappings!.properties!;
    expect((mappings.url as { properties: Record<string, { type: string }> }).properties.original!.type).toBe('keyword');
    expect((mappings.source as { properties: Record<string, { type: string }> }).properties.ip!.type).toBe('ip');
  });

  it('writes idempotently: a replay of the same ids is counted as duplicates, never stored twice', async () => {
    const batch = docs(50, 'idem');
    expect(await direct.write(stream, batch)).toEqual({ created: 50, duplicates: 0, rejected: [] });
    expect(await direct.write(stream, batch)).toEqual({ created: 0, duplicates: 50, rejected: [] });
    expect(await count()).toBe(50);
  });

  it('retries a bulk request refused with 429 and bulk items answered 429, and stores each document once', async () => {
    const proxy = await startEsFaultProxy(endpoints.esUrl, { bulkResponses: 2, everyNthItem: 3, rejectFirstRequest: true });
    const viaProxy = new ElasticsearchStore({ url: proxy.url, logger: silent, firewallStream: stream, retryBaseMs: 20 });
    try {
      const before = await count();
      const result = await viaProxy.write(stream, docs(90, 'overload'));
      expect(proxy.rejected).toBe(1);
      expect(proxy.tampered).toBe(2);
      // Items reported as 429 had reached the node: their retry meets a 409 and counts as a duplicate.
      expect(result.rejected).toEqual([]);
      expect(result.created + result.duplicates).toBe(90);
      expect(result.duplicates).toBeGreaterThan(0);
      expect(await count()).toBe(before + 90);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('reports documents the node refuses for good, item by item, and stores the rest', async () => {
    const batch = [...docs(3, 'mixed'), { id: 'mixed-bad', doc: { '@timestamp': 'not a time', message: 'bad' } }];
    const before = await count();
    const result = await direct.write(stream, batch);
    expect(result.created).toBe(3);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ id: 'mixed-bad', status: 400 });
    expect(result.rejected[0]!.reason).toMatch(/@timestamp/);
    expect(await count()).toBe(before + 3);
  });

  it('rejects the call (retriable) when the items keep failing, so the caller acknowledges nothing', async () => {
    const proxy = await startEsFaultProxy(endpoints.esUrl, { bulkResponses: 100, everyNthItem: 1 });
    const viaProxy = new ElasticsearchStore({ url: proxy.url, logger: silent, firewallStream: stream, retryBaseMs: 5, bulkMaxRetries: 2 });
    try {
      await expect(viaProxy.write(stream, docs(5, 'persistent'))).rejects.toMatchObject({ code: 'es_unavailable', retriable: true });
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });
});
