import { PullwatchError, type ErrorCode, type PullwatchErrorOptions } from './pullwatch-error.js';

/** A line a parser or decoder claimed but could not decode. Data, not a crash: never retriable. */
export class DecodeError extends PullwatchError {
  constructor(message: string, code: ErrorCode = 'decode_failed', opts: Omit<PullwatchErrorOptions, 'retriable'> = {}) {
    super(message, code, { ...opts, retriable: false });
  }
}
