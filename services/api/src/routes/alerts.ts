import type { FastifyInstance } from 'fastify';
import { ROOT_CAUSES, vendorSchema } from '@pullwatch/core';
import type { AlertStore } from '@pullwatch/ports';
import { z } from 'zod';
import { ApiError, parseOr400 } from '../issues.js';

/** Query of GET /v1/alerts; unknown parameters are refused so that a typo never silently widens the list. */
export const alertQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  vendor: vendorSchema.optional(),
  cause: z.enum(ROOT_CAUSES).optional(),
  integration: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * - `GET /v1/alerts?status=&vendor=&cause=&integration=&limit=`: `{ alerts, count }`, newest change first;
 * - `GET /v1/alerts/:id`: one alert, or 404.
 */
export function alertRoutes(app: FastifyInstance, alerts: AlertStore): void {
  app.get('/v1/alerts', async (req) => {
    const q = parseOr400(alertQuerySchema, req.query, 'query');
    const list = await alerts.list({
      ...(q.status ? { status: q.status } : {}),
      ...(q.vendor ? { vendor: q.vendor } : {}),
      ...(q.cause ? { cause: q.cause } : {}),
      ...(q.integration ? { integrationId: q.integration } : {}),
      limit: q.limit,
    });
    return { alerts: list, count: list.length };
  });

  app.get('/v1/alerts/:id', async (req) => {
    const { id } = parseOr400(z.object({ id: z.string().min(1) }), req.params, 'path');
    const alert = await alerts.get(id);
    if (!alert) throw new ApiError(404, `alert "${id}" not found`);
    return alert;
  });
}
