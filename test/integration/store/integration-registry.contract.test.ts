/**
 * The IntegrationRegistry contract (test/unit/store-memory/integration-registry.contract.ts) run
 * against ElasticsearchIntegrationRegistry on the real node, with its default `refresh: wait_for`
 * and with `refresh: true`: one index for the file, dropped at the end.
 */
import { afterAll } from 'vitest';
import { ElasticsearchIntegrationRegistry, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';
import { integrationRegistryContract } from '../../unit/store-memory/integration-registry.contract.js';

const index = uniqueName('pullwatch-integrations');
const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: 'logs-pullwatch.firewall-unused', integrationsIndex: index });
let ready: Promise<unknown> | undefined;

afterAll(async () => {
  await store.client.indices.delete({ index }).catch(() => undefined);
  await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
  await store.close();
});

for (const refresh of ['wait_for', true] as const) {
  integrationRegistryContract(`Elasticsearch (refresh ${String(refresh)})`, async () => {
    await (ready ??= store.setup());
    return { registry: new ElasticsearchIntegrationRegistry({ client: store.client, index, refresh }), cleanup: async () => {} };
  });
}
