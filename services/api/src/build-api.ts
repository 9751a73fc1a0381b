import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createRegistry } from '@pullwatch/telemetry';
import { DEFAULT_API_SETTINGS, type ApiDeps, type ApiSettings } from './deps.js';
import { errorHandler } from './error-handler.js';
import { apiMetrics } from './metrics.js';
import { alertRoutes } from './routes/alerts.js';
import { diagnosisRoutes } from './routes/diagnosis.js';
import { integrationRoutes } from './routes/integrations.js';
import { pageRoutes } from './routes/page.js';
import { pullRoutes } from './routes/pulls.js';
import { statusRoutes } from './routes/status.js';
import { timelineRoutes } from './routes/timeline.js';

export type ApiApp = FastifyInstance;

/** Bounds one health check, in milliseconds. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * The HTTP API as a fastify instance, not listening (test it with
 * `app.inject`, serve it with `startApi`):
 * - integrations: `GET/POST /v1/integrations`, `GET/PUT/DELETE /v1/integrations/:id`,
 *   `POST /v1/integrations:import` (routes/integrations.ts);
 * - pull intake: `POST /v1/pulls`, NDJSON (routes/pulls.ts);
 * - alerts: `GET /v1/alerts`, `GET /v1/alerts/:id` (routes/alerts.ts);
 * - diagnoses: `GET /v1/integrations/:id/diagnosis`, external alerts `POST /v1/alerts` (routes/diagnosis.ts);
 * - status: `GET /v1/status`, every integration with its state (routes/status.ts);
 * - pull timeline: `GET /v1/integrations/:id/pulls/timeline` (routes/timeline.ts; 501 without `deps.timeline`);
 * - the status page: `GET /` and its files under `GET /ui/...` (routes/page.ts, files in services/api/public);
 * - `GET /healthz` (200, or 503 naming the failing check), `GET /metrics` (Prometheus).
 * Every 4xx/5xx answer is `{ error, issues: [{ path, message }] }`; bodies are bounded
 * (`bodyLimitBytes`, and `pullsBodyLimitBytes` for NDJSON: 413 above).
 */
export function buildApi(deps: ApiDeps): ApiApp {
  const settings: ApiSettings = { ...DEFAULT_API_SETTINGS, ...deps.settings };
  const log = deps.logger.child({ component: 'api' });
  const registry = deps.metrics ?? createRegistry('api');
  const metrics = apiMetrics(registry);
  const onError = errorHandler(log);
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    // One log line per request would be per-event logging at INFO: errors are logged by the error handler instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.bodyLimitBytes,
    requestTimeout: settings.requestTimeoutMs,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 500 },
    // Errors found before routing (a malformed URL, an async constraint) do not reach setErrorHandler.
    frameworkErrors: (err, req, reply) => onError(err, req as never, reply as never),
  }) as unknown as ApiApp;

  app.setErrorHandler(onError);
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}`, issues: [] });
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: req.method, route, status_code: String(reply.statusCode) });
    metrics.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  integrationRoutes(app, deps.registry);
  pullRoutes(app, deps.pulls, settings, metrics);
  alertRoutes(app, deps.alerts);
  diagnosisRoutes(app, deps, settings, metrics);
  statusRoutes(app, deps, settings);
  timelineRoutes(app, deps);
  pageRoutes(app);

  app.get('/healthz', async (_req, reply) => {
    const entries = await Promise.all(
      Object.entries(deps.checks ?? {}).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
          ]);
          return [name, { ok: true }] as const;
        } catch (err) {
          return [name, { ok: false, error: err instanceof Error ? err.message : String(err) }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const ok = entries.every(([, r]) => r.ok);
    return reply.code(ok ? 200 : 503).send({ ok, checks: Object.fromEntries(entries) });
  });

  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));

  return app;
}
