import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBus } from '@pullwatch/bus-kafka';
import { loadConfig } from '@pullwatch/config';
import { startReceiver, type ReceiverHandle } from '@pullwatch/receiver';
import { createLogger } from '@pullwatch/telemetry';
import { GatedBus } from '../../helpers/gated-bus.js';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';

const sink = new Writable({ write: (_c, _e, cb) => cb() });

async function metric(r: ReceiverHandle, name: string, labels: string): Promise<number> {
  const text = await r.registry.metrics();
  const re = new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm');
  let total = 0;
  for (const m of text.matchAll(re)) if (labels.split(',').every((l) => m[1]!.includes(l))) total += Number(m[2]);
  return total;
}

describe('receiver > backpressure against a saturated producer', () => {
  const id = uniqueName('bp');
  const logger = createLogger({ service: 'test', level: 'silent', destination: sink });
  const kafka = new KafkaBus({ brokers: [...endpoints.kafkaBrokers], clientId: id, logger, topicPartitions: 1 });
  const bus = new GatedBus(kafka);
  let receiver: ReceiverHandle;

  beforeAll(async () => {
    const config = loadConfig({
      env: {
        PULLWATCH_KAFKA_RAW_TOPIC: `pullwatch.syslog.raw.${id}`,
        PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
        PULLWATCH_RECEIVER_UDP_HOST: '127.0.0.1',
        PULLWATCH_RECEIVER_UDP_PORT: '0',
        PULLWATCH_RECEIVER_TCP_HOST: '127.0.0.1',
        PULLWATCH_RECEIVER_TCP_PORT: '0',
        PULLWATCH_RECEIVER_HTTP_PORT: '0',
        PULLWATCH_RECEIVER_MAX_PENDING_BYTES: String(1024 * 1024),
        PULLWATCH_RECEIVER_BATCH_MAX_BYTES: String(64 * 1024),
      },
    });
    receiver = await startReceiver(config, bus, logger);
  });

  afterAll(async () => {
    bus.openGate();
    await receiver?.stop();
    await kafka.close();
  });

  it('pauses TCP reads (the sender backs up), drops and counts UDP, and loses no TCP message once Kafka catches up', async () => {
    const tcpPort = receiver.listeners.find((l) => l.name === 'tcp')!.address().port;
    const udpPort = receiver.listeners.find((l) => l.name === 'udp')!.address().port;
    bus.closeGate();

    const N = 40_000;
    const line = (i: number) => `<134>Nov 26 10:00:00 fw01 filterlog[1]: backpressure test line ${i} ${'x'.repeat(180)}\n`;
    const client: Socket = connect(tcpPort, '127.0.0.1');
    await new Promise<void>((r) => client.once('connect', () => r()));
    let written = 0;
    for (let i = 0; i < N; i++) {
      client.write(line(i));
      written++;
    }
    // The receiver saturates, pauses the socket, and the rest waits in the sender's buffers.
    await waitFor(async () => (await metric(receiver, 'pullwatch_receiver_backpressure_paused', '')) === 1 || undefined, {
      timeoutMs: 20_000,
      message: 'receiver never paused',
    });
    await waitFor(() => client.writableLength > 0, { timeoutMs: 20_000, message: 'sender never backed up' });
    const receivedWhilePaused = await metric(receiver, 'pullwatch_receiver_received_messages_total', 'transport="tcp"');
    expect(receivedWhilePaused).toBeLessThan(N);

    // UDP while saturated: dropped and counted, never silently.
    const udp = createSocket('udp4');
    for (let i = 0; i < 50; i++) await new Promise<void>((r) => udp.send(`<134>udp while saturated ${i}`, udpPort, '127.0.0.1', () => r()));
    await waitFor(async () => (await metric(receiver, 'pullwatch_receiver_received_messages_total', 'transport="udp"')) === 50 || undefined, { timeoutMs: 10_000 });
    udp.close();
    expect(await metric(receiver, 'pullwatch_receiver_dropped_messages_total', 'transport="udp",reason="backpressure"')).toBe(50);

    bus.openGate();
    let produced = 0;
    await waitFor(async () => (produced = await metric(receiver, 'pullwatch_receiver_produced_messages_total', 'transport="tcp"')) === N, {
      timeoutMs: 90_000,
      intervalMs: 250,
      message: () => `produced ${produced} of ${N}`,
    });
    client.end();
    expect(written).toBe(N);
    expect(await metric(receiver, 'pullwatch_receiver_received_messages_total', 'transport="tcp"')).toBe(N);
    expect(await metric(receiver, 'pullwatch_receiver_backpressure_paused', '')).toBe(0);
  });
});
