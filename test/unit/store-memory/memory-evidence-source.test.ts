import { MemoryEvidenceSource } from '@pullwatch/store-memory';
import { evidenceSourceContract } from './evidence-source.contract.js';

evidenceSourceContract('memory', async () => {
  const source = new MemoryEvidenceSource();
  return {
    source,
    addPulls: async (records) => source.addPulls(records),
    addEvents: async (docs) => source.addEvents(docs),
    cleanup: async () => {},
  };
});
