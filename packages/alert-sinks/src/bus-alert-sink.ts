import type { Alert } from '@pullwatch/core';
import type { AlertChange, AlertSink, BusProducer } from '@pullwatch/ports';
import type { Logger, Registry } from '@pullwatch/telemetry';
import { alertSinkMetrics, type AlertSinkMetrics } from './metrics.js';

/** Default topic of alert changes. */
export const ALERTS_TOPIC = 'pullwatch.alerts';

export interface BusAlertSinkOptions {
  producer: BusProducer;
  logger: Logger;
  /** @defaultValue 'pullwatch.alerts' */
  topic?: string;
  /** Where the sink's counters go (`pullwatch_alert_sink_*{sink="kafka"}`). */
  registry?: Registry;
}

/** The record value on the topic and the webhook body: what changed, and the alert after the change. */
export interface AlertChangeMessage {
  change: AlertChange;
  alert: Alert;
}

/**
 * AlertSink onto the bus (Kafka topic `pullwatch.alerts`): one record per
 * change, value `{ change, alert }` as JSON, key the integration id (so the
 * changes of one integration stay in order), headers `pullwatch-change` and
 * `content-type`. The producer retries transient broker errors itself; a send
 * that still fails is logged at ERROR and counted, not thrown (port contract).
 */
export class BusAlertSink implements AlertSink {
  readonly #opts: BusAlertSinkOptions;
  readonly #log: Logger;
  readonly #m: AlertSinkMetrics;

  constructor(opts: BusAlertSinkOptions) {
    this.#opts = opts;
    this.#log = opts.logger.child({ component: 'alert-sink', sink: 'kafka' });
    this.#m = alertSinkMetrics(opts.registry);
  }

  get topic(): string {
    return this.#opts.topic ?? ALERTS_TOPIC;
  }

  async publish(alert: Alert, change: AlertChange): Promise<void> {
    const message: AlertChangeMessage = { change, alert };
    try {
      await this.#opts.producer.send(this.topic, [
        {
          key: alert.integration.id,
          value: Buffer.from(JSON.stringify(message)),
          headers: { 'pullwatch-change': change, 'content-type': 'application/json' },
        },
      ]);
      this.#m.delivered.inc({ sink: 'kafka', change });
    } catch (err) {
      this.#m.failed.inc({ sink: 'kafka', reason: 'send_failed' });
      this.#log.error({ err, topic: this.topic, 'pullwatch.alert.id': alert.id, change }, 'Alert change not published to the bus.');
    }
  }
}
