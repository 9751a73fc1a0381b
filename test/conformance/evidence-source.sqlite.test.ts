import { randomUUID } from 'node:crypto';
import { evidenceSourceContract } from '../unit/store-memory/evidence-source.contract.js';
import { FIREWALL, PULLS, freshAdapters } from '../unit/store-sqlite/sqlite-fixture.js';

// Documents go in through the EventStore, as the ingest and pulls pipelines write them.
evidenceSourceContract('sqlite', async () => {
  const a = freshAdapters();
  return {
    source: a.evidence,
    addPulls: async (records) => void (await a.store.write(PULLS, records.map((doc) => ({ id: randomUUID(), doc })))),
    addEvents: async (docs) => void (await a.store.write(FIREWALL, docs.map((doc) => ({ id: randomUUID(), doc })))),
    cleanup: a.cleanup,
  };
});
