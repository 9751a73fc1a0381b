import { randomUUID } from 'node:crypto';
import { PULLS, freshAdapters } from '../unit/store-sqlite/sqlite-fixture.js';
import { pullTimelineContract } from './pull-timeline.contract.js';

pullTimelineContract('sqlite', async () => {
  const a = freshAdapters();
  return {
    timeline: a.evidence,
    addPulls: async (records) => void (await a.store.write(PULLS, records.map((doc) => ({ id: randomUUID(), doc })))),
    cleanup: a.cleanup,
  };
});
