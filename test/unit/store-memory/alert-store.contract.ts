import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, Diagnosis, FirewallVendor, RootCause } from '@pullwatch/core';
import type { AlertStore } from '@pullwatch/ports';

export interface AlertStoreHarness {
  store: AlertStore;
  cleanup(): Promise<void>;
}

/** A minimal valid alert for the store (the diagnosis content does not matter to it). */
export function sampleAlert(over: { id: string; integrationId: string; vendor?: FirewallVendor; cause?: RootCause; status?: Alert['status']; openedAt?: string; updatedAt?: string }): Alert {
  const vendor = over.vendor ?? 'fortigate';
  const cause = over.cause ?? 'credentials_invalid';
  const opened = over.openedAt ?? '2026-11-26T10:00:00.000Z';
  const diagnosis: Diagnosis = {
    integration: { id: over.integrationId, name: over.integrationId, vendor },
    devices: [{ hostname: 'fw' }],
    status: 'offline',
    generated_at: opened,
    window: { from: '2026-11-25T08:00:00.000Z', to: opened },
    primary: { category: cause, confidence: 0.9, reasons: ['because'] },
    alternatives: [],
    evidence: { pulls: { attempts: 0, by_status: [], by_source: [], by_path: [] }, devices: [], excerpts: [], missing: [] },
    timeline: {},
    summary: 'summary',
    remediation: ['fix'],
    verify: ['check'],
  };
  return {
    id: over.id,
    integration: diagnosis.integration,
    status: over.status ?? 'open',
    state: 'offline',
    opened_at: opened,
    updated_at: over.updatedAt ?? opened,
    diagnosis,
    history: [{ at: opened, state: 'offline', cause, confidence: 0.9, summary: 'summary' }],
    origin: 'pullwatch',
  };
}

/**
 * The AlertStore contract (packages/ports/src/alert-store.ts) for every adapter. Each test uses
 * its own integration ids, so a shared backend (an Elasticsearch index) gives the same answers.
 */
export function alertStoreContract(name: string, factory: () => Promise<AlertStoreHarness>): void {
  describe(`AlertStore contract > ${name}`, () => {
    let h: AlertStoreHarness;
    let tag: string;
    beforeEach(async () => {
      h = await factory();
      tag = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await h.cleanup();
    });
    const iid = (s: string): string => `${s}-${tag}`;

    it('upserts many in one call, the same as one by one', async () => {
      const batch = [1, 2, 3].map((n) => sampleAlert({ id: `${iid('m')}${n}:1`, integrationId: `${iid('m')}${n}` }));
      await h.store.upsertMany(batch);
      await h.store.upsertMany([{ ...batch[0]!, status: 'resolved', state: 'resolved', updated_at: '2026-11-26T11:00:00.000Z' }]);
      await h.store.upsertMany([]);
      expect((await h.store.get(batch[0]!.id))?.status).toBe('resolved');
      for (const a of batch.slice(1)) expect(await h.store.findOpen(a.integration.id)).toEqual(a);
    });

    it('reads what was written, and upserts by id idempotently', async () => {
      const a = sampleAlert({ id: `${iid('a')}:1`, integrationId: iid('a') });
      await h.store.upsert(a);
      await h.store.upsert(a);
      expect(await h.store.get(a.id)).toEqual(a);
      expect(await h.store.list({ integrationId: iid('a') })).toEqual([a]);
      const resolved: Alert = { ...a, status: 'resolved', state: 'resolved', resolved_at: '2026-11-26T11:00:00.000Z', updated_at: '2026-11-26T11:00:00.000Z', resolution: 'successful pull at 2026-11-26 11:00 UTC from 203.0.113.9' };
      await h.store.upsert(resolved);
      expect(await h.store.get(a.id)).toEqual(resolved);
      expect(await h.store.list({ integrationId: iid('a') })).toHaveLength(1);
      expect(await h.store.get(`${iid('missing')}:1`)).toBeUndefined();
    });

    it('finds the open alert of an integration, not a resolved one nor another integration\'s', async () => {
      await h.store.upsert(sampleAlert({ id: `${iid('a')}:1`, integrationId: iid('a'), status: 'resolved' }));
      await h.store.upsert(sampleAlert({ id: `${iid('b')}:2`, integrationId: iid('b') }));
      expect(await h.store.findOpen(iid('a'))).toBeUndefined();
      await h.store.upsert(sampleAlert({ id: `${iid('a')}:3`, integrationId: iid('a'), openedAt: '2026-11-26T12:00:00.000Z' }));
      expect((await h.store.findOpen(iid('a')))?.id).toBe(`${iid('a')}:3`);
      expect((await h.store.findOpen(iid('b')))?.id).toBe(`${iid('b')}:2`);
      expect(await h.store.findOpen(iid('c'))).toBeUndefined();
    });

    it('lists newest updated_at first and filters by status, vendor, cause and integration', async () => {
      const x = iid('x');
      const alerts = [
        sampleAlert({ id: `${x}:1`, integrationId: x, status: 'resolved', vendor: 'panos', cause: 'tls_trust', updatedAt: '2026-11-26T09:00:00.000Z' }),
        sampleAlert({ id: `${x}:2`, integrationId: x, status: 'resolved', vendor: 'panos', cause: 'credentials_invalid', updatedAt: '2026-11-26T11:00:00.000Z' }),
        sampleAlert({ id: `${x}:3`, integrationId: x, vendor: 'panos', cause: 'credentials_invalid', updatedAt: '2026-11-26T10:00:00.000Z' }),
      ];
      for (const a of alerts) await h.store.upsert(a);
      await h.store.upsert(sampleAlert({ id: `${iid('y')}:1`, integrationId: iid('y'), vendor: 'opnsense' }));
      const ids = async (f: Parameters<AlertStore['list']>[0]): Promise<string[]> => (await h.store.list(f)).map((a) => a.id);
      expect(await ids({ integrationId: x })).toEqual([`${x}:2`, `${x}:3`, `${x}:1`]);
      expect(await ids({ integrationId: x, status: 'open' })).toEqual([`${x}:3`]);
      expect(await ids({ integrationId: x, status: 'resolved' })).toEqual([`${x}:2`, `${x}:1`]);
      expect(await ids({ integrationId: x, cause: 'credentials_invalid' })).toEqual([`${x}:2`, `${x}:3`]);
      expect(await ids({ integrationId: x, vendor: 'panos', cause: 'tls_trust' })).toEqual([`${x}:1`]);
      expect(await ids({ integrationId: x, vendor: 'fortigate' })).toEqual([]);
      expect(await ids({ integrationId: x, limit: 2 })).toEqual([`${x}:2`, `${x}:3`]);
      expect(await ids({ integrationId: iid('y'), vendor: 'opnsense' })).toEqual([`${iid('y')}:1`]);
    });

    it('returns at most 100 alerts by default', async () => {
      const x = iid('many');
      for (let n = 0; n < 105; n++) {
        await h.store.upsert(sampleAlert({ id: `${x}:${n}`, integrationId: x, updatedAt: new Date(Date.parse('2026-11-26T00:00:00.000Z') + n * 60_000).toISOString() }));
      }
      const list = await h.store.list({ integrationId: x });
      expect(list).toHaveLength(100);
      expect(list[0]!.id).toBe(`${x}:104`);
    });
  });
}
