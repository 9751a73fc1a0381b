import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Integration } from '@pullwatch/core';
import type { IntegrationRegistry } from '@pullwatch/ports';

export interface IntegrationRegistryHarness {
  registry: IntegrationRegistry;
  cleanup(): Promise<void>;
}

/**
 * The IntegrationRegistry contract (packages/ports/src/integration-registry.ts) for every
 * adapter. Tests use their own ids: other integrations may be in a shared backend.
 */
export function integrationRegistryContract(name: string, factory: () => Promise<IntegrationRegistryHarness>): void {
  describe(`IntegrationRegistry contract > ${name}`, () => {
    let h: IntegrationRegistryHarness;
    let tag: string;
    beforeEach(async () => {
      h = await factory();
      tag = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await h.cleanup();
    });
    const integration = (id: string, over: Partial<Integration> = {}): Integration => ({
      id: `${id}-${tag}`,
      name: `fw ${id}`,
      vendor: 'opnsense',
      devices: [{ hostname: `opn-${id}`, address: '192.0.2.10' }],
      egress_ips: ['198.51.100.7'],
      feed: { name: 'CrowdSec_BL', url: `https://admin.api.crowdsec.net/v1/integrations/${id}/content` },
      ...over,
    });

    it('creates, then replaces by id, and says which', async () => {
      const a = integration('a');
      expect(await h.registry.put(a)).toBe('created');
      expect(await h.registry.get(a.id)).toEqual(a);
      const b = { ...a, name: 'renamed', vendor: 'pfsense' as const, devices: [{ serial: 'X1' }] };
      delete (b as Partial<Integration>).egress_ips;
      expect(await h.registry.put(b)).toBe('updated');
      expect(await h.registry.get(a.id)).toEqual(b);
    });

    it('lists what was put, and deletes', async () => {
      const a = integration('a');
      const b = integration('b', { vendor: 'panos' });
      await h.registry.put(a);
      await h.registry.put(b);
      const listed = (await h.registry.list()).filter((i) => i.id.endsWith(tag));
      expect(listed.sort((x, y) => x.id.localeCompare(y.id))).toEqual([a, b]);
      expect(await h.registry.delete(a.id)).toBe(true);
      expect(await h.registry.delete(a.id)).toBe(false);
      expect(await h.registry.get(a.id)).toBeUndefined();
      expect((await h.registry.list()).filter((i) => i.id.endsWith(tag)).map((i) => i.id)).toEqual([b.id]);
    });

    it('knows nothing about an id never put', async () => {
      expect(await h.registry.get(`never-${tag}`)).toBeUndefined();
      expect(await h.registry.delete(`never-${tag}`)).toBe(false);
    });
  });
}
