import type { Socket } from 'node:net';
import type { Config } from '@pullwatch/config';
import type { Bus } from '@pullwatch/ports';
import { createRegistry, startHealthServer, type HealthServer, type Logger, type Registry } from '@pullwatch/telemetry';
import { EnvelopePacker } from './envelope-packer.js';
import { MessageIntake } from './message-intake.js';
import { receiverMetrics } from './receiver-metrics.js';
import { RecordPump } from './record-pump.js';
import { startStreamListener } from './listeners/stream-listener.js';
import { startUdpListener, type Listener } from './listeners/udp-listener.js';

export interface ReceiverHandle {
  runId: string;
  listeners: Listener[];
  health: HealthServer;
  registry: Registry;
  /** Graceful stop: stop accepting, flush what was received to Kafka, close. */
  stop(): Promise<void>;
}

/** Starts the syslog receiver: UDP/TCP/TLS listeners → packed envelopes → bus topic. */
export async function startReceiver(config: Config, bus: Bus, logger: Logger): Promise<ReceiverHandle> {
  const rc = config.receiver;
  const log = logger.child({ component: 'receiver' });
  const registry = createRegistry('receiver');
  const metrics = receiverMetrics(registry);
  await bus.ensureTopics([config.kafka.rawTopic, config.kafka.deadLetterTopic]);
  const producer = await bus.producer();

  const sockets = new Set<Socket>();
  let lastProduceError: string | undefined;
  const pump: RecordPump = new RecordPump({
    producer,
    topic: config.kafka.rawTopic,
    logger: log,
    onAcked: (messages, bytes, byTransport) => {
      lastProduceError = undefined;
      metrics.producedRecords.inc();
      for (const [t, n] of byTransport) metrics.produced.inc({ transport: t }, n);
      intake.acked(bytes);
      metrics.pendingBytes.set(intake.pendingBytes);
      void messages;
    },
    onError: (err) => {
      lastProduceError = err instanceof Error ? err.message : String(err);
      metrics.produceErrors.inc();
    },
  });
  const intake: MessageIntake = new MessageIntake({
    packer: (onBatch) => new EnvelopePacker({ maxMessages: rc.batchMaxMessages, maxBytes: rc.batchMaxBytes, maxAgeMs: rc.batchMaxAgeMs, onBatch }),
    onBatch: (sender, envelopes, bytes) => {
      pump.enqueue(sender, envelopes, bytes);
      metrics.pendingBytes.set(intake.pendingBytes);
    },
    metrics,
    maxPendingBytes: rc.maxPendingBytes,
    onPressure: (saturated) => {
      metrics.paused.set(saturated ? 1 : 0);
      log.warn({ pending_bytes: intake.pendingBytes, saturated }, saturated ? 'Producer saturated; pausing TCP reads and dropping UDP.' : 'Producer caught up; resuming reads.');
      for (const s of sockets) (saturated ? s.pause() : s.resume());
    },
  });

  const listeners: Listener[] = [];
  const common = { maxMessageBytes: rc.maxMessageBytes, intake, metrics, logger };
  try {
    if (rc.udp.enabled) listeners.push(await startUdpListener({ ...common, host: rc.udp.host, port: rc.udp.port, recvBufferBytes: rc.udp.recvBufferBytes }));
    const stream = { ...common, maxConnections: rc.tcp.maxConnections, idleTimeoutMs: rc.tcp.idleTimeoutMs, sockets };
    if (rc.tcp.enabled) listeners.push(await startStreamListener({ ...stream, transport: 'tcp', host: rc.tcp.host, port: rc.tcp.port }));
    if (rc.tls.enabled) {
      listeners.push(
        await startStreamListener({
          ...stream,
          transport: 'tls',
          host: rc.tls.host,
          port: rc.tls.port,
          tls: {
            certFile: rc.tls.certFile!,
            keyFile: rc.tls.keyFile!,
            caFile: rc.tls.caFile,
            requestClientCert: rc.tls.requestClientCert,
            handshakeTimeoutMs: rc.tls.handshakeTimeoutMs,
          },
        }),
      );
    }
  } catch (err) {
    await Promise.allSettled(listeners.map((l) => l.close()));
    await producer.close();
    throw err;
  }

  const health = await startHealthServer({
    host: rc.httpHost,
    port: rc.httpPort,
    registry,
    health: () => ({
      ok: lastProduceError === undefined,
      run_id: intake.runId,
      listeners: listeners.map((l) => ({ name: l.name, ...l.address() })),
      pending_bytes: intake.pendingBytes,
      saturated: intake.saturated,
      ...(lastProduceError ? { produce_error: lastProduceError } : {}),
    }),
  });
  log.info(
    { run_id: intake.runId, listeners: listeners.map((l) => ({ name: l.name, ...l.address() })), http: health.address() },
    'Receiver started.',
  );

  let stopping: Promise<void> | undefined;
  return {
    runId: intake.runId,
    listeners,
    health,
    registry,
    stop: () =>
      (stopping ??= (async () => {
        log.info('Receiver stopping: closing listeners and flushing.');
        for (const s of sockets) s.resume();
        await Promise.allSettled(listeners.map((l) => l.close()));
        intake.packer.close();
        await pump.drain();
        await producer.close();
        await health.close();
        log.info('Receiver stopped.');
      })()),
  };
}
