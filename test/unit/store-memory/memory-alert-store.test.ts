import { describe, expect, it } from 'vitest';
import { MemoryAlertStore } from '@pullwatch/store-memory';
import { alertStoreContract, sampleAlert } from './alert-store.contract.js';

alertStoreContract('memory', async () => ({ store: new MemoryAlertStore(), cleanup: async () => {} }));

describe('store-memory > MemoryAlertStore', () => {
  it('keeps its own copies: changing a written or read alert does not change the stored one', async () => {
    const store = new MemoryAlertStore();
    const a = sampleAlert({ id: 'i:1', integrationId: 'i' });
    await store.upsert(a);
    a.history.push({ at: 'x', state: 'resolved', cause: 'unknown', confidence: 0, summary: 'x' });
    const read = (await store.get('i:1'))!;
    expect(read.history).toHaveLength(1);
    read.status = 'resolved';
    expect((await store.findOpen('i'))?.status).toBe('open');
  });
});
