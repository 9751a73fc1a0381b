import { createHash } from 'node:crypto';
import { pullRecordSchema, type PullRecord } from '@pullwatch/core';

/** A validated pull record ready to store, with its deterministic id. */
export interface NormalisedPull {
  /** Hash of integration id, timestamp, source address, status and path (`pullRecordId`). */
  id: string;
  doc: PullRecord;
}

/** An input line that is not a valid pull record, and why. */
export interface PullLineError {
  /** 1-based position of the line in the input (blank lines count). */
  line: number;
  /** One text per problem: `path: message` (zod issue text), or why the line is not JSON. */
  issues: string[];
}

export interface NormalisedPulls {
  records: NormalisedPull[];
  errors: PullLineError[];
}

/**
 * Validates pull records with `pullRecordSchema` and gives each its stable id.
 * Input: NDJSON lines (strings, parsed as JSON; blank lines are skipped) or
 * already-parsed values. Unknown fields are dropped and `@timestamp` is
 * rewritten in UTC with milliseconds (`2026-11-26T09:00:00.000Z`), so the same
 * pull written with another offset gets the same id. Pure: no I/O.
 */
export function normalisePulls(lines: readonly string[] | readonly unknown[]): NormalisedPulls {
  const records: NormalisedPull[] = [];
  const errors: PullLineError[] = [];
  lines.forEach((input: unknown, i) => {
    const line = i + 1;
    let value: unknown = input;
    if (typeof input === 'string') {
      if (input.trim() === '') return;
      try {
        value = JSON.parse(input);
      } catch (err) {
        errors.push({ line, issues: [`not JSON: ${(err as Error).message}`] });
        return;
      }
    }
    const parsed = pullRecordSchema.safeParse(value);
    if (!parsed.success) {
      errors.push({ line, issues: parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(record)'}: ${issue.message}`) });
      return;
    }
    const doc = parsed.data;
    doc['@timestamp'] = new Date(doc['@timestamp']).toISOString();
    records.push({ id: pullRecordId(doc), doc });
  });
  return { records, errors };
}

/**
 * The `_id` of a pull record: a hash of what identifies one request (integration
 * id, timestamp, source address, status, path), so a batch sent twice stores
 * each record once. Expects a normalised `@timestamp` (see `normalisePulls`).
 */
export function pullRecordId(doc: PullRecord): string {
  const key = [doc.integration.id, doc['@timestamp'], doc.source.ip.toLowerCase(), String(doc.http.response.status_code), doc.url?.path ?? ''].join('\n');
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Splits an NDJSON body into lines (LF or CRLF); pass the result to `normalisePulls`. */
export function ndjsonLines(body: string): string[] {
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
