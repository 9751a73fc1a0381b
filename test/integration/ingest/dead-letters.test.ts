import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '@pullwatch/worker';
import { waitFor } from '../../helpers/services.js';
import { countDocs, dropStream, envelope, isolatedConfig, kafkaBusFor, rawKafka, readTopic, silent, storeFor } from './worker-pipeline.helpers.js';

describe('worker > dead letters: nothing is dropped silently', () => {
  const config = isolatedConfig('dlq');
  const bus = kafkaBusFor(config, 'dlq-worker');
  const store = storeFor(config);
  const stream = config.elasticsearch.firewallStream;
  let worker: WorkerHandle;

  beforeAll(async () => {
    await bus.ensureTopics([config.kafka.rawTopic, config.kafka.deadLetterTopic]);
    worker = await startWorker(config, bus, store, silent);
  });

  afterAll(async () => {
    await worker?.stop();
    await bus.close();
    await dropStream(store, stream);
    await store.close();
  });

  it('dead-letters a record that is not JSON and a batch with an invalid envelope, with reasons, and still indexes the good one', async () => {
    const producer = rawKafka().producer();
    await producer.connect();
    const good = envelope('<134>Nov 26 10:00:00 fw01 filterlog[1]: good line');
    await producer.send({
      topic: config.kafka.rawTopic,
      messages: [
        { key: 'a', value: 'this is not json {' },
        { key: 'b', value: JSON.stringify({ v: 1, envelopes: [{ ...envelope('x'), transport: 'carrier-pigeon' }] }) },
        { key: 'c', value: JSON.stringify({ v: 1, envelopes: [good] }) },
      ],
    });
    await producer.disconnect();
    const letters = await readTopic(config.kafka.deadLetterTopic, 2);
    expect(letters).toHaveLength(2);
    const parsed = letters.map((l) => JSON.parse(l.value) as { code: string; stage: string; reason: string; payload: string });
    expect(parsed.map((p) => p.code)).toEqual(['invalid_envelope', 'invalid_envelope']);
    expect(parsed.map((p) => p.stage)).toEqual(['unpack', 'unpack']);
    expect(parsed.find((p) => p.payload === 'this is not json {')?.reason).toMatch(/not JSON/);
    expect(parsed.find((p) => p.payload.includes('carrier-pigeon'))?.reason).toMatch(/envelopes\.0\.transport/);
    await waitFor(async () => (await countDocs(store, stream)) === 1, { timeoutMs: 30_000 });
  });

  it('dead-letters a document Elasticsearch refuses, with its reason, and commits past it', async () => {
    // A stream whose template (higher priority, this stream only) maps `message` as a number:
    // Elasticsearch itself refuses every document of it.
    const c2 = isolatedConfig('dlqr');
    const refused = c2.elasticsearch.firewallStream;
    await store.client.indices.putIndexTemplate({
      name: `${refused}-strict`,
      index_patterns: [refused],
      priority: 400,
      data_stream: {},
      template: { mappings: { properties: { message: { type: 'long' } } } },
    });
    const bus2 = kafkaBusFor(c2, 'dlqr-worker');
    const refusingWorker = await startWorker(c2, bus2, store, silent);
    try {
      const producer = rawKafka().producer();
      await producer.connect();
      const doomed = envelope('<134>Nov 26 10:00:00 fw01 app: the message field is text, the template wants a number');
      const fine = envelope('<134>Nov 26 10:00:01 fw01 app: 12345');
      await producer.send({ topic: c2.kafka.rawTopic, messages: [{ key: 'd', value: JSON.stringify({ v: 1, envelopes: [doomed, fine] }) }] });
      await producer.disconnect();
      const letters = await readTopic(c2.kafka.deadLetterTopic, 1);
      const parsed = letters.map((l) => JSON.parse(l.value) as { code: string; stage: string; reason: string; context: { id: string } });
      expect(parsed).toHaveLength(1);
      expect(parsed[0]).toMatchObject({ code: 'es_bulk_item', stage: 'index', context: { id: doomed.id } });
      expect(parsed[0]!.reason).toMatch(/HTTP 400: (document_parsing_exception|mapper_parsing_exception).*failed to parse field \[message\]/);
      // The other document of the same record is stored, and the offset moved on.
      await waitFor(async () => (await countDocs(store, refused)) === 1, { timeoutMs: 30_000 });
    } finally {
      await refusingWorker.stop();
      await bus2.close();
      await dropStream(store, refused);
      await store.client.indices.deleteIndexTemplate({ name: `${refused}-strict` }).catch(() => undefined);
    }
  });
});
