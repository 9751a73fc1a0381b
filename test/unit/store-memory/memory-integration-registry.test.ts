import { describe, expect, it } from 'vitest';
import { MemoryIntegrationRegistry } from '@pullwatch/store-memory';
import { integrationRegistryContract } from './integration-registry.contract.js';

integrationRegistryContract('memory', async () => ({ registry: new MemoryIntegrationRegistry(), cleanup: async () => {} }));

describe('store-memory > MemoryIntegrationRegistry', () => {
  it('starts from the integrations given, sorted by id', async () => {
    const r = new MemoryIntegrationRegistry([
      { id: 'b', name: 'b', vendor: 'panos', devices: [{ hostname: 'pa' }] },
      { id: 'a', name: 'a', vendor: 'fortigate', devices: [{ serial: 'FG1' }] },
    ]);
    expect((await r.list()).map((i) => i.id)).toEqual(['a', 'b']);
  });
});
