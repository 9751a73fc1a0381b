import { integrationRegistryContract } from '../unit/store-memory/integration-registry.contract.js';
import { freshAdapters } from '../unit/store-sqlite/sqlite-fixture.js';

integrationRegistryContract('sqlite', async () => {
  const a = freshAdapters();
  return { registry: a.registry, cleanup: a.cleanup };
});
