/**
 * The EvidenceSource contract (test/unit/store-memory/evidence-source.contract.ts) run against
 * ElasticsearchEvidenceSource on the real node, twice: default sizes, and pages of one bucket
 * and chunks of one integration (so the paging and chunking paths run too). Each run has its
 * own pulls and firewall streams (the suite tags its ids but some addresses are fixed), dropped
 * at the end.
 */
import { afterAll } from 'vitest';
import { normalisePulls, indexPulls } from '@pullwatch/pulls';
import { ElasticsearchEvidenceSource, ElasticsearchStore, type ElasticsearchEvidenceSourceOptions } from '@pullwatch/store-elasticsearch';
import { endpoints, uniqueName } from '../../helpers/services.js';
import { silent } from '../ingest/worker-pipeline.helpers.js';
import { evidenceSourceContract } from '../../unit/store-memory/evidence-source.contract.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

function run(name: string, sizes: Partial<ElasticsearchEvidenceSourceOptions>): void {
  const id = uniqueName('evc').replace(/[^a-z0-9]/g, '');
  const pullsStream = `logs-pullwatch.pulls-${id}`;
  const firewallStream = `logs-pullwatch.firewall-${id}`;
  const store = new ElasticsearchStore({ url: endpoints.esUrl, logger: silent, firewallStream, pullsStream, retryBaseMs: 20 });
  let ready: Promise<unknown> | undefined;
  let seq = 0;
  cleanups.push(async () => {
    await store.client.indices.deleteDataStream({ name: [pullsStream, firewallStream] }).catch(() => undefined);
    await store.close();
  });
  evidenceSourceContract(name, async () => {
    await (ready ??= store.setup());
    return {
      source: new ElasticsearchEvidenceSource({ client: store.client, pullsIndex: pullsStream, firewallIndex: firewallStream, ...sizes }),
      addPulls: async (records) => {
        const { records: normalised, errors } = normalisePulls(records);
        if (errors.length) throw new Error(`invalid pull records: ${JSON.stringify(errors)}`);
        const r = await indexPulls(store, pullsStream, normalised);
        if (r.rejected.length) throw new Error(`refused: ${r.rejected[0]!.reason}`);
        await store.client.indices.refresh({ index: pullsStream });
      },
      addEvents: async (docs) => {
        const r = await store.write(firewallStream, docs.map((doc) => ({ id: `evc-${seq++}`, doc })));
        if (r.rejected.length) throw new Error(`refused: ${r.rejected[0]!.reason}`);
        await store.client.indices.refresh({ index: firewallStream });
      },
      cleanup: async () => {},
    };
  });
}

run('Elasticsearch', {});
run('Elasticsearch, pages of 1 and one item a search', { compositePageSize: 1, clausesPerSearch: 1 });
