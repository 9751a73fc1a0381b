/**
 * The HTTP API on the Elasticsearch adapters (registry, alert store, evidence source, pulls
 * stream) of the local stack, each test run with indices and streams of its own; and the
 * bus pull intake through real Kafka into Elasticsearch with the pull consumer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusPullIntake, StorePullIntake, buildApi, type ApiApp } from '@pullwatch/api';
import { KafkaBus } from '@pullwatch/bus-kafka';
import type { Alert, Diagnosis, Integration, PullRecord } from '@pullwatch/core';
import { startPullConsumer } from '@pullwatch/pulls';
import { BusDeadLetters } from '@pullwatch/ingest';
import type { AlertChange } from '@pullwatch/ports';
import { ElasticsearchAlertStore, ElasticsearchEvidenceSource, ElasticsearchIntegrationRegistry, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';
import { readTopic, silent } from '../ingest/worker-pipeline.helpers.js';

const HOUR = 3_600_000;
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const NDJSON = { 'content-type': 'application/x-ndjson' };

const integrations: Integration[] = [
  { id: 'int-paris', name: 'Paris FortiGate', vendor: 'fortigate', devices: [{ hostname: 'fw-paris-01', address: '192.0.2.10' }] },
  { id: 'int-berlin', name: 'Berlin PA-440', vendor: 'panos', devices: [{ serial: 'PA-0001' }] },
];

const pull = (id: string, msBeforeNow: number, status: number, ip = '192.0.2.10'): PullRecord => ({
  '@timestamp': new Date(NOW.getTime() - msBeforeNow).toISOString(),
  integration: { id },
  source: { ip },
  http: { request: { method: 'GET' }, response: { status_code: status } },
  url: { path: `/v1/integrations/${id}/content` },
});
const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

function esStores(id: string) {
  const names = {
    firewallStream: `logs-pullwatch.firewall-${id}`,
    pullsStream: `logs-pullwatch.pulls-${id}`,
    alertsIndex: `pullwatch-alerts-${id}`,
    integrationsIndex: `pullwatch-integrations-${id}`,
  };
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, retryBaseMs: 20, ...names });
  return {
    names,
    store,
    registry: new ElasticsearchIntegrationRegistry({ client: store.client, index: names.integrationsIndex }),
    alerts: new ElasticsearchAlertStore({ client: store.client, index: names.alertsIndex }),
    evidence: new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: names.pullsStream, firewallIndex: names.firewallStream }),
    async drop() {
      await store.client.indices.deleteDataStream({ name: [names.pullsStream, names.firewallStream] }).catch(() => undefined);
      for (const index of [names.alertsIndex, names.integrationsIndex]) {
        await store.client.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
        await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
      }
      await store.close();
    },
  };
}

describe('api > on Elasticsearch', () => {
  const es = esStores(uniqueName('api').replace(/[^a-z0-9]/g, ''));
  const published: Array<[Alert, AlertChange]> = [];
  let app: ApiApp;

  beforeAll(async () => {
    await es.store.setup();
    app = buildApi({
      registry: es.registry,
      alerts: es.alerts,
      evidence: es.evidence,
      pulls: new StorePullIntake(es.store, es.names.pullsStream),
      sink: { publish: async (a, c) => void published.push([a, c]) },
      logger: silent,
      clock: () => NOW,
      checks: { elasticsearch: () => es.store.client.ping() },
    });
  });
  afterAll(async () => {
    await app?.close();
    await es.drop();
  });

  it('keeps the integrations registry in Elasticsearch', async () => {
    const imported = await app.inject({ method: 'POST', url: '/v1/integrations:import', payload: integrations });
    expect(imported.json()).toEqual({ created: 2, updated: 0, count: 2 });
    const list = (await app.inject({ method: 'GET', url: '/v1/integrations' })).json() as { integrations: Integration[] };
    expect(list.integrations.map((i) => i.id)).toEqual(['int-berlin', 'int-paris']);
    const renamed = await app.inject({ method: 'PUT', url: '/v1/integrations/int-berlin', payload: { ...integrations[1], name: 'Berlin' } });
    expect(renamed.statusCode).toBe(200);
    expect(((await app.inject({ method: 'GET', url: '/v1/integrations/int-berlin' })).json() as Integration).name).toBe('Berlin');
    const temp = await app.inject({ method: 'POST', url: '/v1/integrations', payload: { ...integrations[0], id: 'int-temp' } });
    expect(temp.statusCode).toBe(201);
    expect((await app.inject({ method: 'DELETE', url: '/v1/integrations/int-temp' })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/integrations/int-temp' })).statusCode).toBe(404);
  });

  it('takes pull records as NDJSON into the pulls stream, and diagnoses from them', async () => {
    const records = [
      pull('int-paris', 30 * HOUR, 200),
      ...Array.from({ length: 29 }, (_, i) => pull('int-paris', (29 - i) * HOUR, 401)),
      ...Array.from({ length: 5 }, (_, i) => pull('int-berlin', i * HOUR + 60_000, 200, '198.51.100.7')),
    ];
    const res = await app.inject({ method: 'POST', url: '/v1/pulls', payload: ndjson(records) + '{"bad": true}\n', headers: NDJSON });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: records.length, rejected_count: 1, rejected: [{ line: records.length + 1 }] });
    // The same batch again: stored by id, so nothing doubles.
    expect((await app.inject({ method: 'POST', url: '/v1/pulls', payload: ndjson(records), headers: NDJSON })).statusCode).toBe(202);
    await es.store.client.indices.refresh({ index: es.names.pullsStream });
    expect((await es.store.client.count({ index: es.names.pullsStream })).count).toBe(records.length);

    const paris = (await app.inject({ method: 'GET', url: '/v1/integrations/int-paris/diagnosis' })).json() as Diagnosis;
    expect(paris).toMatchObject({ status: 'offline', primary: { category: 'credentials_invalid' } });
    expect(paris.evidence.pulls.first_failure).toEqual({ at: pull('int-paris', 29 * HOUR, 401)['@timestamp'], status: 401 });
    const berlin = (await app.inject({ method: 'GET', url: '/v1/integrations/int-berlin/diagnosis' })).json() as Diagnosis;
    expect(berlin.status).toBe('online');
  });

  it('annotates an external alert, stores it in the alerts index and lists it with filters', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/alerts', payload: { integration_id: 'int-paris', title: 'Firewall Integration Offline', raised_at: NOW.toISOString() } });
    expect(res.statusCode).toBe(201);
    const { alert } = res.json() as { alert: Alert };
    expect(alert.diagnosis.primary.category).toBe('credentials_invalid');
    expect(published.map(([a, c]) => [a.id, c])).toEqual([[alert.id, 'opened']]);

    const one = await app.inject({ method: 'GET', url: `/v1/alerts/${encodeURIComponent(alert.id)}` });
    expect(one.json()).toEqual(alert);
    const ids = async (q: string) => ((await app.inject({ method: 'GET', url: `/v1/alerts?${q}` })).json() as { alerts: Alert[] }).alerts.map((a) => a.id);
    expect(await ids('status=open&vendor=fortigate&cause=credentials_invalid&integration=int-paris')).toEqual([alert.id]);
    expect(await ids('status=resolved')).toEqual([]);
    expect(await ids('vendor=panos')).toEqual([]);
  });

  it('reports Elasticsearch in /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ ok: true, checks: { elasticsearch: { ok: true } } });
  });
});

describe('api > pull intake through Kafka', () => {
  const id = uniqueName('apibus').replace(/[^a-z0-9]/g, '');
  const es = esStores(id);
  const topic = `pullwatch.pulls.raw.${id}`;
  const dlq = `pullwatch.deadletter.${id}`;
  const bus = new KafkaBus({ brokers: [...endpoints.kafkaBrokers], clientId: `pw-${id}`, logger: silent, topicPartitions: 2, sessionTimeoutMs: 10_000 });

  afterAll(async () => {
    await bus.close();
    await es.drop();
  });

  it('publishes accepted records to the pulls topic, and the pull consumer stores them once', async () => {
    await es.store.setup();
    await bus.ensureTopics([topic, dlq]);
    const producer = await bus.producer();
    const app = buildApi({ registry: es.registry, alerts: es.alerts, evidence: es.evidence, pulls: new BusPullIntake(producer, topic), logger: silent });
    const consumer = await startPullConsumer({
      bus,
      store: es.store,
      deadLetters: new BusDeadLetters(producer, dlq),
      logger: silent,
      topic,
      group: `pw-pulls-${id}`,
      stream: es.names.pullsStream,
    });
    try {
      const records = [pull('int-paris', HOUR, 200), pull('int-paris', 2 * HOUR, 503), pull('int-berlin', HOUR, 200, '198.51.100.7')];
      for (let round = 0; round < 2; round++) {
        const res = await app.inject({ method: 'POST', url: '/v1/pulls', payload: ndjson(records), headers: NDJSON });
        expect(res.json()).toEqual({ accepted: 3, rejected: [], rejected_count: 0 });
      }
      // One record per integration per request, keyed by integration id.
      const onTopic = await readTopic(topic, 4);
      expect(onTopic.map((r) => r.key).sort()).toEqual(['int-berlin', 'int-berlin', 'int-paris', 'int-paris']);
      await waitFor(
        async () => {
          await es.store.client.indices.refresh({ index: es.names.pullsStream, ignore_unavailable: true });
          return (await es.store.client.count({ index: es.names.pullsStream, ignore_unavailable: true })).count === 3;
        },
        { timeoutMs: 60_000, intervalMs: 250, message: 'the pull records did not reach Elasticsearch' },
      );
      const summaries = await es.evidence.pullSummaries(new Date(), 7 * 24 * HOUR);
      expect(summaries.get('int-paris')?.last_success).toBe(records[0]!['@timestamp']);
      expect(consumer.lastError()).toBeUndefined();
    } finally {
      await consumer.stop();
      await app.close();
      await producer.close();
    }
  });
});
