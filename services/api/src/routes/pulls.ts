import type { FastifyInstance } from 'fastify';
import { pullRecordSchema } from '@pullwatch/core';
import { ndjsonLines, normalisePulls } from '@pullwatch/pulls';
import type { ApiSettings } from '../deps.js';
import { ApiError, issuesOf, type Issue } from '../issues.js';
import type { ApiMetrics } from '../metrics.js';
import type { PullIntake } from '../pull-intake.js';

export const NDJSON = 'application/x-ndjson';

interface Rejected {
  line: number;
  issues: Issue[];
}

/**
 * `POST /v1/pulls`: pull records as NDJSON (`content-type: application/x-ndjson`),
 * one `PullRecord` per line, blank lines skipped. Each line is validated alone;
 * the valid ones are handed to the intake in batches. Answer:
 * `{ accepted, rejected: [{ line, issues: [{ path, message }] }], rejected_count }`
 * (line numbers 1-based, blank lines counted), 202 when at least one record was
 * accepted, 400 when none was. The body size is bounded by `pullsBodyLimitBytes` (413).
 */
export function pullRoutes(app: FastifyInstance, intake: PullIntake, settings: ApiSettings, metrics: ApiMetrics): void {
  app.addContentTypeParser(NDJSON, { parseAs: 'string', bodyLimit: settings.pullsBodyLimitBytes }, (_req, body, done) => done(null, body));

  app.post('/v1/pulls', { bodyLimit: settings.pullsBodyLimitBytes }, async (req, reply) => {
    if (typeof req.body !== 'string' || !String(req.headers['content-type'] ?? '').toLowerCase().startsWith(NDJSON)) {
      throw new ApiError(415, `send pull records as NDJSON with content-type ${NDJSON}`, [{ path: '', message: `content-type is ${req.headers['content-type'] ?? 'missing'}` }]);
    }
    const rejected: Rejected[] = [];
    const valid: Array<{ line: number; value: unknown }> = [];
    ndjsonLines(req.body).forEach((text, i) => {
      const line = i + 1;
      if (text.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        rejected.push({ line, issues: [{ path: '', message: `not JSON: ${(err as Error).message}` }] });
        return;
      }
      const parsed = pullRecordSchema.safeParse(value);
      if (parsed.success) valid.push({ line, value });
      else rejected.push({ line, issues: issuesOf(parsed.error) });
    });
    if (valid.length === 0 && rejected.length === 0) throw new ApiError(400, 'no pull records in the body', [{ path: '', message: 'the body holds no non-blank line' }]);

    // Every value passed the schema: normalise only assigns ids and UTC timestamps, in order.
    const { records } = normalisePulls(valid.map((v) => v.value));
    const lineOf = new Map(records.map((r, i) => [r.id, valid[i]!.line]));
    let accepted = 0;
    for (let i = 0; i < records.length; i += settings.pullsBatchRecords) {
      const batch = records.slice(i, i + settings.pullsBatchRecords);
      const result = await intake.accept(batch);
      accepted += batch.length - result.rejected.length;
      for (const r of result.rejected) rejected.push({ line: lineOf.get(r.id) ?? 0, issues: [{ path: '', message: `refused by the store: ${r.reason}` }] });
    }
    rejected.sort((a, b) => a.line - b.line);
    metrics.pullsAccepted.inc(accepted);
    metrics.pullsRejected.inc(rejected.length);
    return reply.code(accepted > 0 ? 202 : 400).send({ accepted, rejected: rejected.slice(0, settings.maxRejectedListed), rejected_count: rejected.length });
  });
}
