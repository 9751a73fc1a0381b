import type { Alert } from '@pullwatch/core';
import type { AlertChange, AlertSink } from '@pullwatch/ports';
import type { Logger } from '@pullwatch/telemetry';

/**
 * AlertSink that hands each change to several sinks at once and resolves when
 * all of them are done; a sink that throws (against its contract) is logged and
 * never stops the others.
 */
export class FanoutAlertSink implements AlertSink {
  readonly #sinks: AlertSink[];
  readonly #log: Logger | undefined;

  constructor(sinks: AlertSink[], logger?: Logger) {
    this.#sinks = sinks;
    this.#log = logger?.child({ component: 'alert-sink', sink: 'fanout' });
  }

  get size(): number {
    return this.#sinks.length;
  }

  async publish(alert: Alert, change: AlertChange): Promise<void> {
    const results = await Promise.allSettled(this.#sinks.map((s) => s.publish(alert, change)));
    for (const r of results) {
      if (r.status === 'rejected') this.#log?.error({ err: r.reason, 'pullwatch.alert.id': alert.id, change }, 'An alert sink failed.');
    }
  }
}
