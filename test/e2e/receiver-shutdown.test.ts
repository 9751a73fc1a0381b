import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { envelopeBatchSchema } from '@pullwatch/core';
import { endpoints, uniqueName, waitFor } from '../helpers/services.js';
import { readTopic } from '../integration/ingest/worker-pipeline.helpers.js';

describe('e2e > pullwatch receiver (the command) on SIGTERM', () => {
  it('stops accepting, flushes every message it received to Kafka, and exits 0', async () => {
    const id = uniqueName('sigterm').replace(/[^a-z0-9]/g, '');
    const topic = `pullwatch.syslog.raw.${id}`;
    const child = spawn(process.execPath, ['services/cli/bin/pullwatch.js', 'receiver'], {
      env: {
        ...process.env,
        PULLWATCH_KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        PULLWATCH_KAFKA_RAW_TOPIC: topic,
        PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
        PULLWATCH_RECEIVER_UDP_ENABLED: 'false',
        PULLWATCH_RECEIVER_TCP_HOST: '127.0.0.1',
        PULLWATCH_RECEIVER_TCP_PORT: '0',
        PULLWATCH_RECEIVER_HTTP_PORT: '0',
        // A long batch age: without the flush at shutdown, the messages would still be waiting.
        PULLWATCH_RECEIVER_BATCH_MAX_AGE_MS: '60000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const started = await waitFor(() => out.split('\n').find((l) => l.includes('Receiver started.')), { timeoutMs: 60_000, message: () => `receiver did not start:\n${out}` });
    const { listeners, http } = JSON.parse(started) as { listeners: Array<{ name: string; port: number }>; http: { port: number } };
    const port = listeners.find((l) => l.name === 'tcp')!.port;

    const N = 500;
    const s = connect(port, '127.0.0.1');
    await once(s, 'connect');
    for (let i = 0; i < N; i++) s.write(`<134>Nov 26 10:00:00 fw01 app: shutdown test ${i}\n`);
    await new Promise<void>((r) => s.end(() => r()));
    // Signal only once the receiver has read every line (it has not produced them yet: batches wait 60 s).
    await waitFor(
      async () => {
        const metrics = await (await fetch(`http://127.0.0.1:${http.port}/metrics`)).text();
        return Number(/pullwatch_receiver_received_messages_total\{[^}]*transport="tcp"[^}]*\} (\d+)/.exec(metrics)?.[1]) === N;
      },
      { timeoutMs: 20_000 },
    );
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, out).toBe(0);
    expect(out).toContain('Receiver stopped.');

    const records = await readTopic(topic, 1);
    const lines = records.flatMap((r) => envelopeBatchSchema.parse(JSON.parse(r.value)).envelopes.map((e) => e.raw));
    expect(lines).toHaveLength(N);
    expect(new Set(lines).size).toBe(N);
  });
});
