import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusDeadLetters } from '@pullwatch/ingest';
import { handlePullRecords, indexPulls, normalisePulls, type PullRecordsStats } from '@pullwatch/pulls';
import { ElasticsearchStore, ExistingIndexPullSource, type PullSourceBatch } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';
import { countDocs, isolatedConfig, kafkaBusFor, rawKafka, readTopic, silent } from '../ingest/worker-pipeline.helpers.js';

const pull = (id: string, ts: string, status = 200, ip = '198.51.100.1') => ({
  '@timestamp': ts,
  integration: { id },
  source: { ip },
  http: { request: { method: 'GET' }, response: { status_code: status, body: { bytes: 100 } } },
  url: { path: `/v1/integrations/${id}/content` },
  user_agent: { original: 'FortiGate/7.4' },
});

describe('store > pull records in Elasticsearch', () => {
  const id = uniqueName('pulls').replace(/[^a-z0-9]/g, '');
  const stream = `logs-pullwatch.pulls-${id}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: `logs-pullwatch.firewall-${id}`, pullsStream: stream, retryBaseMs: 20 });

  beforeAll(async () => {
    await store.setup();
  });

  afterAll(async () => {
    await store.client.indices.deleteDataStream({ name: stream }).catch(() => undefined);
    await store.close();
  });

  it('installs the pulls template (ECS types, data stream, priority above 200) and the stream takes its mappings', async () => {
    const t = (await store.client.indices.getIndexTemplate({ name: 'logs-pullwatch.pulls' })).index_templates[0]!.index_template;
    expect(t.index_patterns).toEqual(['logs-pullwatch.pulls-*']);
    expect(t.priority).toBeGreaterThan(200);
    expect(t.data_stream).toBeDefined();
    const { records } = normalisePulls([pull('m-1', '2026-11-26T10:00:00Z')]);
    expect(await indexPulls(store, stream, records)).toMatchObject({ created: 1 });
    const caps = await store.client.fieldCaps({
      index: stream,
      fields: ['@timestamp', 'integration.id', 'source.ip', 'http.request.method', 'http.response.status_code', 'http.response.body.bytes', 'url.path', 'user_agent.original', 'event.ingested'],
    });
    const types = Object.fromEntries(Object.entries(caps.fields).flatMap(([f, byType]) => (byType.object ? [] : [[f, Object.keys(byType)[0]]])));
    expect(types).toEqual({
      '@timestamp': 'date',
      'integration.id': 'keyword',
      'source.ip': 'ip',
      'http.request.method': 'keyword',
      'http.response.status_code': 'long',
      'http.response.body.bytes': 'long',
      'url.path': 'keyword',
      'user_agent.original': 'keyword',
      'event.ingested': 'date',
    });
    const resolved = await store.client.indices.resolveIndex({ name: stream });
    expect(resolved.data_streams.map((d) => d.name)).toEqual([stream]);
  });

  it('stores a batch sent twice once: the second time every record is a duplicate', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify(pull('dup-1', new Date(Date.UTC(2026, 10, 26, 9, i)).toISOString(), i % 5 ? 200 : 401)));
    const { records } = normalisePulls(lines);
    const before = await countDocs(store, stream);
    expect(await indexPulls(store, stream, records)).toEqual({ created: 20, duplicates: 0, rejected: [] });
    // The same pulls written with an offset instead of Z: same ids.
    const again = normalisePulls(lines.map((l) => l.replace(/Z"/, '+00:00"'))).records;
    expect(await indexPulls(store, stream, again)).toEqual({ created: 0, duplicates: 20, rejected: [] });
    expect(await countDocs(store, stream)).toBe(before + 20);
  });

  it('consumes pullwatch.pulls.raw from Kafka: stores valid records, dead-letters invalid lines with the reason', async () => {
    const config = isolatedConfig('pullsk');
    const topic = `pullwatch.pulls.raw.${id}`;
    const dlq = config.kafka.deadLetterTopic;
    const bus = kafkaBusFor(config, 'pulls-consumer');
    await bus.ensureTopics([topic, dlq]);
    const producer = await bus.producer();
    const consumer = await bus.consumer({ topics: [topic], group: `pullwatch-pulls-${id}`, maxBatchRecords: 50 });
    const totals: PullRecordsStats = { records: 0, lines: 0, created: 0, duplicates: 0, deadLettered: 0 };
    const running = consumer.run(async (recs) => {
      const s = await handlePullRecords(recs, { store, deadLetters: new BusDeadLetters(producer, dlq), stream });
      for (const k of Object.keys(totals) as Array<keyof PullRecordsStats>) totals[k] += s[k];
    });
    try {
      const before = await countDocs(store, stream);
      const kafka = rawKafka().producer();
      await kafka.connect();
      await kafka.send({
        topic,
        messages: [
          { key: 'k1', value: [pull('kafka-1', '2026-11-26T08:00:00Z'), pull('kafka-1', '2026-11-26T08:15:00Z', 401)].map((p) => JSON.stringify(p)).join('\n') },
          { key: 'k2', value: `${JSON.stringify({ ...pull('kafka-2', '2026-11-26T08:00:00Z'), http: { response: { status_code: 'ok' } } })}\n` },
          { key: 'k3', value: JSON.stringify([pull('kafka-3', '2026-11-26T08:00:00Z'), pull('kafka-1', '2026-11-26T08:00:00Z')]) },
        ],
      });
      await kafka.disconnect();
      await waitFor(async () => (await countDocs(store, stream)) === before + 3, { timeoutMs: 30_000 });
      const letters = await readTopic(dlq, 1);
      expect(letters).toHaveLength(1);
      const letter = JSON.parse(letters[0]!.value) as { code: string; stage: string; reason: string; payload: string; context: Record<string, string> };
      expect(letter).toMatchObject({ code: 'invalid_pull_record', stage: 'normalise', context: { topic, key: 'k2', line: '1' } });
      expect(letter.reason).toMatch(/http\.response\.status_code: .*number/);
      expect(letter.payload).toContain('kafka-2');
      await waitFor(() => totals.records === 3, { timeoutMs: 10_000 });
      expect(totals).toMatchObject({ lines: 5, created: 3, duplicates: 1, deadLettered: 1 });
    } finally {
      await consumer.stop();
      await running.catch(() => undefined);
      await producer.close();
      await bus.close();
    }
  });
});

describe('store > pull records from an existing access-log index', () => {
  const index = uniqueName('it-accesslog');
  const stream = `logs-pullwatch.pulls-${index.replace(/[^a-z0-9]/g, '')}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: 'logs-pullwatch.firewall-unused', pullsStream: stream });
  const client = store.client;
  const base = Date.parse('2026-11-26T10:00:00.000Z');
  let n = 0;
  /** An access-log line as the endpoint's web server ships it (ECS-like, but its own field names). */
  const accessLog = (offsetMs: number, over: Record<string, unknown> = {}) => ({
    '@timestamp': new Date(base + offsetMs).toISOString(),
    client: { ip: `203.0.113.${(n++ % 200) + 1}` },
    http: { request: { method: 'get' }, response: { status_code: '200', body: { bytes: 2048 } } },
    url: { path: '/v1/integrations/int-a/content' },
    'labels.integration_id': 'int-a',
    user_agent: { original: 'pfSense/2.7' },
    ...over,
  });
  const write = async (docs: Array<Record<string, unknown>>) => {
    await client.bulk({ refresh: 'wait_for', operations: docs.flatMap((d) => [{ index: { _index: index } }, d]) });
  };
  const source = new ExistingIndexPullSource({
    client,
    index: `${index}*`,
    fieldMap: { sourceIp: 'client.ip' },
    batchSize: 3,
    lagMs: 60_000,
    logger: silent,
  });
  const collect = async (checkpoint: string | undefined, now: Date) => {
    const batches: PullSourceBatch[] = [];
    const next = await source.read(checkpoint, async (b) => void batches.push(b), now);
    return { batches, next, records: batches.flatMap((b) => b.records), skipped: batches.reduce((s, b) => s + b.skipped, 0) };
  };

  beforeAll(async () => {
    await store.setup();
    await client.indices.create({
      index,
      settings: { number_of_replicas: 0 },
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          client: { properties: { ip: { type: 'keyword' } } },
          'labels.integration_id': { type: 'keyword' },
          url: { properties: { path: { type: 'keyword' } } },
          http: { properties: { response: { properties: { status_code: { type: 'keyword' } } } } },
        },
      },
    });
  });

  afterAll(async () => {
    await client.indices.delete({ index }).catch(() => undefined);
    await client.indices.deleteDataStream({ name: stream }).catch(() => undefined);
    await store.close();
  });

  it('maps configured fields to pull records, takes the id from the path when the field is absent, skips other requests', () => {
    expect(source.toPullRecord(accessLog(0))).toEqual({
      '@timestamp': '2026-11-26T10:00:00.000Z',
      integration: { id: 'int-a' },
      source: { ip: expect.stringMatching(/^203\.0\.113\./) },
      http: { request: { method: 'GET' }, response: { status_code: 200, body: { bytes: 2048 } } },
      url: { path: '/v1/integrations/int-a/content' },
      user_agent: { original: 'pfSense/2.7' },
    });
    expect(source.toPullRecord(accessLog(0, { 'labels.integration_id': undefined, url: { path: '/v1/integrations/int%3Ab/content' } }))?.integration).toEqual({ id: 'int:b' });
    expect(source.toPullRecord(accessLog(0, { 'labels.integration_id': undefined, url: { path: '/healthz' } }))).toBeUndefined();
  });

  it('reads nothing, and keeps the checkpoint, from a pattern that matches no index yet', async () => {
    const none = new ExistingIndexPullSource({ client, index: `${index}-none*` });
    const batches: PullSourceBatch[] = [];
    expect(await none.read(undefined, async (b) => void batches.push(b))).toBeUndefined();
    expect(await none.read('2026-11-26T10:00:00.000Z', async (b) => void batches.push(b))).toBe('2026-11-26T10:00:00.000Z');
    expect(batches).toEqual([]);
  });

  it('reads every document since the checkpoint in pages (equal timestamps across a page boundary included), then only newer ones', async () => {
    await write([
      accessLog(0),
      accessLog(1000),
      accessLog(2000, { 'labels.integration_id': undefined, url: { path: '/v1/integrations/int-b/content' } }),
      accessLog(2000, { 'labels.integration_id': undefined, url: { path: '/healthz' } }),
      accessLog(2000, { http: { response: { status_code: '401' } } }),
      accessLog(2000, { client: { ip: 'not an address' } }),
      accessLog(3000),
    ]);
    const now = new Date(base + 10 * 60_000);
    const first = await collect(undefined, now);
    expect(first.batches.map((b) => b.records.length + b.skipped)).toEqual([3, 3, 1]);
    expect(first.records).toHaveLength(6);
    expect(first.skipped).toBe(1);
    expect(first.next).toBe('2026-11-26T10:00:03.000Z');
    expect(first.batches.map((b) => b.checkpoint)).toEqual(['2026-11-26T10:00:02.000Z', '2026-11-26T10:00:02.000Z', '2026-11-26T10:00:03.000Z']);

    const normalised = normalisePulls(first.records);
    expect(normalised.records).toHaveLength(5);
    expect(normalised.errors).toMatchObject([{ issues: ['source.ip: must be an IPv4 or IPv6 address'] }]);
    expect(await indexPulls(store, stream, normalised.records)).toMatchObject({ created: 5, duplicates: 0 });
    expect(new Set(normalised.records.map((r) => r.doc.integration.id))).toEqual(new Set(['int-a', 'int-b']));

    // Later: two new documents. The read starts a lag (60 s) before the checkpoint: the first
    // documents come again, and are stored once.
    await write([accessLog(20 * 60_000), accessLog(21 * 60_000)]);
    const later = new Date(base + 30 * 60_000);
    const second = await collect(first.next, later);
    expect(second.records).toHaveLength(8);
    expect(second.next).toBe('2026-11-26T10:21:00.000Z');
    expect(await indexPulls(store, stream, normalisePulls(second.records).records)).toMatchObject({ created: 2, duplicates: 5 });
    // A document indexed late, with a time before the checkpoint but within the lag, is not missed.
    await write([accessLog(20 * 60_000 + 30_000, { http: { response: { status_code: '503' } } })]);
    const third = await collect(second.next, later);
    expect(third.records).toHaveLength(3);
    expect(third.next).toBe(second.next);
    expect(await indexPulls(store, stream, normalisePulls(third.records).records)).toMatchObject({ created: 1, duplicates: 2 });
    expect(await countDocs(store, stream)).toBe(8);
  });

  it('polls on an interval until stopped, handing over checkpoints', async () => {
    const checkpoints: string[] = [];
    const seen: unknown[] = [];
    const loop = source.start({
      intervalMs: 50,
      checkpoint: '2026-11-26T10:21:00.000Z',
      onBatch: async (b) => void seen.push(...b.records),
      onCheckpoint: (c) => void checkpoints.push(c),
      now: () => new Date(base + 30 * 60_000),
    });
    await write([accessLog(25 * 60_000, { url: { path: '/v1/integrations/int-c/content' }, 'labels.integration_id': 'int-c' })]);
    await waitFor(() => seen.some((r) => (r as { integration: { id: string } }).integration.id === 'int-c'), { timeoutMs: 10_000 });
    await loop.stop();
    expect(checkpoints.at(-1)).toBe('2026-11-26T10:25:00.000Z');
  });
});
