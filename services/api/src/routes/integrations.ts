import type { FastifyInstance } from 'fastify';
import { integrationListSchema, integrationSchema, type Integration } from '@pullwatch/core';
import type { IntegrationRegistry } from '@pullwatch/ports';
import { z } from 'zod';
import { ApiError, parseOr400 } from '../issues.js';

const idParams = z.object({ id: z.string().min(1) });

/** Runs `fn` over `items` with at most `limit` at a time (registry writes wait for a refresh each). */
async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Integrations registry:
 * - `GET /v1/integrations`: `{ integrations, count }`, sorted by id;
 * - `POST /v1/integrations`: creates one (201, `Location`); 409 when the id exists;
 * - `GET /v1/integrations/:id`: the integration, or 404;
 * - `PUT /v1/integrations/:id`: creates (201) or replaces (200); the body's id may be left out, and must equal the URL's when given;
 * - `DELETE /v1/integrations/:id`: 204, or 404;
 * - `POST /v1/integrations:import`: the integrations file form (a JSON list), validated whole
 *   before anything is written; each one created or replaced: `{ created, updated, count }`.
 */
export function integrationRoutes(app: FastifyInstance, registry: IntegrationRegistry): void {
  app.get('/v1/integrations', async () => {
    const integrations = (await registry.list()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { integrations, count: integrations.length };
  });

  app.post('/v1/integrations', async (req, reply) => {
    const integration = parseOr400(integrationSchema, req.body, 'integration');
    if (await registry.get(integration.id)) {
      throw new ApiError(409, `integration "${integration.id}" exists; replace it with PUT /v1/integrations/${encodeURIComponent(integration.id)}`, [
        { path: 'id', message: 'already exists' },
      ]);
    }
    await registry.put(integration);
    return reply.code(201).header('location', `/v1/integrations/${encodeURIComponent(integration.id)}`).send(integration);
  });

  // `::` escapes the colon: the path is the literal `/v1/integrations:import`.
  app.post('/v1/integrations::import', async (req) => {
    const list = parseOr400(integrationListSchema, req.body, 'integrations file');
    return importIntegrations(registry, list);
  });

  app.get('/v1/integrations/:id', async (req) => {
    const { id } = parseOr400(idParams, req.params, 'path');
    const integration = await registry.get(id);
    if (!integration) throw new ApiError(404, `integration "${id}" is not registered`);
    return integration;
  });

  app.put('/v1/integrations/:id', async (req, reply) => {
    const { id } = parseOr400(idParams, req.params, 'path');
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? { id, ...(req.body as Record<string, unknown>) } : req.body;
    const integration = parseOr400(integrationSchema, body, 'integration');
    if (integration.id !== id) throw new ApiError(400, 'invalid integration', [{ path: 'id', message: `must equal the id in the URL ("${id}")` }]);
    const outcome = await registry.put(integration);
    return reply.code(outcome === 'created' ? 201 : 200).send(integration);
  });

  app.delete('/v1/integrations/:id', async (req, reply) => {
    const { id } = parseOr400(idParams, req.params, 'path');
    if (!(await registry.delete(id))) throw new ApiError(404, `integration "${id}" is not registered`);
    return reply.code(204).send();
  });
}

/** Writes a validated integrations list; `{ created, updated, count }`. */
export async function importIntegrations(registry: IntegrationRegistry, list: Integration[]): Promise<{ created: number; updated: number; count: number }> {
  const outcomes = await eachLimited(list, 16, (i) => registry.put(i));
  const created = outcomes.filter((o) => o === 'created').length;
  return { created, updated: outcomes.length - created, count: outcomes.length };
}
