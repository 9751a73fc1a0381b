import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@pullwatch/config';
import { envelopeBatchSchema } from '@pullwatch/core';
import { startReceiver, type ReceiverHandle } from '@pullwatch/receiver';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { kafkaBusFor, readTopic, silent } from '../ingest/worker-pipeline.helpers.js';

describe('receiver > syslog over TLS (RFC 5425)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-tls-'));
  const id = uniqueName('tls').replace(/[^a-z0-9]/g, '');
  let receiver: ReceiverHandle;
  const config = (() => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return loadConfig({
      env: {
        PULLWATCH_KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        PULLWATCH_KAFKA_RAW_TOPIC: `pullwatch.syslog.raw.${id}`,
        PULLWATCH_KAFKA_DEAD_LETTER_TOPIC: `pullwatch.deadletter.${id}`,
        PULLWATCH_RECEIVER_UDP_ENABLED: 'false',
        PULLWATCH_RECEIVER_TCP_ENABLED: 'false',
        PULLWATCH_RECEIVER_TLS_ENABLED: 'true',
        PULLWATCH_RECEIVER_TLS_HOST: '127.0.0.1',
        PULLWATCH_RECEIVER_TLS_PORT: '0',
        PULLWATCH_RECEIVER_TLS_CERT_FILE: join(dir, 'cert.pem'),
        PULLWATCH_RECEIVER_TLS_KEY_FILE: join(dir, 'key.pem'),
        PULLWATCH_RECEIVER_HTTP_PORT: '0',
        PULLWATCH_RECEIVER_BATCH_MAX_AGE_MS: '10',
      },
    });
  })();
  const bus = kafkaBusFor(config, id);

  beforeAll(async () => {
    receiver = await startReceiver(config, bus, silent);
  });
  afterAll(async () => {
    await receiver?.stop();
    await bus.close();
  });

  it('takes octet-counted frames over TLS, including a frame with an embedded LF, and keeps them whole', async () => {
    const port = receiver.listeners.find((l) => l.name === 'tls')!.address().port;
    const s = connect({ host: '127.0.0.1', port, ca: readFileSync(join(dir, 'cert.pem')), servername: 'localhost' });
    await once(s, 'secureConnect');
    const msgs = [
      '<165>1 2026-11-26T10:00:00.123456+01:00 fw01 app - - - first over tls',
      '<165>1 2026-11-26T10:00:01Z fw01 app - - - second\nwith an embedded line feed',
      '<134>Nov 26 10:00:02 fw01 filterlog[9]: third',
    ];
    s.write(msgs.map((m) => `${Buffer.byteLength(m)} ${m}`).join(''));
    await new Promise<void>((r) => s.end(() => r()));
    const records = await readTopic(config.kafka.rawTopic, 1);
    const envs = records.flatMap((r) => envelopeBatchSchema.parse(JSON.parse(r.value)).envelopes);
    expect(envs.map((e) => e.raw)).toEqual(msgs);
    expect(envs.every((e) => e.transport === 'tls' && e.listener === 'tls' && e.peer.address === '127.0.0.1')).toBe(true);
  });

  it('refuses a client that does not speak TLS without disturbing the listener', async () => {
    const port = receiver.listeners.find((l) => l.name === 'tls')!.address().port;
    const { connect: plain } = await import('node:net');
    const p = plain(port, '127.0.0.1');
    await once(p, 'connect');
    p.write('<14>plain text on the TLS port\n');
    await once(p, 'close');
    const health = await fetch(`http://127.0.0.1:${receiver.health.address().port}/healthz`);
    expect(health.status).toBe(200);
  });
});
