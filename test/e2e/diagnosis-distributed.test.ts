/**
 * End to end, distributed: FortiGate syslog in through the receiver (TCP), pull records in
 * through the API (NDJSON → Kafka → pull consumer → Elasticsearch), the correlator on
 * BullMQ with a fake clock → an offline alert with the right cause in Elasticsearch, on the
 * Kafka topic (read by an independent consumer) and at a signed webhook; then a successful
 * pull resolves it everywhere.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@pullwatch/alert-sinks';
import type { Alert, Diagnosis, Integration, PullRecord } from '@pullwatch/core';
import { waitFor } from '../helpers/services.js';
import { readTopic } from '../integration/ingest/worker-pipeline.helpers.js';
import { startDiagnosisPipeline, type DiagnosisPipeline } from './diagnosis-harness.js';

const HOUR = 3_600_000;
const BASE = Math.floor(Date.now() / 1000) * 1000;

/** A FortiGate "threat feed update failed" event at `at` (UTC), as the device sends it. */
function fortigateFeedFailure(devname: string, at: number): string {
  const d = new Date(at).toISOString();
  return (
    `<188>date=${d.slice(0, 10)} time=${d.slice(11, 19)} devname="${devname}" devid="FG100FTK19000001" eventtime=${BigInt(at) * 1_000_000n} tz="+0000" ` +
    `logid="0100022221" type="event" subtype="system" level="warning" vd="root" logdesc="Threat feed update failed" status="failed" ` +
    `msg="Failed to update external resource CrowdSec_BL" reason="HTTP 401 Unauthorized"`
  );
}

const pull = (id: string, at: number, status: number): PullRecord => ({
  '@timestamp': new Date(at).toISOString(),
  integration: { id },
  source: { ip: '203.0.113.45' },
  http: { request: { method: 'GET' }, response: { status_code: status } },
  url: { path: `/v1/integrations/${id}/content` },
});

async function sendTcp(port: number, lines: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(lines.map((l) => l + '\n').join('')));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

describe('e2e > diagnosis, distributed', () => {
  let p: DiagnosisPipeline;
  const failed: string[] = [];

  beforeAll(async () => {
    p = await startDiagnosisPipeline({ now: BASE });
  });
  afterAll(async () => {
    if (failed.length) process.stderr.write(p.logs.lines.slice(-80).join(''));
    await p?.stop();
  });

  it('raises the offline alert with its cause in Elasticsearch, on Kafka and at the webhook, then resolves it', async () => {
    const api = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
      const res = await fetch(`${p.apiUrl}${path}`, {
        method,
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } } : {}),
      });
      return { status: res.status, json: (await res.json()) as unknown };
    };
    try {
      const devname = `fgt-${p.id.slice(-10)}`;
      const integration: Integration = { id: `int-${p.id}`, name: 'Edge FortiGate', vendor: 'fortigate', devices: [{ hostname: devname }] };
      expect((await api('POST', '/v1/integrations', integration)).status).toBe(201);

      // The endpoint's records: fine 30 h ago, then 401 every hour.
      const records = [pull(integration.id, BASE - 30 * HOUR, 200), ...Array.from({ length: 29 }, (_, h) => pull(integration.id, BASE - (29 - h) * HOUR, 401))];
      const posted = await api('POST', '/v1/pulls', records.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson');
      expect(posted).toEqual({ status: 202, json: { accepted: 30, rejected: [], rejected_count: 0 } });
      // The firewall says why, through its syslog.
      await sendTcp(p.tcpPort, [fortigateFeedFailure(devname, BASE - 20 * 60_000), fortigateFeedFailure(devname, BASE - 10 * 60_000)]);

      const es = p.stores.store.client;
      const c = p.config.elasticsearch;
      const count = async (index: string) => {
        await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
        return (await es.count({ index, ignore_unavailable: true, allow_no_indices: true })).count;
      };
      await waitFor(async () => (await count(c.pullsStream)) === 30 && (await count(c.firewallStream)) === 2, {
        timeoutMs: 40_000,
        intervalMs: 250,
        message: 'pulls and syslog did not reach Elasticsearch',
      });

      await p.startCorrelator();
      const openAlert = await waitFor(async () => (await p.stores.alerts.list({ status: 'open', integrationId: integration.id }))[0], {
        timeoutMs: 20_000,
        intervalMs: 200,
        message: 'no alert opened',
      });
      expect(openAlert).toMatchObject({ status: 'open', state: 'offline', origin: 'pullwatch', integration: { id: integration.id, vendor: 'fortigate' } });
      expect(openAlert.diagnosis.primary.category).toBe('credentials_invalid');
      expect(openAlert.diagnosis.evidence.devices[0]?.syslog.count).toBe(2);
      // The firewall was heard from (liveness): it is alive, so not firewall_offline. (Its lines become
      // feed-event evidence with excerpts once the ingest pipeline runs the classifier stage.)
      expect(openAlert.diagnosis.alternatives.map((a) => a.category)).not.toContain('firewall_offline');
      expect(openAlert.diagnosis.remediation.length).toBeGreaterThan(0);

      // The same alert through the API.
      const listed = (await api('GET', `/v1/alerts?status=open&cause=credentials_invalid&integration=${integration.id}`)).json as { alerts: Alert[] };
      expect(listed.alerts.map((a) => a.id)).toEqual([openAlert.id]);
      const onDemand = (await api('GET', `/v1/integrations/${integration.id}/diagnosis`)).json as Diagnosis;
      expect(onDemand.primary.category).toBe('credentials_invalid');

      const opened = await readTopic(p.config.alerts.topic, 1, 20_000);
      expect(opened).toHaveLength(1);
      expect(opened[0]!.key).toBe(integration.id);
      expect(JSON.parse(opened[0]!.value)).toMatchObject({ change: 'opened', alert: { id: openAlert.id, diagnosis: { primary: { category: 'credentials_invalid' } } } });
      await waitFor(() => p.webhooks.length >= 1, { timeoutMs: 10_000 });
      const hook = p.webhooks[0]!;
      expect(verifyWebhookSignature(hook.body, hook.headers['x-pullwatch-signature'] as string, p.webhookSecret)).toBe(true);
      expect(JSON.parse(hook.body)).toMatchObject({ change: 'opened', alert: { id: openAlert.id } });

      // The customer fixes the password: a successful pull, and time moves on.
      const fixed = await api('POST', '/v1/pulls', JSON.stringify(pull(integration.id, BASE + 60_000, 200)) + '\n', 'application/x-ndjson');
      expect(fixed.status).toBe(202);
      p.clock.now = BASE + 2 * 60_000;
      const resolved = await waitFor(async () => {
        const a = await p.stores.alerts.get(openAlert.id);
        return a?.status === 'resolved' ? a : undefined;
      }, { timeoutMs: 30_000, intervalMs: 250, message: 'the alert was not resolved' });
      expect(resolved).toMatchObject({ state: 'resolved', resolved_at: new Date(BASE + 2 * 60_000).toISOString() });
      expect(resolved.resolution).toContain('203.0.113.45');

      const changes = await readTopic(p.config.alerts.topic, 2, 20_000);
      expect(changes.map((m) => (JSON.parse(m.value) as { change: string }).change)).toEqual(['opened', 'resolved']);
      await waitFor(() => p.webhooks.length >= 2, { timeoutMs: 10_000 });
      expect(p.webhooks.map((w) => w.headers['x-pullwatch-event'])).toEqual(['alert.opened', 'alert.resolved']);
      for (const w of p.webhooks) expect(verifyWebhookSignature(w.body, w.headers['x-pullwatch-signature'] as string, p.webhookSecret)).toBe(true);
      expect((await api('GET', `/v1/alerts?status=open&integration=${integration.id}`)).json).toEqual({ alerts: [], count: 0 });
    } catch (err) {
      failed.push(String(err));
      throw err;
    }
  });
});
