import type { Integration } from '@pullwatch/core';

/**
 * IntegrationRegistry: the integrations pullwatch watches (Elasticsearch index
 * `pullwatch-integrations` distributed, SQLite embedded, memory offline).
 * Inside the contract: `put` creates or replaces by id; reads see writes.
 * Outside: validation (callers validate with `integrationSchema` first).
 */
export interface IntegrationRegistry {
  list(): Promise<Integration[]>;
  get(id: string): Promise<Integration | undefined>;
  /** Creates or replaces; says which. */
  put(integration: Integration): Promise<'created' | 'updated'>;
  /** True when it existed. */
  delete(id: string): Promise<boolean>;
}
