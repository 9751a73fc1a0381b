import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PullwatchError } from '@pullwatch/core';
import type { Logger } from '@pullwatch/telemetry';
import { ZodError } from 'zod';
import { ApiError, issuesOf, type ErrorBody, type Issue } from './issues.js';

/** Errors of fastify's own request handling, by code: status and the text shown. */
const FRAMEWORK: Record<string, { status: number; error: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'the body is empty; JSON expected' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'the body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'unsupported content-type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'content-length does not match the body' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, error: 'invalid content-type header' },
  FST_ERR_BAD_URL: { status: 400, error: 'malformed URL' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, error: 'invalid request' },
};

/** Codes of pullwatch errors that mean "a backing service is down": 503 with Retry-After. */
const UNAVAILABLE = new Set(['es_unavailable', 'kafka_unavailable', 'service_unavailable']);

/**
 * Every error becomes `{ error, issues: [{ path, message }] }`: the API's own
 * 4xx (`ApiError`), zod errors, fastify's validation, JSON-parse, media-type and
 * size errors (never a 500 for a bad request), 503 when Elasticsearch, Kafka or
 * Redis is unavailable, and 500 for the rest (logged at ERROR; the answer does
 * not carry the internal message).
 */
export function errorHandler(log: Logger) {
  return (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void => {
    const send = (status: number, body: ErrorBody, headers: Record<string, string> = {}) => {
      void reply.code(status).headers(headers).type('application/json').send(body);
    };
    if (err instanceof ApiError) return send(err.statusCode, { error: err.message, issues: err.issues }, err.headers);
    if (err instanceof ZodError) return send(400, { error: 'invalid request', issues: issuesOf(err) });
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues: Issue[] = fe.validation.map((v) => ({
        path: [fe.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message ?? 'invalid',
      }));
      return send(400, { error: 'invalid request', issues });
    }
    const known = fe.code ? FRAMEWORK[fe.code] : undefined;
    if (known) return send(known.status, { error: known.error, issues: [{ path: '', message: fe.message }] });
    if (err instanceof PullwatchError && UNAVAILABLE.has(err.code)) {
      log.warn({ err, url: req.url, method: req.method }, 'Request failed: a backing service is unavailable.');
      return send(503, { error: 'a backing service is unavailable; retry later', issues: [{ path: '', message: err.message }] }, { 'retry-after': '5' });
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) return send(status, { error: fe.message, issues: [] });
    log.error({ err, url: req.url, method: req.method }, 'Request failed.');
    return send(500, { error: 'internal error', issues: [] });
  };
}
