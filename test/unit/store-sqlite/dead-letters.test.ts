import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeadLetter } from '@pullwatch/ports';
import { freshAdapters, type SqliteAdapters } from './sqlite-fixture.js';

const letter = (n: number, payload: unknown = `line ${n}`): DeadLetter => ({
  code: 'decode_failed',
  reason: `decoding line ${n}`,
  stage: 'decode',
  payload,
  context: { topic: 'pullwatch.syslog.raw', position: `0:${n}` },
  at: new Date(Date.UTC(2026, 10, 26, 10, 0, n)).toISOString(),
});

describe('store-sqlite > SqliteDeadLetters', () => {
  let a: SqliteAdapters & { cleanup(): Promise<void> };
  beforeEach(() => {
    a = freshAdapters();
  });
  afterEach(async () => {
    await a.cleanup();
  });

  it('keeps every letter, and lists the newest first up to a limit', async () => {
    await a.deadLetters.put([letter(1), letter(2)]);
    await a.deadLetters.put([]);
    await a.deadLetters.put([letter(3, { '@timestamp': 'x', nested: [1, 2] })]);
    expect(await a.deadLetters.count()).toBe(3);
    expect(await a.deadLetters.list()).toEqual([letter(3, { '@timestamp': 'x', nested: [1, 2] }), letter(2), letter(1)]);
    expect(await a.deadLetters.list(2)).toEqual([letter(3, { '@timestamp': 'x', nested: [1, 2] }), letter(2)]);
    expect(a.db.handle.prepare('SELECT code, stage, at FROM dead_letters ORDER BY seq').all()).toEqual([
      { code: 'decode_failed', stage: 'decode', at: letter(1).at },
      { code: 'decode_failed', stage: 'decode', at: letter(2).at },
      { code: 'decode_failed', stage: 'decode', at: letter(3).at },
    ]);
  });

  it('keeps a payload JSON cannot hold as its inspected text instead of losing the letter', async () => {
    await a.deadLetters.put([letter(1, { big: 10n })]);
    const [stored] = await a.deadLetters.list();
    expect(stored!.reason).toBe('decoding line 1');
    expect(stored!.payload).toBe('{ big: 10n }');
  });
});
