/**
 * The Kafka of the test environment (the local stack's KRaft broker by default) does what
 * the bus adapter relies on, through kafkajs 2.2.4: topic creation, acknowledged batches,
 * a consumer group that reads everything, partitions shared when a second member joins,
 * and committed offsets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { endpoints, uniqueName, waitFor } from '../../helpers/services.js';

const PARTITIONS = 6;
const FIRST = 1_000;
const SECOND = 300;
const BATCH = 100;

interface Member {
  consumer: Consumer;
  values: string[];
  /** Partitions of the test topic in this member's latest assignment. */
  partitions: number[];
  joins: number;
}

describe('stack > Kafka through kafkajs', () => {
  const topic = uniqueName('pullwatch.itest.stack');
  const groupId = uniqueName('pullwatch-itest-group');
  const kafka = new Kafka({ clientId: 'pullwatch-itest', brokers: [...endpoints.kafkaBrokers], logLevel: logLevel.NOTHING });
  let admin: Admin;
  let producer: Producer;
  const members: Member[] = [];

  async function join(): Promise<Member> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 300, maxWaitTimeInMs: 250 });
    const member: Member = { consumer, values: [], partitions: [], joins: 0 };
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      member.joins += 1;
      member.partitions = [...(event.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        member.values.push(message.value?.toString() ?? '');
      },
    });
    members.push(member);
    return member;
  }

  async function produce(from: number, count: number): Promise<void> {
    for (let start = from; start < from + count; start += BATCH) {
      const messages = Array.from({ length: Math.min(BATCH, from + count - start) }, (_, i) => ({
        key: `device-${(start + i) % 37}`,
        value: `m-${start + i}`,
      }));
      const records = await producer.send({ topic, acks: -1, messages });
      expect(records.every((r) => r.errorCode === 0)).toBe(true);
    }
  }

  const consumed = () => new Set(members.flatMap((m) => m.values));

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    expect(created).toBe(true);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    for (const m of members) await m.consumer.disconnect().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    if (admin) {
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('creates a topic with the requested partitions', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(PARTITIONS);
  });

  it('delivers 1,000 messages produced in acknowledged batches to one group member', async () => {
    await produce(0, FIRST);
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(FIRST);

    const first = await join();
    await waitFor(() => consumed().size === FIRST, {
      timeoutMs: 60_000,
      message: () => `consumed ${consumed().size} of ${FIRST} messages`,
    });
    expect(first.values).toHaveLength(FIRST);
    expect(first.partitions).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shares the partitions when a second member joins the group', async () => {
    const [first] = members;
    const second = await join();
    await waitFor(() => second.partitions.length > 0 && first!.partitions.length > 0 && first!.partitions.length < PARTITIONS, {
      timeoutMs: 30_000,
      message: () => `assignments after the join: first ${JSON.stringify(first!.partitions)}, second ${JSON.stringify(second.partitions)}`,
    });
    const all = [...first!.partitions, ...second.partitions].sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);

    const before = first!.values.length;
    await produce(FIRST, SECOND);
    await waitFor(() => consumed().size === FIRST + SECOND, {
      timeoutMs: 60_000,
      message: () => `consumed ${consumed().size} of ${FIRST + SECOND} messages`,
    });
    expect(first!.values.length - before).toBeGreaterThan(0);
    expect(second.values.length).toBeGreaterThan(0);
    // Nothing was read twice: the first member had committed what it read before the rebalance.
    expect(first!.values.length + second.values.length).toBe(FIRST + SECOND);
  });

  it('commits the group offsets up to the end of every partition', async () => {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
    await waitFor(
      async () => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return committed?.partitions.every((p) => p.offset === ends.get(p.partition)) ?? false;
      },
      { timeoutMs: 30_000, message: () => `group ${groupId} did not commit up to ${JSON.stringify([...ends])}` },
    );
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(FIRST + SECOND);
  });
});
