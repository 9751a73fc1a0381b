import type { FastifyInstance } from 'fastify';
import { annotateExternalAlert, diagnoseOne, externalAlertSchema, UnknownIntegrationError } from '@pullwatch/diagnose';
import { z } from 'zod';
import type { ApiDeps, ApiSettings } from '../deps.js';
import { ApiError, parseOr400 } from '../issues.js';
import type { ApiMetrics } from '../metrics.js';

/**
 * - `GET /v1/integrations/:id/diagnosis`: a fresh diagnosis (evidence gathered now), or 404;
 * - `POST /v1/alerts`: an alert raised elsewhere, naming an integration (`integration_id`;
 *   other fields kept as received): annotated with the same diagnosis, stored, and published to
 *   the alert sinks. `{ alert, change }`: 201 when a new alert was stored, 200 when it joined the
 *   integration's open alert or was posted before (then `change` is absent); 422 when the
 *   integration is not registered.
 */
export function diagnosisRoutes(app: FastifyInstance, deps: ApiDeps, settings: ApiSettings, metrics: ApiMetrics): void {
  const clock = deps.clock ?? (() => new Date());
  const common = () => ({
    registry: deps.registry,
    evidence: deps.evidence,
    now: clock(),
    thresholdMs: settings.offlineAfterMs,
    lookbackMs: settings.lookbackMs,
  });

  app.get('/v1/integrations/:id/diagnosis', async (req) => {
    const { id } = parseOr400(z.object({ id: z.string().min(1) }), req.params, 'path');
    const diagnosis = await diagnoseOne(common(), id);
    if (!diagnosis) throw new ApiError(404, `integration "${id}" is not registered`);
    return diagnosis;
  });

  app.post('/v1/alerts', async (req, reply) => {
    const input = parseOr400(externalAlertSchema, req.body, 'external alert');
    try {
      const { alert, change } = await annotateExternalAlert(
        { ...common(), alerts: deps.alerts, ...(deps.sink ? { sink: deps.sink } : {}), logger: deps.logger.child({ component: 'api' }) },
        input,
      );
      const created = change !== undefined && alert.origin === 'external' && alert.history.length === 1;
      if (change !== undefined) metrics.externalAlerts.inc();
      return reply.code(created ? 201 : 200).send({ alert, ...(change !== undefined ? { change } : {}) });
    } catch (err) {
      if (err instanceof UnknownIntegrationError) {
        throw new ApiError(422, `integration "${err.integrationId}" is not registered`, [{ path: 'integration_id', message: 'not a registered integration' }]);
      }
      throw err;
    }
  });
}
