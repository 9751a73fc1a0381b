import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newRunId, envelopeId, type Envelope } from '@pullwatch/core';
import { VendorDetector } from '@pullwatch/decoders';
import { ingestRecords } from '@pullwatch/ingest';
import type { DeadLetter } from '@pullwatch/ports';
import { ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { corporaDir } from '../../helpers/corpora.js';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';

/** Every input line of the vendor corpora and the samples, as envelopes from one sender per file. */
function corpusEnvelopes(): Envelope[] {
  const run = newRunId();
  let seq = 0;
  const out: Envelope[] = [];
  const files: string[] = ['samples/firewall-mix.log'];
  for (const vendor of ['fortigate', 'panos', 'pfsense', 'opnsense']) {
    const dir = corporaDir(vendor);
    for (const f of readdirSync(dir)) if (!f.endsWith('.json')) files.push(join(dir, f));
  }
  files.forEach((file, i) => {
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      if (!raw.trim()) continue;
      out.push({ id: envelopeId(run, seq++), received_at: '2026-11-26T10:00:00.000Z', transport: 'udp', listener: 'udp', peer: { address: `192.0.2.${i + 1}`, port: 514 }, raw });
    }
  });
  return out;
}

describe('store > every vendor document fits the index template', () => {
  const stream = `logs-pullwatch.firewall-${uniqueName('vendors').replace(/[^a-z0-9]/g, '')}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: stream });

  afterAll(async () => {
    await store.client.indices.deleteDataStream({ name: stream }).catch(() => undefined);
    await store.close();
  });

  it('indexes every corpus line of the four vendors with no document refused, and the ECS fields searchable', async () => {
    await store.setup();
    const envelopes = corpusEnvelopes();
    expect(envelopes.length).toBeGreaterThan(400);
    const letters: DeadLetter[] = [];
    const records = [];
    for (let i = 0; i < envelopes.length; i += 200) {
      records.push({ topic: 't', position: `t/0@${i}`, value: Buffer.from(JSON.stringify({ v: 1, envelopes: envelopes.slice(i, i + 200) })) });
    }
    const stats = await ingestRecords(records, { store, stream, detector: new VendorDetector(), deadLetters: { put: async (l) => void letters.push(...l) } });
    expect(letters.map((l) => l.reason)).toEqual([]);
    expect(stats.created).toBe(envelopes.length);

    await store.client.indices.refresh({ index: stream });
    const agg = await store.client.search({
      index: stream,
      size: 0,
      aggs: { vendors: { terms: { field: 'observer.vendor', size: 10 } }, products: { terms: { field: 'observer.product', size: 10 } } },
    });
    const products = (agg.aggregations!.products as { buckets: Array<{ key: string }> }).buckets.map((b) => b.key).sort();
    expect(products).toEqual(['Fortigate', 'OPNsense', 'PAN-OS', 'pfSense']);
    // Typed ECS fields answer typed queries: a CIDR on source.ip, a range on destination.port.
    const cidr = await store.client.count({ index: stream, query: { bool: { filter: [{ term: { 'source.ip': '10.0.0.0/8' } }, { range: { 'destination.port': { gte: 1, lte: 65535 } } }] } } });
    expect(cidr.count).toBeGreaterThan(0);
    const redacted = await store.client.count({ index: stream, query: { match_phrase: { message: 's3cr3tpass' } } });
    expect(redacted.count).toBe(0);
    // The classifier's fields reach Elasticsearch, typed: the sample file's three feed failures.
    const causes = await store.client.search({
      index: stream,
      size: 0,
      query: { term: { 'pullwatch.feed.event': 'fetch_failed' } },
      aggs: { c: { terms: { field: 'pullwatch.root_cause.category' } }, min: { min: { field: 'pullwatch.root_cause.confidence' } } },
    });
    const buckets = (causes.aggregations!.c as { buckets: Array<{ key: string }> }).buckets.map((b) => b.key).sort();
    expect(buckets).toEqual(['credentials_invalid', 'download_failed', 'tls_trust']);
    expect((causes.aggregations!.min as { value: number }).value).toBeGreaterThan(0.5);
  });
});
