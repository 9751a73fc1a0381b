import { randomUUID } from 'node:crypto';
import type { Alert } from '@pullwatch/core';
import type { AlertChange, AlertSink } from '@pullwatch/ports';
import type { Logger, Registry } from '@pullwatch/telemetry';
import type { AlertChangeMessage } from './bus-alert-sink.js';
import { alertSinkMetrics, type AlertSinkMetrics } from './metrics.js';
import { safeUrl } from './safe-url.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody } from './webhook-signature.js';

/** One webhook destination. */
export interface WebhookTarget {
  /** http(s) URL; credentials in it (`https://user:pass@host/...`) are sent as HTTP basic auth and never logged. */
  url: string;
  /** Key of the HMAC-SHA256 signature of each body. */
  secret: string;
}

/** Settings of a `WebhookAlertSink`. Durations are in milliseconds. */
export interface WebhookAlertSinkOptions {
  targets: WebhookTarget[];
  logger: Logger;
  /** Where the sink's counters go (`pullwatch_alert_sink_*{sink="webhook"}`). */
  registry?: Registry;
  /** Bounds one request (connect, send, answer). @defaultValue 5000 */
  timeoutMs?: number;
  /** Tries per delivery, the first one included. @defaultValue 5 */
  maxAttempts?: number;
  /** Delay before the first retry; doubles per retry. @defaultValue 500 */
  backoffMs?: number;
  /** Longest delay between two tries, also the cap of a `Retry-After` answer. @defaultValue 30000 */
  maxBackoffMs?: number;
  /** Clock of `X-Pullwatch-Timestamp`, epoch ms (tests). @defaultValue Date.now */
  now?: () => number;
}

/** Counts of one sink since it started, for health output and tests. */
export interface WebhookStats {
  delivered: number;
  failed: number;
  retries: number;
}

interface PreparedTarget {
  /** The URL without its credentials. */
  url: string;
  /** The URL for logs. */
  safe: string;
  secret: string;
  authorization?: string;
}

type AttemptOutcome = { ok: true } | { ok: false; retriable: boolean; reason: string; detail: Record<string, unknown>; retryAfterMs?: number };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * AlertSink that POSTs each alert change to every configured URL as JSON
 * `{ change, alert }`, signed: `X-Pullwatch-Signature: sha256=<hex HMAC-SHA256
 * of the exact body, keyed with the target's secret>`, plus
 * `X-Pullwatch-Timestamp` (Unix seconds of the attempt), `X-Pullwatch-Delivery`
 * (one id per delivery, the same on retries) and `X-Pullwatch-Event`
 * (`alert.opened`...).
 *
 * Targets are served concurrently, each with its own timeout and retries, so
 * a slow or failing webhook never holds up the others. A network error, a
 * timeout, 408, 429 or 5xx is retried with exponential back-off (honouring
 * `Retry-After`, capped) up to `maxAttempts` tries; any other answer outside
 * 2xx (redirects included: they are not followed) fails at once. Failures are
 * logged and counted; `publish` never throws (AlertSink contract).
 */
export class WebhookAlertSink implements AlertSink {
  readonly #targets: PreparedTarget[];
  readonly #log: Logger;
  readonly #m: AlertSinkMetrics;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #now: () => number;
  readonly #stats: WebhookStats = { delivered: 0, failed: 0, retries: 0 };

  constructor(opts: WebhookAlertSinkOptions) {
    this.#log = opts.logger.child({ component: 'alert-sink', sink: 'webhook' });
    this.#m = alertSinkMetrics(opts.registry);
    this.#timeoutMs = opts.timeoutMs ?? 5_000;
    this.#maxAttempts = opts.maxAttempts ?? 5;
    this.#backoffMs = opts.backoffMs ?? 500;
    this.#maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.#now = opts.now ?? Date.now;
    if (!(this.#maxAttempts >= 1)) throw new RangeError(`maxAttempts must be at least 1 (got ${this.#maxAttempts})`);
    this.#targets = opts.targets.map((t, i) => prepare(t, i));
  }

  /** The destinations, credentials redacted. */
  get urls(): string[] {
    return this.#targets.map((t) => t.safe);
  }

  stats(): WebhookStats {
    return { ...this.#stats };
  }

  async publish(alert: Alert, change: AlertChange): Promise<void> {
    if (this.#targets.length === 0) return;
    const message: AlertChangeMessage = { change, alert };
    const body = JSON.stringify(message);
    const delivery = randomUUID();
    await Promise.all(this.#targets.map((t) => this.#deliver(t, body, delivery, alert, change)));
  }

  async #deliver(target: PreparedTarget, body: string, delivery: string, alert: Alert, change: AlertChange): Promise<void> {
    const signature = signWebhookBody(body, target.secret);
    const fields = { url: target.safe, 'pullwatch.alert.id': alert.id, change, delivery };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(target, body, signature, delivery, change);
      if (outcome.ok) {
        this.#stats.delivered++;
        this.#m.delivered.inc({ sink: 'webhook', change });
        if (attempt > 1) this.#log.info({ ...fields, attempt }, 'Webhook delivered after retries.');
        return;
      }
      if (!outcome.retriable || attempt >= this.#maxAttempts) {
        this.#stats.failed++;
        this.#m.failed.inc({ sink: 'webhook', reason: outcome.reason });
        this.#log.error({ ...fields, ...outcome.detail, attempts: attempt, reason: outcome.reason }, 'Webhook delivery failed for good.');
        return;
      }
      const backoff = Math.min(this.#backoffMs * 2 ** (attempt - 1), this.#maxBackoffMs);
      const delayMs = Math.max(backoff, Math.min(outcome.retryAfterMs ?? 0, this.#maxBackoffMs));
      this.#stats.retries++;
      this.#m.retries.inc({ sink: 'webhook' });
      this.#log.warn({ ...fields, ...outcome.detail, attempt, delay_ms: delayMs, reason: outcome.reason }, 'Webhook delivery failed; retrying.');
      await sleep(delayMs);
    }
  }

  async #attempt(target: PreparedTarget, body: string, signature: string, delivery: string, change: AlertChange): Promise<AttemptOutcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'pullwatch-webhook/1',
      [SIGNATURE_HEADER]: signature,
      [TIMESTAMP_HEADER]: String(Math.floor(this.#now() / 1000)),
      [DELIVERY_HEADER]: delivery,
      [EVENT_HEADER]: `alert.${change}`,
    };
    if (target.authorization) headers.authorization = target.authorization;
    let res: Response;
    try {
      res = await fetch(target.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
      return {
        ok: false,
        retriable: true,
        reason: timeout ? 'timeout' : 'network',
        detail: { error: { message: timeout ? `no answer within ${this.#timeoutMs} ms` : (cause ?? (err as Error).message) } },
      };
    }
    // The answer's body is not used; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true };
    const retriable = res.status === 408 || res.status === 429 || res.status >= 500;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.#now());
    return {
      ok: false,
      retriable,
      reason: `http_${Math.floor(res.status / 100)}xx`,
      detail: { http: { response: { status_code: res.status } } },
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
}

function prepare(t: WebhookTarget, i: number): PreparedTarget {
  let u: URL;
  try {
    u = new URL(t.url);
  } catch {
    throw new RangeError(`webhook ${i}: not a URL (${safeUrl(t.url)})`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RangeError(`webhook ${i}: ${safeUrl(t.url)} is not an http(s) URL`);
  if (!t.secret) throw new RangeError(`webhook ${i} (${safeUrl(t.url)}) has no secret`);
  let authorization: string | undefined;
  if (u.username || u.password) {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    authorization = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
    // fetch refuses URLs with credentials: they travel in the header instead.
    u.username = '';
    u.password = '';
  }
  return { url: u.toString(), safe: safeUrl(t.url), secret: t.secret, ...(authorization ? { authorization } : {}) };
}

/** `Retry-After` as seconds or an HTTP date → milliseconds from now. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
