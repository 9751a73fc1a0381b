import { alertStoreContract } from '../unit/store-memory/alert-store.contract.js';
import { freshAdapters } from '../unit/store-sqlite/sqlite-fixture.js';

alertStoreContract('sqlite', async () => {
  const a = freshAdapters();
  return { store: a.alerts, cleanup: a.cleanup };
});
