import { Redis } from 'ioredis';
import { PullwatchError } from '@pullwatch/core';

/** `redis://user:secret@host:6379/0` → `redis://user:[redacted]@host:6379/0`, for logs and errors. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '[redacted]';
    return u.toString().replace('%5Bredacted%5D', '[redacted]');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//[redacted]@');
  }
}

/**
 * An ioredis client the way BullMQ workers need it:
 * - `maxRetriesPerRequest: null`: commands wait for the connection to come back
 *   instead of failing after 20 retries (BullMQ refuses anything else for
 *   blocking connections, and a worker whose commands fail stops fetching);
 * - reconnects forever with a capped back-off (100 ms, doubling, at most 5 s), so
 *   a Redis restart is survived without operator action;
 * - `enableReadyCheck` so commands wait until Redis has loaded its data set.
 */
export function createRedisConnection(url: string, connectionName: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
    // Re-sends the command that was cut by a failover's READONLY answer.
    reconnectOnError: (err: Error) => err.message.startsWith('READONLY'),
  });
}

/** Resolves once Redis answers PING; rejects (retriable) after `timeoutMs`. */
export async function waitForRedis(client: Redis, url: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new PullwatchError(`Redis not reachable at ${redactRedisUrl(url)} within ${timeoutMs} ms`, 'service_unavailable', {
                retriable: true,
                context: { redis: redactRedisUrl(url) },
              }),
            ),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
