import { describe, expect, it } from 'vitest';
import { BusAlertSink, FanoutAlertSink } from '@pullwatch/alert-sinks';
import type { Alert } from '@pullwatch/core';
import type { AlertChange, AlertSink, BusProducer, BusRecord } from '@pullwatch/ports';
import { createLogger, createRegistry } from '@pullwatch/telemetry';
import { Writable } from 'node:stream';
import { sampleAlert } from './fixtures.js';

const silent = createLogger({ service: 'test', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

class RecordingProducer implements BusProducer {
  sent: Array<{ topic: string; records: BusRecord[] }> = [];
  fail = false;
  async send(topic: string, records: BusRecord[]): Promise<void> {
    if (this.fail) throw new Error('broker unavailable');
    this.sent.push({ topic, records });
  }
  async close(): Promise<void> {}
}

describe('alert-sinks > BusAlertSink', () => {
  it('publishes { change, alert } as JSON to pullwatch.alerts, keyed by integration id', async () => {
    const producer = new RecordingProducer();
    const alert = sampleAlert();
    await new BusAlertSink({ producer, logger: silent }).publish(alert, 'opened');
    expect(producer.sent).toHaveLength(1);
    const { topic, records } = producer.sent[0]!;
    expect(topic).toBe('pullwatch.alerts');
    expect(records[0]!.key).toBe('int-fw-paris');
    expect(records[0]!.headers).toMatchObject({ 'pullwatch-change': 'opened' });
    expect(JSON.parse(records[0]!.value.toString())).toEqual({ change: 'opened', alert });
  });

  it('logs and counts a failed send instead of throwing', async () => {
    const producer = new RecordingProducer();
    producer.fail = true;
    const registry = createRegistry('test');
    await expect(new BusAlertSink({ producer, logger: silent, registry, topic: 'alerts.test' }).publish(sampleAlert(), 'resolved')).resolves.toBeUndefined();
    expect(await registry.metrics()).toMatch(/pullwatch_alert_sink_failed_total\{sink="kafka",reason="send_failed",service="test"\} 1/);
  });
});

describe('alert-sinks > FanoutAlertSink', () => {
  it('hands each change to every sink, even when one throws', async () => {
    const got: Array<[string, AlertChange]> = [];
    const ok: AlertSink = { publish: async (a: Alert, c: AlertChange) => void got.push([a.id, c]) };
    const broken: AlertSink = { publish: async () => Promise.reject(new Error('boom')) };
    const fanout = new FanoutAlertSink([broken, ok, ok], silent);
    await expect(fanout.publish(sampleAlert(), 'updated')).resolves.toBeUndefined();
    expect(got).toHaveLength(2);
    expect(fanout.size).toBe(3);
  });
});
