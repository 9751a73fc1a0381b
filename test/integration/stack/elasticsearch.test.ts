/**
 * The Elasticsearch of the test environment (the local stack's node by default) does what
 * the store adapter relies on, through @elastic/elasticsearch 8: an index template for a
 * data stream, bulk `create` with deterministic ids, 409 per item on replay, refresh, count
 * and aggregations. A second suite records which optional features the node has and checks
 * them against the table in stack/README.md.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';

const CODES = ['pull-ok', 'auth-failed', 'tls-failed', 'dns-failed', 'timeout'] as const;
const FIRST = 120;
const NEW_ON_REPLAY = 30;

interface TestEvent {
  '@timestamp': string;
  event: { code: string; original: string };
  source: { ip: string };
  network: { bytes: number };
  message: string;
  labels: Record<string, string>;
}

function event(i: number): { id: string; doc: TestEvent } {
  const code = CODES[i % CODES.length]!;
  return {
    id: `evt-${i}`,
    doc: {
      '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, i % 60, i % 60)).toISOString(),
      event: { code, original: `<134>fw${i % 7} blocklist pull ${code} #${i}` },
      source: { ip: `10.0.${i % 4}.${(i % 250) + 1}` },
      network: { bytes: i * 10 },
      message: `blocklist pull ${code} for integration ${i % 3}`,
      labels: { device: `fw${i % 7}` },
    },
  };
}

function createOps(events: Array<{ id: string; doc: TestEvent }>, index: string): Array<object> {
  return events.flatMap(({ id, doc }) => [{ create: { _index: index, _id: id } }, doc]);
}

describe('stack > Elasticsearch through @elastic/elasticsearch', () => {
  const client = new Client({ node: endpoints.esUrl });
  const suffix = uniqueName('itest').replace(/^itest-/, '');
  const stream = `logs-itest-${suffix}`;
  const template = `pullwatch-itest-${suffix}`;

  beforeAll(async () => {
    await client.indices.putIndexTemplate({
      name: template,
      index_patterns: [`logs-itest-${suffix}*`],
      data_stream: {},
      priority: 500,
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: 'strict',
          dynamic_templates: [{ labels_as_keywords: { path_match: 'labels.*', match_mapping_type: 'string', mapping: { type: 'keyword' } } }],
          properties: {
            '@timestamp': { type: 'date' },
            event: { properties: { code: { type: 'keyword' }, original: { type: 'keyword', index: false, doc_values: false } } },
            source: { properties: { ip: { type: 'ip' } } },
            network: { properties: { bytes: { type: 'long' } } },
            message: { type: 'text' },
            labels: { type: 'object', dynamic: true },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await client.indices.deleteDataStream({ name: stream }, { ignore: [404] });
    await client.indices.deleteIndexTemplate({ name: template }, { ignore: [404] });
    await client.close();
  });

  it('connects: info() passes the client product check and reports version 8', async () => {
    const info = await client.info();
    expect(info.version.number).toMatch(/^8\.\d+\.\d+/);
    expect(info.tagline).toBe('You Know, for Search');
  });

  it('creates the data stream on the first bulk create, with explicit ids', async () => {
    const events = Array.from({ length: FIRST }, (_, i) => event(i));
    const response = await client.bulk({ operations: createOps(events, stream) }, { meta: true });
    expect(response.statusCode).toBe(200);
    expect(response.body.errors).toBe(false);
    expect(response.body.items.map((item) => item.create?.status)).toEqual(events.map(() => 201));
    expect(new Set(response.body.items.map((item) => item.create?._id))).toEqual(new Set(events.map((e) => e.id)));

    const resolved = await client.indices.resolveIndex({ name: stream, expand_wildcards: 'all' });
    expect(resolved.data_streams.map((d) => d.name)).toEqual([stream]);
    expect(resolved.data_streams[0]?.backing_indices[0]).toMatch(new RegExp(`^\\.ds-${stream}-\\d{4}\\.\\d{2}\\.\\d{2}-000001$`));
  });

  it('answers a replay of the same ids with 409 per item inside an HTTP 200 bulk response', async () => {
    const events = Array.from({ length: FIRST + NEW_ON_REPLAY }, (_, i) => event(i));
    const response = await client.bulk({ operations: createOps(events, stream) }, { meta: true });
    expect(response.statusCode).toBe(200);
    expect(response.body.errors).toBe(true);
    const statuses = response.body.items.map((item) => item.create?.status);
    expect(statuses.slice(0, FIRST)).toEqual(Array.from({ length: FIRST }, () => 409));
    expect(statuses.slice(FIRST)).toEqual(Array.from({ length: NEW_ON_REPLAY }, () => 201));
    expect(response.body.items[0]?.create?.error?.type).toBe('version_conflict_engine_exception');
  });

  it('counts exactly the distinct ids after a refresh', async () => {
    await client.indices.refresh({ index: stream });
    const { count } = await client.count({ index: stream });
    expect(count).toBe(FIRST + NEW_ON_REPLAY);
  });

  it('answers terms, max, composite and date_histogram aggregations', async () => {
    const all = Array.from({ length: FIRST + NEW_ON_REPLAY }, (_, i) => event(i).doc);
    const response = await client.search({
      index: stream,
      size: 0,
      query: { term: { 'source.ip': '10.0.0.0/16' } },
      aggs: {
        codes: { terms: { field: 'event.code', size: 10 }, aggs: { most: { max: { field: 'network.bytes' } } } },
        by_device: { composite: { size: 100, sources: [{ device: { terms: { field: 'labels.device' } } }] } },
        per_minute: { date_histogram: { field: '@timestamp', fixed_interval: '1m', min_doc_count: 1 } },
      },
    });
    const codes = response.aggregations?.codes as { buckets: Array<{ key: string; doc_count: number; most: { value: number } }> };
    const expected = new Map<string, { count: number; max: number }>();
    for (const doc of all) {
      const e = expected.get(doc.event.code) ?? { count: 0, max: 0 };
      expected.set(doc.event.code, { count: e.count + 1, max: Math.max(e.max, doc.network.bytes) });
    }
    expect(new Map(codes.buckets.map((b) => [b.key, { count: b.doc_count, max: b.most.value }]))).toEqual(expected);

    const devices = response.aggregations?.by_device as { buckets: Array<{ key: { device: string }; doc_count: number }> };
    expect(devices.buckets.map((b) => b.key.device).sort()).toEqual(['fw0', 'fw1', 'fw2', 'fw3', 'fw4', 'fw5', 'fw6']);
    expect(devices.buckets.reduce((sum, b) => sum + b.doc_count, 0)).toBe(all.length);

    const minutes = response.aggregations?.per_minute as { buckets: Array<{ doc_count: number }> };
    expect(minutes.buckets).toHaveLength(60);
    expect(minutes.buckets.reduce((sum, b) => sum + b.doc_count, 0)).toBe(all.length);
  });

  it('deletes the data stream and its template', async () => {
    await expect(client.indices.deleteDataStream({ name: stream })).resolves.toMatchObject({ acknowledged: true });
    await expect(client.indices.deleteIndexTemplate({ name: template })).resolves.toMatchObject({ acknowledged: true });
    const resolved = await client.indices.resolveIndex({ name: `logs-itest-${suffix}*`, expand_wildcards: 'all' });
    expect(resolved.data_streams).toEqual([]);
    expect(resolved.indices).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Optional features: the node answers what the table in stack/README.md says.

type Probe = (scratch: string) => Promise<boolean>;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${endpoints.esUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, json };
}

/** Creates an index with one field of the given mapper type; true when the type exists. */
function fieldType(type: string, extra: Record<string, unknown> = {}): Probe {
  return async (scratch) => {
    const name = `${scratch}-${type.replace(/_/g, '-')}`;
    const { status } = await call('PUT', `/${name}`, {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { f: { type, ...extra } } },
    });
    await call('DELETE', `/${name}`);
    return status === 200;
  };
}

const PROBES: Record<string, Probe> = {
  rest_root: async () => (await call('GET', '/')).status === 200,
  // Absent, the route answers 405 (or 400); present, an unknown name is a 404.
  data_stream_delete_api: async (scratch) => (await call('DELETE', `/_data_stream/${scratch}-missing`)).status === 404,
  data_stream_get_api: async () => (await call('GET', '/_data_stream')).status === 200,
  ilm: async () => (await call('GET', '/_ilm/status')).status === 200,
  builtin_logs_template: async () => (await call('GET', '/_index_template/logs')).status === 200,
  ingest_processors: async () =>
    (
      await call('POST', '/_ingest/pipeline/_simulate', {
        pipeline: { processors: [{ set: { field: 'a', value: 'b' } }] },
        docs: [{ _source: {} }],
      })
    ).status === 200,
  painless: async () => (await call('POST', '/_scripts/painless/_execute', { script: { source: '1 + 1' } })).status === 200,
  delete_by_query: async (scratch) =>
    (await call('POST', `/${scratch}-none*/_delete_by_query?allow_no_indices=true`, { query: { match_all: {} } })).status === 200,
  auto_date_histogram: async (scratch) =>
    (
      await call('POST', `/${scratch}-none*/_search?allow_no_indices=true`, {
        size: 0,
        aggs: { a: { auto_date_histogram: { field: '@timestamp', buckets: 10 } } },
      })
    ).status === 200,
  flattened_type: fieldType('flattened'),
  match_only_text_type: fieldType('match_only_text'),
  wildcard_type: fieldType('wildcard'),
  constant_keyword_type: fieldType('constant_keyword', { value: 'x' }),
};

interface FeatureRow {
  id: string;
  local: boolean;
  full: boolean;
}

/** Rows of the table between `<!-- es-features:begin -->` and `<!-- es-features:end -->` in stack/README.md. */
function documentedFeatures(): FeatureRow[] {
  const readme = readFileSync(fileURLToPath(new URL('../../../stack/README.md', import.meta.url)), 'utf8');
  const table = /<!-- es-features:begin -->([\s\S]*?)<!-- es-features:end -->/.exec(readme)?.[1];
  if (!table) throw new Error('stack/README.md has no es-features table');
  return table
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => /^`[a-z_]+`$/.test(cells[1] ?? ''))
    .map((cells) => ({ id: cells[1]!.slice(1, -1), local: cells[3] === 'yes', full: cells[4] === 'yes' }));
}

describe('stack > Elasticsearch optional features match stack/README.md', () => {
  const rows = documentedFeatures();
  let localNode = false;

  beforeAll(async () => {
    const { json } = await call('GET', '/_nodes/_local/plugins');
    localNode = JSON.stringify(json).includes('EsLauncher$LocalStackPlugin');
  });

  it('documents exactly the probed features', () => {
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(PROBES).sort());
  });

  it.each(Object.keys(PROBES))('%s', async (id) => {
    const row = rows.find((r) => r.id === id);
    expect(row, `stack/README.md lacks a row for ${id}`).toBeDefined();
    const present = await PROBES[id]!(uniqueName('pullwatch-itest-feature'));
    expect(present, `${localNode ? 'local stack node' : 'full cluster'}: ${id}`).toBe(localNode ? row!.local : row!.full);
  });
});
