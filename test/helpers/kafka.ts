// Kafka for integration tests: one client per run, topics created per test and deleted after.
import type { Admin, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { createKafka, createProducer } from '../../services/common/kafka/client';
import { TEST_BROKERS } from './services';
import { uniqueName } from './names';
import { waitFor } from './wait';

let kafka: Kafka | undefined;
export function testKafka(): Kafka {
  kafka ??= createKafka(TEST_BROKERS, 'creditscore-test');
  return kafka;
}

export type KafkaContext = ReturnType<typeof kafkaContext>;

/**
 * An admin and an idempotent producer on a broker, and the topics made through `topic()`, which
 * `close()` deletes. `kafka` is called at `open()`, so a broker started later (a private one) works.
 * withKafka() wraps it in mocha hooks; a script (test/faults) calls open/close itself.
 */
export function kafkaContext(kafka: () => Kafka = testKafka) {
  const made: string[] = [];
  const ctx = {
    kafka: undefined as unknown as Kafka,
    admin: undefined as unknown as Admin,
    producer: undefined as unknown as Producer,
    async open(): Promise<void> {
      ctx.kafka = kafka();
      ctx.admin = ctx.kafka.admin();
      await ctx.admin.connect();
      ctx.producer = createProducer(ctx.kafka);
      await ctx.producer.connect();
    },
    async close(): Promise<void> {
      if (made.length > 0) await ctx.admin.deleteTopics({ topics: made }).catch(() => undefined);
      await ctx.producer?.disconnect();
      await ctx.admin?.disconnect();
    },
    /** Creates a uniquely named topic and returns its name. */
    async topic(prefix: string, partitions = 1, compacted = false): Promise<string> {
      const name = uniqueName(prefix);
      await ctx.admin.createTopics({
        waitForLeaders: false, // polled below instead
        topics: [
          {
            topic: name,
            numPartitions: partitions,
            configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
          },
        ],
      });
      // kafkajs's own waitForLeaders gives up on a transient "does not host this topic-partition"
      // under load; poll the metadata until every partition has a leader instead.
      await waitFor(
        async () => {
          const md = await ctx.admin.fetchTopicMetadata({ topics: [name] });
          const ps = md.topics[0]?.partitions ?? [];
          return ps.length === partitions && ps.every((p) => p.leader >= 0);
        },
        { what: `leaders for ${name}` },
      );
      made.push(name);
      return name;
    },
    /**
     * A unique topic name the services under test create themselves (partition counts from their
     * configuration); deleted with the suite's other topics.
     */
    name(prefix: string): string {
      const name = uniqueName(prefix);
      made.push(name);
      return name;
    },
    /** Reads `count` messages from the start of a topic (all partitions) with a throwaway group. */
    async readAll(
      topic: string,
      count: number,
      timeoutMs = 60_000,
    ): Promise<(KafkaMessage & { partition: number })[]> {
      const seen: (KafkaMessage & { partition: number })[] = [];
      const consumer = ctx.kafka.consumer({ groupId: uniqueName('reader') });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message, partition }) => void seen.push({ ...message, partition }),
        });
        await waitFor(() => seen.length >= count, {
          timeoutMs,
          what: `${count} messages on ${topic} (have ${seen.length})`,
        });
      } finally {
        await consumer.disconnect();
      }
      return seen;
    },
  };
  return ctx;
}

/**
 * withKafka(): call inside a describe. Gives the suite an admin and an idempotent producer, and
 * deletes every topic made through `topic()` when the suite ends.
 */
export function withKafka(kafka: () => Kafka = testKafka) {
  const ctx = kafkaContext(kafka);
  before(() => ctx.open());
  after(() => ctx.close());
  return ctx;
}

/**
 * Calls `each` for every message of a topic, from the start up to the end offsets it has when the
 * call begins, partition by partition in offset order; resolves when all are read.
 */
export async function readToEnd(
  kafka: Kafka,
  topic: string,
  each: (message: KafkaMessage, partition: number) => void,
  timeoutMs = 300_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const left = new Map(ends.filter((e) => e.high !== e.low).map((e) => [e.partition, BigInt(e.high)]));
  if (left.size === 0) return;
  const consumer = kafka.consumer({ groupId: uniqueName('scan'), maxBytesPerPartition: 4 << 20 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = left.get(batch.partition);
        if (end === undefined) return;
        for (const m of batch.messages) if (BigInt(m.offset) < end) each(m, batch.partition);
        if (BigInt(batch.lastOffset()) + 1n >= end) left.delete(batch.partition);
      },
    });
    await waitFor(() => left.size === 0, { timeoutMs, what: `the end of ${topic}` });
  } finally {
    await consumer.disconnect();
  }
}

/** Sum of (end offset - committed offset) over a group's partitions of a topic. */
export async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const done = new Map(committed[0]!.partitions.map((p) => [p.partition, BigInt(p.offset)]));
  return ends.reduce((sum, e) => {
    const c = done.get(e.partition) ?? -1n;
    return sum + Number(BigInt(e.high) - (c < 0n ? BigInt(e.low) : c));
  }, 0);
}
