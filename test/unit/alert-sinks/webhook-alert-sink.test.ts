import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookAlertSink, signWebhookBody, verifyWebhookSignature, type WebhookAlertSinkOptions } from '@pullwatch/alert-sinks';
import { createLogger, createRegistry } from '@pullwatch/telemetry';
import { sampleAlert } from './fixtures.js';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
  at: number;
}

/** A local webhook receiver; `reply` decides each answer (it may never answer). */
class Receiver {
  readonly requests: Received[] = [];
  #server: Server;

  constructor(private readonly reply: (n: number, res: ServerResponse) => void) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, at: Date.now() });
        this.reply(this.requests.length, res);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

const answer = (status: number, headers: Record<string, string> = {}) => (_n: number, res: ServerResponse) => {
  res.writeHead(status, headers);
  res.end();
};

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ service: 'test', level: 'debug', destination: new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) }) });
  return { lines, logger };
}

describe('alert-sinks > WebhookAlertSink', () => {
  const receivers: Receiver[] = [];
  const receiver = async (reply: (n: number, res: ServerResponse) => void) => {
    const r = new Receiver(reply);
    receivers.push(r);
    return { r, url: await r.start() };
  };
  const sink = (opts: Partial<WebhookAlertSinkOptions> & Pick<WebhookAlertSinkOptions, 'targets'>) =>
    new WebhookAlertSink({ logger: capture().logger, backoffMs: 10, timeoutMs: 2_000, ...opts });

  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
  });

  it('posts { change, alert } signed with HMAC-SHA256 of the exact body', async () => {
    const { r, url } = await receiver(answer(204));
    const alert = sampleAlert();
    await sink({ targets: [{ url, secret: 's3cret-key' }], now: () => Date.parse('2026-11-26T10:00:00Z') }).publish(alert, 'opened');

    expect(r.requests).toHaveLength(1);
    const [req] = r.requests;
    expect(JSON.parse(req!.body)).toEqual({ change: 'opened', alert });
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['x-pullwatch-signature']).toBe(signWebhookBody(req!.body, 's3cret-key'));
    expect(verifyWebhookSignature(req!.body, req!.headers['x-pullwatch-signature'] as string, 's3cret-key')).toBe(true);
    expect(verifyWebhookSignature(req!.body, req!.headers['x-pullwatch-signature'] as string, 'another-key')).toBe(false);
    expect(verifyWebhookSignature(req!.body + ' ', req!.headers['x-pullwatch-signature'] as string, 's3cret-key')).toBe(false);
    expect(req!.headers['x-pullwatch-timestamp']).toBe(String(Date.parse('2026-11-26T10:00:00Z') / 1000));
    expect(req!.headers['x-pullwatch-event']).toBe('alert.opened');
    expect(req!.headers['x-pullwatch-delivery']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries 5xx and 429 answers with back-off, keeping the delivery id, until accepted', async () => {
    const { r, url } = await receiver((n, res) => (n === 1 ? answer(503)(n, res) : n === 2 ? answer(429, { 'retry-after': '0' })(n, res) : answer(200)(n, res)));
    const registry = createRegistry('test');
    const s = sink({ targets: [{ url, secret: 'k' }], registry });
    await s.publish(sampleAlert(), 'updated');

    expect(r.requests).toHaveLength(3);
    expect(new Set(r.requests.map((q) => q.headers['x-pullwatch-delivery'])).size).toBe(1);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    expect(s.stats()).toEqual({ delivered: 1, failed: 0, retries: 2 });
    const text = await registry.metrics();
    expect(text).toMatch(/pullwatch_alert_sink_retries_total\{sink="webhook",service="test"\} 2/);
    expect(text).toMatch(/pullwatch_alert_sink_delivered_total\{sink="webhook",change="updated",service="test"\} 1/);
  });

  it('gives up after maxAttempts, logs and counts the failure, and does not throw', async () => {
    const { r, url } = await receiver(answer(500));
    const { lines, logger } = capture();
    const s = new WebhookAlertSink({ targets: [{ url, secret: 'k' }], logger, backoffMs: 5, maxAttempts: 3 });
    await expect(s.publish(sampleAlert(), 'opened')).resolves.toBeUndefined();
    expect(r.requests).toHaveLength(3);
    expect(s.stats()).toEqual({ delivered: 0, failed: 1, retries: 2 });
    const final = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'Webhook delivery failed for good.');
    expect(final).toMatchObject({ 'log.level': 'error', reason: 'http_5xx', attempts: 3 });
  });

  it('does not retry other 4xx answers', async () => {
    const { r, url } = await receiver(answer(400));
    const s = sink({ targets: [{ url, secret: 'k' }] });
    await s.publish(sampleAlert(), 'opened');
    expect(r.requests).toHaveLength(1);
    expect(s.stats().failed).toBe(1);
  });

  it('retries network errors (nothing listening)', async () => {
    const { r, url } = await receiver(answer(200));
    await r.stop();
    receivers.splice(receivers.indexOf(r), 1);
    const s = sink({ targets: [{ url, secret: 'k' }], maxAttempts: 2 });
    await s.publish(sampleAlert(), 'opened');
    expect(s.stats()).toEqual({ delivered: 0, failed: 1, retries: 1 });
  });

  it('never lets a hanging webhook hold up another one', async () => {
    const hanging = await receiver(() => undefined); // never answers
    let hangingTriesWhenFastServed = -1;
    const fast = await receiver((n, res) => {
      hangingTriesWhenFastServed = hanging.r.requests.length;
      answer(200)(n, res);
    });
    const s = sink({ targets: [{ url: hanging.url, secret: 'a' }, { url: fast.url, secret: 'b' }], timeoutMs: 300, maxAttempts: 2 });
    await s.publish(sampleAlert(), 'opened');

    expect(fast.r.requests).toHaveLength(1);
    // Served before the hanging one's first try had even timed out (in series it would come after both tries).
    expect(hangingTriesWhenFastServed).toBeLessThanOrEqual(1);
    expect(hanging.r.requests).toHaveLength(2); // timed out, retried, timed out
    expect(s.stats()).toEqual({ delivered: 1, failed: 1, retries: 1 });
  });

  it('sends URL credentials as basic auth and never logs them', async () => {
    const { r, url } = await receiver(answer(502));
    const { lines, logger } = capture();
    const withCreds = url.replace('http://', 'http://hook-user:pa55w0rd-xyz@');
    const s = new WebhookAlertSink({ targets: [{ url: withCreds, secret: 'k' }], logger, backoffMs: 5, maxAttempts: 2 });
    expect(s.urls[0]).not.toContain('pa55w0rd-xyz');
    expect(s.urls[0]).not.toContain('hook-user');
    await s.publish(sampleAlert(), 'resolved');

    expect(r.requests[0]!.headers.authorization).toBe('Basic ' + Buffer.from('hook-user:pa55w0rd-xyz').toString('base64'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).not.toContain('pa55w0rd-xyz');
      expect(l).not.toContain('hook-user');
    }
    expect(lines.join('')).toContain('[REDACTED]@127.0.0.1');
  });

  it('refuses a target without a secret or with a non-http URL', () => {
    expect(() => sink({ targets: [{ url: 'http://127.0.0.1:1/x', secret: '' }] })).toThrow(/no secret/);
    expect(() => sink({ targets: [{ url: 'ftp://u:secretpw@127.0.0.1/x', secret: 'k' }] })).toThrow(/not an http\(s\) URL/);
    expect(() => sink({ targets: [{ url: 'ftp://u:secretpw@127.0.0.1/x', secret: 'k' }] })).not.toThrow(/secretpw/);
  });
});
