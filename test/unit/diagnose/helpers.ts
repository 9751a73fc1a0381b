import type { Alert, EcsDocument, Integration, PullRecord } from '@pullwatch/core';
import type { AlertChange, AlertSink, EvidenceSource } from '@pullwatch/ports';
import { MemoryAlertStore, MemoryEvidenceSource, MemoryIntegrationRegistry } from '@pullwatch/store-memory';

export const HOUR = 3_600_000;
export const T0 = Date.parse('2026-11-26T10:00:00.000Z');
export const at = (ms: number): Date => new Date(ms);

/** Pull records of one integration every `stepMs` in [from, to]. */
export function pulls(id: string, from: number, to: number, status: number, stepMs = 30 * 60_000, ip = '203.0.113.9'): PullRecord[] {
  const out: PullRecord[] = [];
  for (let t = from; t <= to; t += stepMs) {
    out.push({ '@timestamp': new Date(t).toISOString(), integration: { id }, source: { ip }, http: { response: { status_code: status } }, url: { path: `/v1/integrations/${id}/content` } });
  }
  return out;
}

/** Stored firewall documents of a device: classified feed lines (or plain syslog) every `stepMs`. */
export function lines(host: string, from: number, to: number, feed?: { event: string; category?: string; rule?: string }, stepMs = 30 * 60_000): EcsDocument[] {
  const out: EcsDocument[] = [];
  for (let t = from; t <= to; t += stepMs) {
    out.push({
      '@timestamp': new Date(t).toISOString(),
      message: feed ? `${feed.event} ${feed.category ?? ''}` : 'traffic',
      observer: { name: host },
      ...(feed ? { pullwatch: { feed: { event: feed.event }, root_cause: { ...(feed.category ? { category: feed.category } : {}), rule: feed.rule ?? 'test.rule', confidence: 0.9 } } } : {}),
    });
  }
  return out;
}

export const integration = (id: string, vendor: Integration['vendor'] = 'fortigate'): Integration => ({
  id,
  name: `fw-${id}`,
  vendor,
  devices: [{ hostname: `fw-${id}` }],
  egress_ips: ['203.0.113.9'],
  feed: { name: 'CrowdSec_BL' },
});

/** Records what was published. */
export class RecordingSink implements AlertSink {
  readonly published: Array<{ change: AlertChange; alert: Alert }> = [];
  fail = false;
  async publish(alert: Alert, change: AlertChange): Promise<void> {
    if (this.fail) throw new Error('destination down');
    this.published.push({ change, alert: structuredClone(alert) });
  }
  changes(): string[] {
    return this.published.map((p) => `${p.change} ${p.alert.id}`);
  }
}

/** An evidence source that counts its calls (batching: one of each per run). */
export class CountingEvidenceSource implements EvidenceSource {
  summaries = 0;
  gathers: string[][] = [];
  constructor(readonly inner: MemoryEvidenceSource) {}
  pullSummaries(...args: Parameters<EvidenceSource['pullSummaries']>) {
    this.summaries++;
    return this.inner.pullSummaries(...args);
  }
  gather(...args: Parameters<EvidenceSource['gather']>) {
    this.gathers.push(args[0].map((i) => i.id));
    return this.inner.gather(...args);
  }
}

export function world(integrations: Integration[]) {
  const source = new MemoryEvidenceSource();
  return {
    registry: new MemoryIntegrationRegistry(integrations),
    source,
    evidence: new CountingEvidenceSource(source),
    alerts: new MemoryAlertStore(),
    sink: new RecordingSink(),
  };
}
