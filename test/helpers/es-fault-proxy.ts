import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultPlan {
  /** Bulk responses to tamper with (the first N); later ones pass unchanged. */
  bulkResponses: number;
  /** In a tampered response, report this share of items (every k-th) as 429, as an overloaded node does. */
  everyNthItem: number;
  /** Answer the whole first bulk request with HTTP 429 without forwarding it. */
  rejectFirstRequest?: boolean;
}

/**
 * A small HTTP proxy in front of the real Elasticsearch that injects the
 * faults of an overloaded cluster: a bulk request refused with 429, and bulk
 * answers whose items say 429 (`es_rejected_execution_exception`) although
 * the documents did reach the real node (so a retry meets a 409).
 */
export async function startEsFaultProxy(target: string, plan: FaultPlan): Promise<{ url: string; tampered: number; rejected: number; close(): Promise<void> }> {
  const t = new URL(target);
  const state = { tampered: 0, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isBulk = (req.url ?? '').includes('_bulk');
      if (isBulk && plan.rejectFirstRequest && state.rejected === 0) {
        state.rejected++;
        res.writeHead(429, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
        res.end(JSON.stringify({ error: { type: 'es_rejected_execution_exception', reason: 'rejected execution (queue capacity 200)' }, status: 429 }));
        return;
      }
      const up = request(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
        (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            let out = Buffer.concat(body);
            if (isBulk && state.tampered < plan.bulkResponses && upRes.statusCode === 200) {
              state.tampered++;
              const parsed = JSON.parse(out.toString()) as { errors: boolean; items: Array<Record<string, { status: number; error?: unknown }>> };
              parsed.items.forEach((item, i) => {
                if (i % plan.everyNthItem !== 0) return;
                const op = Object.keys(item)[0]!;
                item[op] = { ...item[op]!, status: 429, error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' } };
              });
              parsed.errors = true;
              out = Buffer.from(JSON.stringify(parsed));
            }
            const headers = { ...upRes.headers, 'content-length': String(out.length) };
            delete headers['transfer-encoding'];
            res.writeHead(upRes.statusCode ?? 502, headers);
            res.end(out);
          });
        },
      );
      up.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get tampered() {
      return state.tampered;
    },
    get rejected() {
      return state.rejected;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
