import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeBatchSchema } from '@pullwatch/core';
import { endpoints, waitFor } from '../helpers/services.js';
import { startPipeline, type Pipeline } from './pipeline-harness.js';

const run = promisify(execFile);
const RUN = Math.random().toString(36).slice(2, 8);
const N = 40;

/** Lines of one sending client, each with a unique marker `pw<run>-<client>-<i>`. */
const linesOf = (client: string) => Array.from({ length: N }, (_, i) => `pw${RUN}-${client}-${i} blocklist pull check from ${client}`);

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function loggerSend(p: Pipeline, client: string, args: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-logger-'));
  const file = join(dir, 'lines.txt');
  const lines = linesOf(client);
  writeFileSync(file, lines.join('\n') + '\n');
  const port = args.includes('--udp') ? p.udpPort : p.tcpPort;
  await run('logger', ['--server', '127.0.0.1', '--port', String(port), '-t', 'pwtest', '-f', file, ...args]);
  return lines;
}

/** All documents of the pipeline's stream (one stream per test run). */
async function allDocs(p: Pipeline) {
  const index = p.config.elasticsearch.firewallStream;
  await p.store.client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const resp = await p.store.client.search({ index, size: 10_000, ignore_unavailable: true, allow_no_indices: true, query: { match_all: {} } });
  return resp.hits.hits.map((h) => ({ id: h._id!, source: h._source as { message?: string; event?: { original?: string } } }));
}

/** How many documents carry each marker. */
function countMarkers(docs: Array<{ source: { event?: { original?: string } } }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    const m = /pw[a-z0-9]+-[a-z0-9-]+?-\d+(?= )/.exec(d.source.event?.original ?? '');
    if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  return counts;
}

describe('e2e > syslog clients → receiver → Kafka → worker → Elasticsearch', () => {
  let p: Pipeline;
  let rsyslog: ChildProcess | undefined;
  const sent: string[] = [];

  beforeAll(async () => {
    p = await startPipeline({ workers: 2 });
  });

  afterAll(async () => {
    rsyslog?.kill('SIGTERM');
    await p?.stop();
  });

  it('takes util-linux logger over UDP (RFC 3164)', async () => {
    sent.push(...(await loggerSend(p, 'udp3164', ['--udp', '--rfc3164'])));
  });

  it('takes util-linux logger over TCP, LF-framed (RFC 3164) and octet-counted (RFC 5424)', async () => {
    sent.push(...(await loggerSend(p, 'tcplf', ['--tcp', '--rfc3164'])));
    sent.push(...(await loggerSend(p, 'tcpoctet', ['--tcp', '--rfc5424', '--octet-count'])));
  });

  it('takes rsyslog omfwd with octet-counted framing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-rsyslog-'));
    const inPort = await freePort();
    writeFileSync(
      join(dir, 'rsyslog.conf'),
      [
        `global(workDirectory="${dir}")`,
        'module(load="imtcp")',
        `input(type="imtcp" address="127.0.0.1" port="${inPort}" ruleset="fwd")`,
        'ruleset(name="fwd") {',
        `  action(type="omfwd" target="127.0.0.1" port="${p.tcpPort}" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")`,
        '}',
      ].join('\n') + '\n',
    );
    rsyslog = spawn('rsyslogd', ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslog.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let rsyslogOut = '';
    rsyslog.stdout?.on('data', (d) => (rsyslogOut += d));
    rsyslog.stderr?.on('data', (d) => (rsyslogOut += d));
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const s = connect(inPort, '127.0.0.1', () => {
            s.destroy();
            resolve(true);
          });
          s.on('error', () => resolve(false));
        }),
      { timeoutMs: 15_000, message: () => `rsyslogd did not listen on ${inPort}: ${rsyslogOut}` },
    );
    const dirLines = mkdtempSync(join(tmpdir(), 'pw-logger-'));
    const lines = linesOf('rsyslog');
    writeFileSync(join(dirLines, 'l.txt'), lines.join('\n') + '\n');
    await run('logger', ['--server', '127.0.0.1', '--port', String(inPort), '--tcp', '--rfc3164', '-t', 'pwtest', '-f', join(dirLines, 'l.txt')]);
    sent.push(...lines);
  });

  it('keeps working after a malformed client disconnects mid-frame', async () => {
    const s = connect(p.tcpPort, '127.0.0.1');
    await new Promise<void>((r) => s.once('connect', () => r()));
    s.write('500 <14>1 2026-11-26T10:00:00Z host app - - - this frame is cut short');
    await new Promise((r) => setTimeout(r, 50));
    s.destroy();
    sent.push(...(await loggerSend(p, 'afterbad', ['--tcp', '--rfc3164'])));
  });

  it('indexes every line sent exactly once, and the raw topic holds each as read by kcat', async () => {
    const expected = new Set(sent.map((l) => l.split(' ')[0]!));
    expect(expected.size).toBe(5 * N);
    let counts = new Map<string, number>();
    await waitFor(
      async () => {
        counts = countMarkers(await allDocs(p));
        return [...expected].every((m) => counts.has(m));
      },
      { timeoutMs: 90_000, intervalMs: 500, message: () => `only ${[...expected].filter((m) => counts.has(m)).length}/${expected.size} lines indexed\n${p.logs.lines.slice(-20).join('')}` },
    );
    const docs = await allDocs(p);
    const final = countMarkers(docs);
    const duplicates = [...final].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect([...expected].filter((m) => final.get(m) !== 1)).toEqual([]);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);

    // An independent consumer (kcat) reads the raw topic.
    const { stdout } = await run(
      'kcat',
      ['-C', '-b', endpoints.kafkaBrokers[0]!, '-t', p.config.kafka.rawTopic, '-o', 'beginning', '-e', '-q', '-f', '%s\n'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const onKafka = new Map<string, number>();
    for (const line of stdout.split('\n')) {
      if (!line.trim()) continue;
      const batch = envelopeBatchSchema.parse(JSON.parse(line));
      for (const e of batch.envelopes) {
        const m = /pw[a-z0-9]+-[a-z0-9-]+?-\d+(?= )/.exec(e.raw);
        if (m) onKafka.set(m[0], (onKafka.get(m[0]) ?? 0) + 1);
      }
    }
    const sentCount = expected.size;
    const esCount = [...expected].filter((m) => final.get(m) === 1).length;
    const kafkaCount = [...expected].filter((m) => onKafka.get(m) === 1).length;
    console.log(`e2e counts: sent=${sentCount} elasticsearch=${esCount} kafka=${kafkaCount}`);
    expect({ sent: sentCount, elasticsearch: esCount, kafka: kafkaCount }).toEqual({ sent: 5 * N, elasticsearch: 5 * N, kafka: 5 * N });
  });

  it('indexes the incomplete frame of the malformed client, flagged, not lost', async () => {
    const docs = await allDocs(p);
    const cut = docs.filter((d) => (d.source.event?.original ?? '').includes('this frame is cut short'));
    expect(cut).toHaveLength(1);
  });

  it('exposes health and Prometheus metrics', async () => {
    const { port } = p.receiver.health.address();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const udp = Number(/pullwatch_receiver_received_messages_total\{[^}]*transport="udp"[^}]*\} (\d+)/.exec(metrics)?.[1]);
    expect(udp).toBeGreaterThanOrEqual(N);
    expect(metrics).toMatch(/pullwatch_receiver_produced_messages_total\{[^}]*transport="tcp"/);
  });
});
