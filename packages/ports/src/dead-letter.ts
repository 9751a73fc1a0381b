import type { ErrorCode } from '@pullwatch/core';

/** A record that could not be processed, kept with why. Never dropped. */
export interface DeadLetter {
  /** Bounded reason code. */
  code: ErrorCode | string;
  /** Human-readable reason (redacted). */
  reason: string;
  /** Pipeline stage that failed: `unpack`, `parse`, `decode`, `index`. */
  stage: string;
  /** The input as received (redacted text), or the rejected document. */
  payload: unknown;
  /** Where it came from (topic/position, envelope id...). */
  context?: Record<string, string>;
  at: string;
}

/** DeadLetterSink: durably keeps dead letters (Kafka `pullwatch.deadletter`, or a table when embedded). */
export interface DeadLetterSink {
  /** Resolves once stored; the caller acknowledges its input only after that. */
  put(letters: DeadLetter[]): Promise<void>;
}
