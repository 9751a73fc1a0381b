/**
 * The AlertStore contract (test/unit/store-memory/alert-store.contract.ts) run against
 * ElasticsearchAlertStore on the real node, in each refresh mode: one alerts index for the file
 * (the suite gives every test its own ids), dropped at the end.
 */
import { afterAll } from 'vitest';
import { ElasticsearchAlertStore, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';
import { alertStoreContract } from '../../unit/store-memory/alert-store.contract.js';

const index = uniqueName('pullwatch-alerts');
const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: 'logs-pullwatch.firewall-unused', alertsIndex: index });
let ready: Promise<unknown> | undefined;

afterAll(async () => {
  await store.client.indices.delete({ index }).catch(() => undefined);
  await store.client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
  await store.close();
});

for (const refresh of ['on_read', true] as const) {
  alertStoreContract(`Elasticsearch (refresh ${String(refresh)})`, async () => {
    await (ready ??= store.setup());
    return { store: new ElasticsearchAlertStore({ client: store.client, index, refresh }), cleanup: async () => {} };
  });
}
