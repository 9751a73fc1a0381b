import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { PullwatchError } from '@pullwatch/core';

export interface WriteRetryOptions {
  /** Retries of a transiently failing transaction before the call rejects (retriable). Default 5. */
  maxRetries?: number;
  /** First back-off delay in ms, doubled per retry (capped at 5 s). Default 100. */
  retryBaseMs?: number;
}

/**
 * SQLite result codes worth retrying: a lock held past the busy timeout (another process
 * writing a long transaction), a full disk or an I/O error (someone may free space, the
 * device may come back). Everything else (a read-only or corrupt file) is not.
 */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

export function isTransientSqliteError(err: unknown): boolean {
  return err instanceof Database.SqliteError && TRANSIENT.test(err.code);
}

/**
 * Runs `tx` (a whole transaction: it either commits or rolls back) and retries it with
 * back-off while it fails transiently. When it still fails, rejects with a retriable
 * PullwatchError (`service_unavailable`), so the caller does not acknowledge its input;
 * other SQLite errors reject at once, not retriable.
 */
export async function withWriteRetry<T>(what: string, path: string, opts: WriteRetryOptions, tx: () => T): Promise<T> {
  const maxRetries = opts.maxRetries ?? 5;
  const base = opts.retryBaseMs ?? 100;
  for (let attempt = 0; ; attempt++) {
    try {
      return tx();
    } catch (err) {
      const transient = isTransientSqliteError(err);
      if (!(err instanceof Database.SqliteError)) throw err;
      if (!transient || attempt >= maxRetries) {
        throw new PullwatchError(
          `${what} in ${path}: ${err.code}: ${err.message}${transient ? ` (still failing after ${attempt + 1} attempts)` : ''}`,
          'service_unavailable',
          { cause: err, retriable: transient, context: { sqlite_code: err.code } },
        );
      }
      await sleep(Math.min(5000, base * 2 ** attempt));
    }
  }
}
