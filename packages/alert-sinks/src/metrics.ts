import { Counter, type Registry } from '@pullwatch/telemetry';

/** Counters shared by every alert sink of a process (one set per registry), labelled by `sink` (`kafka`, `webhook`). */
export interface AlertSinkMetrics {
  /** Alert changes a destination accepted. Labels: sink, change. */
  delivered: Counter<'sink' | 'change'>;
  /** Alert changes a destination never accepted (after retries). Labels: sink, reason (bounded). */
  failed: Counter<'sink' | 'reason'>;
  /** Delivery attempts that failed and were retried. Labels: sink. */
  retries: Counter<'sink'>;
}

const byRegistry = new WeakMap<Registry, AlertSinkMetrics>();

function make(registers: Registry[]): AlertSinkMetrics {
  return {
    delivered: new Counter({
      name: 'pullwatch_alert_sink_delivered_total',
      help: 'Alert changes accepted by a destination.',
      labelNames: ['sink', 'change'],
      registers,
    }),
    failed: new Counter({
      name: 'pullwatch_alert_sink_failed_total',
      help: 'Alert changes a destination never accepted, after every retry.',
      labelNames: ['sink', 'reason'],
      registers,
    }),
    retries: new Counter({
      name: 'pullwatch_alert_sink_retries_total',
      help: 'Delivery attempts that failed and were retried.',
      labelNames: ['sink'],
      registers,
    }),
  };
}

/** The counters of `registry` (created on first use), or unregistered ones when there is no registry. */
export function alertSinkMetrics(registry?: Registry): AlertSinkMetrics {
  if (!registry) return make([]);
  let m = byRegistry.get(registry);
  if (!m) byRegistry.set(registry, (m = make([registry])));
  return m;
}
