import { Counter, Gauge, type Registry } from '@pullwatch/telemetry';

/** The receiver's Prometheus metrics. Counters are bumped per read/batch, never logged per message. */
export function receiverMetrics(registry: Registry) {
  const labelNames = ['transport'] as const;
  return {
    received: new Counter({ name: 'pullwatch_receiver_received_messages_total', help: 'Syslog messages received.', labelNames, registers: [registry] }),
    receivedBytes: new Counter({ name: 'pullwatch_receiver_received_bytes_total', help: 'Syslog bytes received.', labelNames, registers: [registry] }),
    truncated: new Counter({ name: 'pullwatch_receiver_truncated_messages_total', help: 'Messages cut at the size limit (kept, flagged).', labelNames, registers: [registry] }),
    dropped: new Counter({
      name: 'pullwatch_receiver_dropped_messages_total',
      help: 'Messages dropped: UDP datagrams received while the pending buffer was full.',
      labelNames: ['transport', 'reason'] as const,
      registers: [registry],
    }),
    produced: new Counter({ name: 'pullwatch_receiver_produced_messages_total', help: 'Messages acknowledged by Kafka.', labelNames, registers: [registry] }),
    producedRecords: new Counter({ name: 'pullwatch_receiver_produced_records_total', help: 'Packed Kafka records acknowledged.', registers: [registry] }),
    produceErrors: new Counter({ name: 'pullwatch_receiver_produce_errors_total', help: 'Failed produce attempts (retried).', registers: [registry] }),
    framingEvents: new Counter({
      name: 'pullwatch_receiver_framing_events_total',
      help: 'Framing anomalies: octet-count fallbacks, frames incomplete at disconnect, empty lines.',
      labelNames: ['event'] as const,
      registers: [registry],
    }),
    pendingBytes: new Gauge({ name: 'pullwatch_receiver_pending_bytes', help: 'Bytes received and not yet acknowledged by Kafka.', registers: [registry] }),
    paused: new Gauge({ name: 'pullwatch_receiver_backpressure_paused', help: '1 while TCP reads are paused because the producer is saturated.', registers: [registry] }),
    connections: new Gauge({ name: 'pullwatch_receiver_connections', help: 'Open TCP/TLS connections.', labelNames, registers: [registry] }),
  };
}

export type ReceiverMetrics = ReturnType<typeof receiverMetrics>;
