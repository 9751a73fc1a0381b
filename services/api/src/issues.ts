import type { z } from 'zod';

/** One problem with a request, named by its place in the input (`devices.0.address`; '' for the whole input). */
export interface Issue {
  path: string;
  message: string;
}

/** The body of every 4xx answer: what is wrong, and each problem where it is. */
export interface ErrorBody {
  error: string;
  issues: Issue[];
}

export const pathOf = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

/** zod issues → `{ path, message }`, `path` dotted and prefixed with `prefix` when given. */
export function issuesOf(error: z.ZodError, prefix?: string): Issue[] {
  return error.issues.map((i) => ({ path: [prefix, pathOf(i.path)].filter(Boolean).join('.'), message: i.message }));
}

/** A 4xx answer raised from a handler; the error handler turns it into `{ error, issues }`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues: Issue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Parses `value` with `schema`, or throws a 400 `ApiError` listing the zod issues. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix?: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, `invalid ${what}`, issuesOf(r.error, prefix));
  return r.data;
}
