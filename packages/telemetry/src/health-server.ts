import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** The answer of one health check: `ok` false makes /healthz answer 503. */
export interface HealthStatus {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port; read the bound one from `address()`. */
  port: number;
  registry: Registry;
  /** Called per /healthz request. */
  health: () => HealthStatus | Promise<HealthStatus>;
}

export interface HealthServer {
  address(): AddressInfo;
  close(): Promise<void>;
}

/**
 * A small HTTP endpoint every service runs: `GET /healthz` (200 or 503, JSON
 * details) and `GET /metrics` (Prometheus text format).
 */
export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    void (async () => {
      try {
        if (req.method === 'GET' && path === '/metrics') {
          const body = await opts.registry.metrics();
          res.writeHead(200, { 'content-type': opts.registry.contentType });
          res.end(body);
        } else if (req.method === 'GET' && (path === '/healthz' || path === '/health')) {
          const status = await opts.health();
          res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(status));
        } else {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not found', paths: ['/healthz', '/metrics'] }));
        }
      } catch (err) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: (err as Error).message }));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
