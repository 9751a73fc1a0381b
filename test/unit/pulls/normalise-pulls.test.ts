import { describe, expect, it } from 'vitest';
import type { ConsumedRecord, DeadLetter, EventStore, StoredDocument } from '@pullwatch/ports';
import { handlePullRecords, indexPulls, ndjsonLines, normalisePulls, pullRecordId } from '@pullwatch/pulls';

const record = (over: Record<string, unknown> = {}) => ({
  '@timestamp': '2026-11-26T10:00:00Z',
  integration: { id: 'int-1' },
  source: { ip: '198.51.100.7' },
  http: { request: { method: 'GET' }, response: { status_code: 200, body: { bytes: 512 } } },
  url: { path: '/v1/integrations/int-1/content' },
  user_agent: { original: 'FortiGate' },
  ...over,
});

/** An EventStore keeping documents in a map: enough to see ids, duplicates and refusals. */
class MapStore implements EventStore {
  readonly docs = new Map<string, StoredDocument['doc']>();
  refuse = new Set<string>();
  async setup() {
    return {};
  }
  async write(_stream: string, docs: StoredDocument[]) {
    const result = { created: 0, duplicates: 0, rejected: [] as Array<StoredDocument & { status: number; reason: string }> };
    for (const d of docs) {
      if (this.refuse.has(d.id)) result.rejected.push({ ...d, status: 400, reason: 'mapper_parsing_exception: refused' });
      else if (this.docs.has(d.id)) result.duplicates++;
      else (this.docs.set(d.id, d.doc), result.created++);
    }
    return result;
  }
  async close() {}
}

describe('pulls > normalise', () => {
  it('validates records, drops unknown fields and writes @timestamp in UTC with milliseconds', () => {
    const { records, errors } = normalisePulls([JSON.stringify(record({ extra: 'dropped', '@timestamp': '2026-11-26T12:00:00+02:00' }))]);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.doc).toEqual({ ...record(), '@timestamp': '2026-11-26T10:00:00.000Z' });
    expect(records[0]!.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('gives the same record the same id however it is written, and different pulls different ids', () => {
    const a = normalisePulls([record(), record({ '@timestamp': '2026-11-26T11:00:00.000+01:00' })]).records;
    expect(a[0]!.id).toBe(a[1]!.id);
    const others = [
      record({ '@timestamp': '2026-11-26T10:00:00.001Z' }),
      record({ integration: { id: 'int-2' } }),
      record({ source: { ip: '198.51.100.8' } }),
      record({ http: { response: { status_code: 401 } } }),
      record({ url: { path: '/other' } }),
    ];
    const ids = new Set([a[0]!.id, ...normalisePulls(others).records.map((r) => r.id)]);
    expect(ids.size).toBe(6);
    // Fields outside the identity (method, bytes, agent) do not change it.
    expect(normalisePulls([record({ user_agent: { original: 'PAN-OS' } })]).records[0]!.id).toBe(a[0]!.id);
    expect(pullRecordId(a[0]!.doc)).toBe(a[0]!.id);
  });

  it('reports each invalid line with its 1-based number and the zod issue text; blank lines are skipped', () => {
    const lines = ndjsonLines(
      [
        JSON.stringify(record()),
        '',
        '{not json',
        JSON.stringify(record({ source: { ip: 'not-an-ip' } })),
        JSON.stringify(record({ http: { response: { status_code: '200' } }, '@timestamp': 'yesterday' })),
        '42',
      ].join('\r\n') + '\r\n',
    );
    expect(lines).toHaveLength(6);
    const { records, errors } = normalisePulls(lines);
    expect(records).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0]!.issues[0]).toMatch(/^not JSON: /);
    expect(errors[1]!.issues).toEqual(['source.ip: must be an IPv4 or IPv6 address']);
    expect(errors[2]!.issues).toHaveLength(2);
    expect(errors[2]!.issues.join('\n')).toMatch(/^@timestamp: .*$/m);
    expect(errors[2]!.issues.join('\n')).toMatch(/^http\.response\.status_code: .*number/m);
    expect(errors[3]!.issues[0]).toMatch(/^\(record\): /);
  });

  it('accepts parsed values as well as lines', () => {
    const { records, errors } = normalisePulls([record(), null]);
    expect(records).toHaveLength(1);
    expect(errors).toMatchObject([{ line: 2 }]);
  });
});

describe('pulls > index and handle bus records', () => {
  const consumed = (value: string, position: string): ConsumedRecord => ({ topic: 'pullwatch.pulls.raw', position, key: 'k', value: Buffer.from(value) });

  it('stores records with event.ingested, and counts a re-sent batch as duplicates', async () => {
    const store = new MapStore();
    const { records } = normalisePulls([record(), record({ http: { response: { status_code: 401 } } })]);
    const now = new Date('2026-11-26T10:05:00.000Z');
    expect(await indexPulls(store, 's', records, now)).toEqual({ created: 2, duplicates: 0, rejected: [] });
    expect(await indexPulls(store, 's', records, now)).toEqual({ created: 0, duplicates: 2, rejected: [] });
    expect(store.docs.get(records[0]!.id)).toMatchObject({ event: { ingested: '2026-11-26T10:05:00.000Z' }, integration: { id: 'int-1' } });
    expect(await indexPulls(store, 's', [])).toEqual({ created: 0, duplicates: 0, rejected: [] });
  });

  it('reads NDJSON and JSON-array records, dead-letters invalid lines with the reason and refused documents', async () => {
    const store = new MapStore();
    const letters: DeadLetter[] = [];
    const deadLetters = { put: async (l: DeadLetter[]) => void letters.push(...l) };
    const refused = normalisePulls([record({ url: { path: '/refused' } })]).records[0]!;
    store.refuse.add(refused.id);
    const stats = await handlePullRecords(
      [
        consumed(`${JSON.stringify(record())}\n${JSON.stringify(record({ source: { ip: '300.1.1.1' } }))}\n`, '0@3'),
        consumed(JSON.stringify([record({ http: { response: { status_code: 503 } } }), record({ url: { path: '/refused' } })]), '0@4'),
        consumed(JSON.stringify(record()), '1@9'),
      ],
      { store, deadLetters, stream: 'logs-pullwatch.pulls-default', now: () => new Date('2026-11-26T10:05:00.000Z') },
    );
    expect(stats).toEqual({ records: 3, lines: 5, created: 2, duplicates: 1, deadLettered: 2 });
    expect(letters).toHaveLength(2);
    expect(letters[0]).toMatchObject({
      code: 'invalid_pull_record',
      stage: 'normalise',
      context: { topic: 'pullwatch.pulls.raw', position: '0@3', key: 'k', line: '2' },
      at: '2026-11-26T10:05:00.000Z',
    });
    expect(letters[0]!.reason).toContain('source.ip: must be an IPv4 or IPv6 address');
    expect(letters[0]!.payload).toContain('300.1.1.1');
    expect(letters[1]).toMatchObject({ code: 'es_bulk_item', stage: 'index', context: { id: refused.id } });
    expect(letters[1]!.reason).toContain('HTTP 400');
  });

  it('throws when the store is unavailable, so the records are not acknowledged', async () => {
    const store = new MapStore();
    store.write = async () => {
      throw Object.assign(new Error('es down'), { retriable: true });
    };
    await expect(handlePullRecords([consumed(JSON.stringify(record()), '0@1')], { store, deadLetters: { put: async () => {} }, stream: 's' })).rejects.toThrow('es down');
  });
});
