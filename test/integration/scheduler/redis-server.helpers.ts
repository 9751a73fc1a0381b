/**
 * A private redis-server for tests that stop and restart Redis: it runs on a free port with
 * its own data directory, so the shared stack's Redis is never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisPing, waitFor } from '../../helpers/services.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class PrivateRedis {
  readonly url: string;
  readonly #dir = mkdtempSync(join(tmpdir(), 'pullwatch-redis-'));
  #process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly persistence: boolean,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  /** Starts redis-server on a free port; `persistence` turns on AOF with fsync per write. */
  static async start(opts: { persistence?: boolean } = {}): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), opts.persistence ?? false);
    await redis.restart();
    return redis;
  }

  /** (Re)starts the server on the same port and data directory. */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.#dir, '--save', '', '--maxmemory-policy', 'noeviction'];
    args.push(...(this.persistence ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
    this.#process = spawn('redis-server', args, { stdio: 'ignore' });
    await waitFor(() => redisPing(this.url, 500).then(() => true), { timeoutMs: 10_000, message: `private redis-server on ${this.port} did not answer` });
  }

  /** SIGKILL: no shutdown save, connections cut as in a crash. */
  async kill(): Promise<void> {
    const p = this.#process;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Deletes every key under `prefix:` (the scheduler's queues of one test). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
