import type { Integration } from '@pullwatch/core';
import type { IntegrationRegistry } from '@pullwatch/ports';

/**
 * IntegrationRegistry in memory, for `pullwatch diagnose` and tests. `list` is sorted by id.
 * Values are copied in and out, so callers cannot change the stored integrations by accident.
 */
export class MemoryIntegrationRegistry implements IntegrationRegistry {
  readonly #byId = new Map<string, Integration>();

  constructor(initial: readonly Integration[] = []) {
    for (const i of initial) this.#byId.set(i.id, structuredClone(i));
  }

  async list(): Promise<Integration[]> {
    return [...this.#byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((i) => structuredClone(i));
  }

  async get(id: string): Promise<Integration | undefined> {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : structuredClone(i);
  }

  async put(integration: Integration): Promise<'created' | 'updated'> {
    const existed = this.#byId.has(integration.id);
    this.#byId.set(integration.id, structuredClone(integration));
    return existed ? 'updated' : 'created';
  }

  async delete(id: string): Promise<boolean> {
    return this.#byId.delete(id);
  }
}
