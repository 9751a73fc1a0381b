/**
 * Two correlators on BullMQ (the stack's Redis) share the shards of the diagnosis; alert
 * changes go to a Kafka topic (read back with an independent consumer) and to a signed
 * webhook. The stores are the memory adapters and the clock is fake, so an integration is
 * "offline for a day" at once; the Elasticsearch path is covered by test/e2e/diagnosis-*.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { BusAlertSink, FanoutAlertSink, WebhookAlertSink, verifyWebhookSignature } from '@pullwatch/alert-sinks';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { loadConfig } from '@pullwatch/config';
import type { Alert, Integration, PullRecord } from '@pullwatch/core';
import { startCorrelator, type CorrelatorHandle } from '@pullwatch/correlator';
import { BullmqScheduler } from '@pullwatch/scheduler-bullmq';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { createRegistry } from '@pullwatch/telemetry';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';
import { readTopic, silent } from '../ingest/worker-pipeline.helpers.js';
import { deleteKeys } from '../scheduler/redis-server.helpers.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-26T12:00:00.000Z');

const pull = (id: string, at: number, status: number): PullRecord => ({
  '@timestamp': new Date(at).toISOString(),
  integration: { id },
  source: { ip: '192.0.2.50' },
  http: { response: { status_code: status } },
  url: { path: `/v1/integrations/${id}/content` },
});

describe('alerts > correlators on BullMQ publish alert changes to Kafka and a webhook', () => {
  const id = uniqueName('corr').replace(/[^a-z0-9]/g, '');
  const prefix = `it-${id}`;
  const topic = `pullwatch.alerts.${id}`;
  const bus = new KafkaBus({ brokers: [...endpoints.kafkaBrokers], clientId: `pw-${id}`, logger: silent, topicPartitions: 3 });
  const hooks: Array<{ body: string; signature: string; event: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers['x-pullwatch-signature']), event: String(req.headers['x-pullwatch-event']) });
      res.writeHead(204).end();
    });
  });
  const correlators: CorrelatorHandle[] = [];

  afterAll(async () => {
    await Promise.allSettled(correlators.map((c) => c.stop()));
    await bus.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await deleteKeys(endpoints.redisUrl, prefix);
  });

  it('opens each alert once across two correlators, then resolves it after a successful pull', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pullwatch`;
    const config = loadConfig({
      env: { PULLWATCH_CORRELATOR_INTERVAL_MS: '1000', PULLWATCH_CORRELATOR_SHARDS: '4', PULLWATCH_CORRELATOR_HTTP_PORT: '0', PULLWATCH_ALERTS_TOPIC: topic },
    });
    const integrations: Integration[] = Array.from({ length: 8 }, (_, i) => ({
      id: `int-${i}`,
      name: `Firewall ${i}`,
      vendor: i % 2 ? 'panos' : 'fortigate',
      devices: [{ hostname: `fw-${i}` }],
    }));
    const registry = new MemoryIntegrationRegistry(integrations);
    const evidence = new MemoryEvidenceSource();
    // Even integrations: fine until 30 h ago, then 401 every hour. Odd ones: pulling every hour.
    for (const [i, integration] of integrations.entries()) {
      evidence.addPulls(Array.from({ length: 30 }, (_, h) => pull(integration.id, T0 - (30 - h) * HOUR, i % 2 === 0 && h > 0 ? 401 : 200)));
    }
    const alerts = new MemoryAlertStore();
    let now = T0;
    await bus.ensureTopics([topic]);
    const producer = await bus.producer();

    for (const name of ['a', 'b']) {
      const metrics = createRegistry('correlator');
      const sink = new FanoutAlertSink([
        new BusAlertSink({ producer, topic, logger: silent, registry: metrics }),
        new WebhookAlertSink({ targets: [{ url: webhookUrl, secret: 'whsec-test' }], logger: silent, registry: metrics, backoffMs: 50 }),
      ]);
      const scheduler = new BullmqScheduler({ redisUrl: endpoints.redisUrl, prefix, logger: silent, concurrency: 2, stalledIntervalMs: 1_000, closeTimeoutMs: 5_000 });
      correlators.push(await startCorrelator(config, { scheduler, registry, evidence, alerts, sink, metrics, clock: () => new Date(now), health: () => ({ ok: true, name }) }, silent));
    }

    const open = () => alerts.list({ status: 'open' });
    await waitFor(async () => (await open()).length === 4, { timeoutMs: 20_000, message: 'the 4 failing integrations did not get an alert' });
    // Let a few more ticks pass over the same data: nothing changes, nothing is published again.
    const runsOf = async (c: CorrelatorHandle) => Number(/^pullwatch_correlator_runs_total\{[^}]*\} (\d+)/m.exec(await c.registry.metrics())?.[1] ?? 0);
    const runsBefore = (await runsOf(correlators[0]!)) + (await runsOf(correlators[1]!));
    await waitFor(async () => (await runsOf(correlators[0]!)) + (await runsOf(correlators[1]!)) >= runsBefore + 8, { timeoutMs: 20_000 });
    const opened = await open();
    expect(opened.map((a) => a.integration.id).sort()).toEqual(['int-0', 'int-2', 'int-4', 'int-6']);
    expect(opened.every((a) => a.diagnosis.primary.category === 'credentials_invalid')).toBe(true);

    // int-2 pulls fine again: the next run resolves its alert.
    evidence.addPulls([pull('int-2', T0 + 10 * 60_000, 200)]);
    now = T0 + 15 * 60_000;
    await waitFor(async () => (await alerts.list({ integrationId: 'int-2' }))[0]?.status === 'resolved', { timeoutMs: 20_000 });
    const resolved = (await alerts.list({ integrationId: 'int-2' }))[0]!;
    expect(resolved.resolution).toContain('successful pull');

    const messages = await readTopic(topic, 5, 30_000);
    const changes = messages.map((m) => {
      const v = JSON.parse(m.value) as { change: string; alert: Alert };
      return `${m.key} ${v.change} ${v.alert.id}`;
    });
    expect(changes.filter((c) => c.includes(' opened ')).sort()).toEqual(opened.map((a) => `${a.integration.id} opened ${a.id}`).sort());
    expect(changes.filter((c) => c.includes(' resolved '))).toEqual([`int-2 resolved ${resolved.id}`]);
    expect(messages).toHaveLength(5);

    await waitFor(() => hooks.length === 5, { timeoutMs: 10_000 });
    for (const h of hooks) expect(verifyWebhookSignature(h.body, h.signature, 'whsec-test')).toBe(true);
    expect(hooks.map((h) => h.event).sort()).toEqual(['alert.opened', 'alert.opened', 'alert.opened', 'alert.opened', 'alert.resolved']);

    // Both correlators worked, and their counters add up to the changes made.
    const counted = async (change: string) => {
      let sum = 0;
      for (const c of correlators) sum += Number(new RegExp(`^pullwatch_correlator_alerts_total\\{change="${change}"[^}]*\\} (\\d+)`, 'm').exec(await c.registry.metrics())?.[1] ?? 0);
      return sum;
    };
    expect(await counted('opened')).toBe(4);
    expect(await counted('resolved')).toBe(1);
    expect(await runsOf(correlators[0]!)).toBeGreaterThan(0);
    expect(await runsOf(correlators[1]!)).toBeGreaterThan(0);
    const health = await fetch(`http://127.0.0.1:${correlators[0]!.health.address().port}/healthz`);
    expect(health.status).toBe(200);
    await producer.close();
  });
});
