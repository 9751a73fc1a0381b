/**
 * The PullTimeline contract run against ElasticsearchPullTimeline on the real node: pull
 * records written through the pulls intake into a data stream of this run's own, dropped at
 * the end.
 */
import { afterAll } from 'vitest';
import { indexPulls, normalisePulls } from '@pullwatch/pulls';
import { ElasticsearchPullTimeline, ElasticsearchStore } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../helpers/services.js';
import { silent } from '../integration/ingest/worker-pipeline.helpers.js';
import { pullTimelineContract } from './pull-timeline.contract.js';

const id = uniqueName('ptl').replace(/[^a-z0-9]/g, '');
const pullsStream = `logs-pullwatch.pulls-${id}`;
const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream: `logs-pullwatch.firewall-${id}`, pullsStream, retryBaseMs: 20 });
let ready: Promise<unknown> | undefined;

afterAll(async () => {
  await store.client.indices.deleteDataStream({ name: [pullsStream, `logs-pullwatch.firewall-${id}`] }).catch(() => undefined);
  await store.close();
});

pullTimelineContract('Elasticsearch', async () => {
  await (ready ??= store.setup());
  return {
    timeline: new ElasticsearchPullTimeline({ client: store.client, pullsIndex: pullsStream }),
    addPulls: async (records) => {
      const { records: normalised, errors } = normalisePulls(records);
      if (errors.length) throw new Error(`invalid pull records: ${JSON.stringify(errors)}`);
      const r = await indexPulls(store, pullsStream, normalised);
      if (r.rejected.length) throw new Error(`refused: ${r.rejected[0]!.reason}`);
      await store.client.indices.refresh({ index: pullsStream });
    },
    cleanup: async () => {},
  };
});
