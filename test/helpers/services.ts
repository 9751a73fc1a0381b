/**
 * Where the integration and end-to-end tests find Kafka, Elasticsearch and Redis, plus small
 * helpers for naming test resources and polling with a deadline.
 *
 * The endpoints come from the same variables the services read, with the local stack's
 * defaults (`npm run stack:up`, see stack/README.md):
 * - `PULLWATCH_KAFKA_BROKERS`  comma-separated `host:port` list, default `127.0.0.1:9092`
 * - `PULLWATCH_ES_URL`         default `http://127.0.0.1:9200`
 * - `PULLWATCH_REDIS_URL`      default `redis://127.0.0.1:6379`
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

export interface ServiceEndpoints {
  /** Kafka bootstrap brokers, `host:port` each. */
  readonly kafkaBrokers: readonly string[];
  /** Elasticsearch base URL, without a trailing slash. */
  readonly esUrl: string;
  /** Redis URL, `redis://[user:password@]host:port[/db]`. */
  readonly redisUrl: string;
}

function readEndpoints(env: NodeJS.ProcessEnv = process.env): ServiceEndpoints {
  const brokers = (env.PULLWATCH_KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  return {
    kafkaBrokers: brokers.length > 0 ? brokers : ['127.0.0.1:9092'],
    esUrl: (env.PULLWATCH_ES_URL ?? 'http://127.0.0.1:9200').replace(/\/+$/, ''),
    redisUrl: env.PULLWATCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

export const endpoints: ServiceEndpoints = readEndpoints();

/**
 * A name no other test run uses: `<prefix>-<time>-<random>`, lower case, made of
 * `[a-z0-9-]` plus whatever the prefix brings. Valid as a Kafka topic, a consumer group,
 * an Elasticsearch index or data stream name (when the prefix is) and a Redis key prefix.
 */
export function uniqueName(prefix: string): string {
  const time = Date.now().toString(36);
  const random = randomBytes(5).toString('hex');
  return `${prefix}-${time}-${random}`.toLowerCase();
}

export interface WaitForOptions {
  /** Give up after this many milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Pause between two attempts, in milliseconds. Default 100. */
  intervalMs?: number;
  /** Text of the error thrown on timeout; a function is called only then. */
  message?: string | (() => string);
}

/**
 * Calls `check` until it returns a truthy value (or a promise of one) and resolves with that
 * value. An exception thrown by `check` counts as "not yet"; the last one is attached to the
 * timeout error as its cause. Throws when `timeoutMs` has passed.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
  const text = typeof options.message === 'function' ? options.message() : options.message;
  const detail = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
  throw new Error(`${text ?? 'condition not met'} (waited ${timeoutMs} ms, ${attempts} attempts${detail})`, {
    cause: lastError,
  });
}

/** Splits `host:port` (IPv6 in brackets allowed). */
export function parseHostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(address.trim());
  if (!match || !match[1]) throw new Error(`not a host:port address: ${address}`);
  return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
}

/**
 * Opens a TCP connection, writes `request` (if any) and resolves with what was read once
 * `complete(bytes)` is true (at once when there is nothing to write).
 */
export function tcpExchange(
  address: { host: string; port: number },
  request: Buffer | string | undefined,
  complete: (received: Buffer) => boolean,
  timeoutMs = 3_000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(received);
    };
    const timer = setTimeout(
      () => finish(new Error(`no complete answer from ${address.host}:${address.port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => {
      if (request === undefined) finish(undefined);
      else socket.write(request);
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received)) finish(undefined);
    });
    socket.on('error', (err) => finish(err));
    socket.on('close', () => finish(new Error(`${address.host}:${address.port} closed the connection`)));
  });
}

/** Encodes one Redis command in RESP. */
export function respCommand(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Sends PING (after AUTH when the URL has a password) over a raw socket; resolves when Redis answers PONG. */
export async function redisPing(url: string, timeoutMs = 3_000): Promise<void> {
  const parsed = new URL(url);
  const address = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 6379) };
  let request = respCommand('PING');
  let replies = 1;
  if (parsed.password) {
    const user = decodeURIComponent(parsed.username || 'default');
    request = respCommand('AUTH', user, decodeURIComponent(parsed.password)) + request;
    replies = 2;
  }
  const answer = (
    await tcpExchange(address, request, (b) => b.toString('latin1').split('\r\n').length > replies, timeoutMs)
  ).toString('latin1');
  const lines = answer.split('\r\n').filter((l) => l.length > 0);
  if (lines.at(-1) !== '+PONG') throw new Error(`PING answered ${JSON.stringify(answer.trim())}`);
}
