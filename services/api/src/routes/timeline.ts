import type { FastifyInstance } from 'fastify';
import type { PullBucket } from '@pullwatch/ports';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { ApiError, parseOr400 } from '../issues.js';

/** Most buckets one timeline request may ask for (48 h in 6-minute buckets, 20 days in hours). */
export const MAX_TIMELINE_BUCKETS = 500;
/** Narrowest bucket, milliseconds (1 s). */
export const MIN_TIMELINE_BUCKET_MS = 1000;
/** Default window: the last 48 h. */
export const DEFAULT_TIMELINE_WINDOW_MS = 48 * 3_600_000;
/** Default bucket: 1 h. */
export const DEFAULT_TIMELINE_BUCKET_MS = 3_600_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `bucket`: a whole number with a unit (`90s`, `15m`, `1h`, `1d`), or bare milliseconds. */
const bucketSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'a duration such as 15m, 1h or 1d (or milliseconds)')
  .transform((text) => {
    const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text)!;
    return Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!;
  })
  .refine((ms) => ms >= MIN_TIMELINE_BUCKET_MS, `at least ${MIN_TIMELINE_BUCKET_MS / 1000} s`);

/** Query of the timeline; unknown parameters are refused. Times are ISO-8601 with a zone (`Z` or `+01:00`). */
export const timelineQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true, error: 'an ISO-8601 time with a zone, such as 2026-11-26T08:00:00Z' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'an ISO-8601 time with a zone, such as 2026-11-26T08:00:00Z' }).optional(),
  bucket: bucketSchema.optional(),
});

/**
 * `GET /v1/integrations/:id/pulls/timeline?from=&to=&bucket=`: the integration's pulls per
 * time bucket and HTTP status, `PullBucket[]` (`[{ at, statuses: { "200": 4, "401": 2 } }]`),
 * oldest first, empty buckets included; buckets start at multiples of the width since the
 * epoch. Defaults: `to` now, `bucket` 1 h, `from` the start of the first whole bucket of the
 * 48 h before `to` (so 48 buckets of 1 h, the last one holding `to`). 400 when `from` is after
 * `to` or the range holds more than 500 buckets; 404 for an integration that is not
 * registered; 501 when the API runs without a `PullTimeline`.
 */
export function timelineRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const clock = deps.clock ?? (() => new Date());

  app.get('/v1/integrations/:id/pulls/timeline', async (req): Promise<PullBucket[]> => {
    const { id } = parseOr400(z.object({ id: z.string().min(1) }), req.params, 'path');
    const q = parseOr400(timelineQuerySchema, req.query, 'query');
    if (deps.timeline === undefined) {
      throw new ApiError(501, 'the pull timeline is not available: this API runs without a PullTimeline (give `timeline` to buildApi/startApi)', [
        { path: '', message: 'no PullTimeline configured' },
      ]);
    }
    const bucketMs = q.bucket ?? DEFAULT_TIMELINE_BUCKET_MS;
    const to = q.to !== undefined ? Date.parse(q.to) : clock().getTime();
    // Default: whole buckets over the last 48 h, the last one holding `to` (48 buckets of 1 h).
    const from = q.from !== undefined ? Date.parse(q.from) : Math.min(Math.floor((to - DEFAULT_TIMELINE_WINDOW_MS) / bucketMs + 1) * bucketMs, Math.floor(to / bucketMs) * bucketMs);
    if (from > to) throw new ApiError(400, 'invalid query', [{ path: 'from', message: `must not be after to (${new Date(to).toISOString()})` }]);
    const buckets = Math.floor(to / bucketMs) - Math.floor(from / bucketMs) + 1;
    if (buckets > MAX_TIMELINE_BUCKETS) {
      throw new ApiError(400, 'invalid query', [
        { path: 'bucket', message: `the range holds ${buckets} buckets, more than ${MAX_TIMELINE_BUCKETS}: widen the bucket or narrow from/to` },
      ]);
    }
    if (!(await deps.registry.get(id))) throw new ApiError(404, `integration "${id}" is not registered`);
    return deps.timeline.pullTimeline(id, new Date(from), new Date(to), bucketMs);
  });
}
