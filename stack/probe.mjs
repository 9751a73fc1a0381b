#!/usr/bin/env node
// Readiness probes of the local stack, used by stack/up.sh, stack/status.sh and scripts/test.sh.
//
//   node stack/probe.mjs kafka 127.0.0.1:9092          Kafka metadata answered (kafkajs admin listTopics;
//                                                       a raw ApiVersions request when kafkajs is not installed)
//   node stack/probe.mjs elasticsearch http://127.0.0.1:9200   GET /_cluster/health is yellow or green and the
//                                                       answer carries X-Elastic-Product: Elasticsearch
//   node stack/probe.mjs redis redis://127.0.0.1:6379  PING answered with PONG
//   node stack/probe.mjs tcp 127.0.0.1:9200            something accepts connections on the port
//
// Exit status 0 when the service answers, 1 when it does not; the reason goes to stderr.
// Uses Node's standard library only (kafkajs when it can be imported).
import { connect } from 'node:net';

const TIMEOUT_MS = Number(process.env.PULLWATCH_PROBE_TIMEOUT_MS ?? 3000);

function hostPort(value, defaultPort) {
  const text = value.includes('://') ? new URL(value).host : value;
  const i = text.lastIndexOf(':');
  if (i < 0) return { host: text, port: defaultPort };
  return { host: text.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(text.slice(i + 1)) };
}

/** Opens a TCP connection, writes `request`, resolves with the bytes read until `done(buffer)` says so. */
function exchange({ host, port }, request, done) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:${port} within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    socket.on('connect', () => {
      if (request) socket.write(request);
      else {
        clearTimeout(timer);
        socket.destroy();
        resolve(buffer);
      }
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (done(buffer)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(buffer);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`${host}:${port} closed the connection`));
    });
  });
}

/** Kafka ApiVersions v0 (api key 18): answers once the broker accepts requests. */
async function kafkaApiVersions(address) {
  const clientId = Buffer.from('pullwatch-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // api key
  body.writeInt16BE(0, 2); // api version
  body.writeInt32BE(1, 4); // correlation id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  const answer = await exchange(address, Buffer.concat([size, body]), (b) => b.length >= 4 && b.length >= 4 + b.readInt32BE(0));
  const errorCode = answer.readInt16BE(8);
  if (errorCode !== 0) throw new Error(`ApiVersions answered error code ${errorCode}`);
}

async function probeKafka(brokers) {
  let kafkajs;
  try {
    kafkajs = await import('kafkajs');
  } catch {
    for (const broker of brokers.split(',')) await kafkaApiVersions(hostPort(broker.trim(), 9092));
    return 'ApiVersions answered';
  }
  const { Kafka, logLevel } = kafkajs.default ?? kafkajs;
  const kafka = new Kafka({
    clientId: 'pullwatch-probe',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: TIMEOUT_MS,
    requestTimeout: TIMEOUT_MS,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    return `metadata answered (${topics.length} topics)`;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function probeElasticsearch(url) {
  const response = await fetch(new URL('/_cluster/health?timeout=2s', url), { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const product = response.headers.get('x-elastic-product');
  const body = await response.json().catch(() => ({}));
  if (response.status !== 200) throw new Error(`GET /_cluster/health answered HTTP ${response.status}`);
  if (product !== 'Elasticsearch') throw new Error(`the answer lacks "X-Elastic-Product: Elasticsearch" (got ${product})`);
  if (body.status !== 'green' && body.status !== 'yellow') throw new Error(`cluster health is ${body.status}`);
  return `cluster ${body.cluster_name} is ${body.status}`;
}

async function probeRedis(url) {
  const parsed = url.includes('://') ? new URL(url) : new URL(`redis://${url}`);
  const address = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 6379) };
  const command = (...args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  let request = command('PING');
  let replies = 1;
  if (parsed.password) {
    const user = decodeURIComponent(parsed.username || 'default');
    request = command('AUTH', user, decodeURIComponent(parsed.password)) + request;
    replies = 2;
  }
  const answer = (await exchange(address, request, (b) => b.toString().split('\r\n').length > replies)).toString();
  const last = answer.split('\r\n').filter(Boolean).at(-1);
  if (last !== '+PONG') throw new Error(`PING answered ${JSON.stringify(answer.trim())}`);
  return 'PING answered PONG';
}

const probes = {
  kafka: probeKafka,
  elasticsearch: probeElasticsearch,
  redis: probeRedis,
  tcp: async (address) => {
    await exchange(hostPort(address, 0), null, () => true);
    return 'port open';
  },
};

const [kind, target] = process.argv.slice(2);
if (!probes[kind] || !target) {
  process.stderr.write('usage: node stack/probe.mjs kafka|elasticsearch|redis|tcp <address>\n');
  process.exit(2);
}
try {
  const detail = await probes[kind](target);
  if (process.env.PULLWATCH_PROBE_VERBOSE) process.stderr.write(`${kind} ${target}: ${detail}\n`);
  process.exit(0);
} catch (err) {
  process.stderr.write(`${kind} ${target}: ${err?.message ?? err}\n`);
  process.exit(1);
}
