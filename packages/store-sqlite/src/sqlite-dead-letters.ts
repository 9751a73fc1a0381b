import { inspect } from 'node:util';
import type { Statement } from 'better-sqlite3';
import type { DeadLetter, DeadLetterSink } from '@pullwatch/ports';
import type { SqliteDatabase } from './database.js';
import { withWriteRetry, type WriteRetryOptions } from './write-retry.js';

/** Default `limit` of `list`. */
export const DEFAULT_DEAD_LETTER_LIMIT = 100;

interface LetterRow {
  stored_at: number;
  at: string;
  code: string;
  stage: string;
  letter: string;
}

/** The letter as JSON; a payload JSON cannot hold (a BigInt, a cycle) is kept as its inspected text rather than lost. */
function letterJson(letter: DeadLetter): string {
  try {
    return JSON.stringify(letter);
  } catch {
    return JSON.stringify({ ...letter, payload: inspect(letter.payload, { depth: 4 }) });
  }
}

/**
 * DeadLetterSink over the `dead_letters` table (embedded mode). `put` stores a batch in one
 * transaction and resolves once it is committed; transient failures are retried, then the
 * call rejects (retriable) and the caller keeps its input. Letters are kept as JSON, in
 * arrival order.
 */
export class SqliteDeadLetters implements DeadLetterSink {
  readonly #db: SqliteDatabase;
  readonly #opts: WriteRetryOptions;
  readonly #insert: Statement<[LetterRow]>;
  readonly #list: Statement<[number], { letter: string }>;
  readonly #count: Statement<[], { n: number }>;

  constructor(db: SqliteDatabase, opts: WriteRetryOptions = {}) {
    this.#db = db;
    this.#opts = opts;
    this.#insert = db.handle.prepare('INSERT INTO dead_letters (stored_at, at, code, stage, letter) VALUES (@stored_at, @at, @code, @stage, @letter)');
    this.#list = db.handle.prepare('SELECT letter FROM dead_letters ORDER BY seq DESC LIMIT ?');
    this.#count = db.handle.prepare('SELECT COUNT(*) AS n FROM dead_letters');
  }

  async put(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const storedAt = Date.now();
    const rows: LetterRow[] = letters.map((l) => ({ stored_at: storedAt, at: String(l.at), code: String(l.code), stage: String(l.stage), letter: letterJson(l) }));
    await withWriteRetry(`storing ${rows.length} dead letter(s)`, this.#db.path, this.#opts, () =>
      this.#db.handle
        .transaction(() => {
          for (const row of rows) this.#insert.run(row);
        })
        .immediate(),
    );
  }

  /** The newest `limit` letters (default 100), newest first. */
  async list(limit = DEFAULT_DEAD_LETTER_LIMIT): Promise<DeadLetter[]> {
    const n = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : DEFAULT_DEAD_LETTER_LIMIT;
    return this.#list.all(n).map((r) => JSON.parse(r.letter) as DeadLetter);
  }

  /** How many letters are stored. */
  async count(): Promise<number> {
    return this.#count.get()!.n;
  }
}
