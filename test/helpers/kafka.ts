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

/**
 * withKafka(): call inside a describe. Gives the suite an admin and an idempotent producer, and
 * deletes every topic made through `topic()` when the suite ends.
 */
export function withKafka() {
  const made: string[] = [];
  const ctx = {
    admin: undefined as unknown as Admin,
    producer: undefined as unknown as Producer,
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
      const consumer = testKafka().consumer({ groupId: uniqueName('reader') });
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
  before(async () => {
    ctx.admin = testKafka().admin();
    await ctx.admin.connect();
    ctx.producer = createProducer(testKafka());
    await ctx.producer.connect();
  });
  after(async () => {
    if (made.length > 0) await ctx.admin.deleteTopics({ topics: made }).catch(() => undefined);
    await ctx.producer.disconnect();
    await ctx.admin.disconnect();
  });
  return ctx;
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
