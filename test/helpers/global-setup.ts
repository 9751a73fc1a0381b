/**
 * vitest globalSetup of the `integration` project: before any test file runs, checks that
 * Kafka, Elasticsearch and Redis answer at the configured endpoints (see services.ts), with
 * a TCP connection and then a real protocol exchange. A missing service fails the run with
 * a message saying how to start it; tests are never skipped.
 */
import { Kafka, logLevel } from 'kafkajs';
import { endpoints, parseHostPort, redisPing, tcpExchange } from './services.js';

const STACK = 'start the local stack with "npm run stack:up"';

async function tcpReachable(host: string, port: number): Promise<void> {
  await tcpExchange({ host, port }, undefined, () => true, 3_000);
}

async function checkKafka(): Promise<void> {
  for (const broker of endpoints.kafkaBrokers) {
    const { host, port } = parseHostPort(broker, 9092);
    await tcpReachable(host, port);
  }
  const kafka = new Kafka({
    clientId: 'pullwatch-test-setup',
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const metadata = await admin.describeCluster();
    if (metadata.brokers.length === 0) throw new Error('the cluster reports no brokers');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function checkElasticsearch(): Promise<void> {
  const url = new URL(endpoints.esUrl);
  await tcpReachable(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
  const response = await fetch(`${endpoints.esUrl}/`, { signal: AbortSignal.timeout(5_000) });
  if (response.status !== 200) throw new Error(`GET / answered HTTP ${response.status}`);
  const product = response.headers.get('x-elastic-product');
  if (product !== 'Elasticsearch') throw new Error(`GET / lacks the "X-Elastic-Product: Elasticsearch" header (got ${product})`);
  const body = (await response.json()) as { version?: { number?: string } };
  const major = Number(body.version?.number?.split('.')[0]);
  if (major !== 8) throw new Error(`Elasticsearch ${body.version?.number} answered; the tests need version 8`);
}

async function checkRedis(): Promise<void> {
  const url = new URL(endpoints.redisUrl);
  await tcpReachable(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 6379));
  await redisPing(endpoints.redisUrl);
}

export default async function setup(): Promise<void> {
  const checks = [
    { name: 'Kafka', at: endpoints.kafkaBrokers.join(','), needs: 'Java 17 and Maven', variable: 'PULLWATCH_KAFKA_BROKERS', run: checkKafka },
    { name: 'Elasticsearch', at: endpoints.esUrl, needs: 'Java 17 and Maven', variable: 'PULLWATCH_ES_URL', run: checkElasticsearch },
    { name: 'Redis', at: endpoints.redisUrl, needs: 'redis-server', variable: 'PULLWATCH_REDIS_URL', run: checkRedis },
  ];
  const results = await Promise.allSettled(checks.map((c) => c.run()));
  const failures = results.flatMap((result, i) => {
    if (result.status === 'fulfilled') return [];
    const c = checks[i]!;
    const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
    return [`${c.name} not reachable at ${c.at} (${reason}); ${STACK} (needs ${c.needs}) or set ${c.variable}`];
  });
  if (failures.length > 0) throw new Error(failures.join('\n'));
}
