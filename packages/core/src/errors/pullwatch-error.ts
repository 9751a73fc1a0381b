/** Bounded error codes: used as metric labels and dead-letter reasons. */
export type ErrorCode =
  | 'invalid_config'
  | 'invalid_header'
  | 'invalid_envelope'
  | 'unknown_vendor'
  | 'decode_failed'
  | 'fragment'
  | 'truncated'
  | 'column_shift'
  | 'unsupported_format'
  | 'oversize'
  | 'es_bulk_item'
  | 'es_unavailable'
  | 'kafka_unavailable'
  | 'service_unavailable';

export interface PullwatchErrorOptions {
  retriable?: boolean;
  cause?: unknown;
  context?: Record<string, string>;
}

/**
 * Base of pullwatch's own errors: a bounded `code` and a `retriable` flag.
 * `name` is set from the constructor so an error still classifies after crossing
 * a process boundary as JSON.
 */
export class PullwatchError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly context: Record<string, string>;

  constructor(message: string, code: ErrorCode, opts: PullwatchErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = opts.retriable ?? false;
    this.context = opts.context ?? {};
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Retriable unless it is a programming error (TypeError/RangeError) or a non-retriable PullwatchError. */
export const isRetriable = (e: unknown): boolean =>
  e instanceof PullwatchError ? e.retriable : !(e instanceof TypeError || e instanceof RangeError);
