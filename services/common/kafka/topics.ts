// Creates the product's topics with partition counts from configuration. Existing topics are
// left as they are (growing partitions is an operator decision, see docs/operations).
import type { Admin, ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Compacted topics keep the latest record per key (scores). */
  compacted?: boolean;
  /** The topic's max.message.bytes, when it must take more than the broker's default. */
  maxMessageBytes?: number;
}

export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = specs
    .filter((s) => !existing.has(s.topic))
    .map((s) => ({
      topic: s.topic,
      numPartitions: s.partitions,
      replicationFactor: -1, // the broker's default.replication.factor
      configEntries: [
        ...(s.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
        ...(s.maxMessageBytes ? [{ name: 'max.message.bytes', value: String(s.maxMessageBytes) }] : []),
      ],
    }));
  if (missing.length > 0) {
    try {
      // kafkajs's own wait gives up on a transient "does not host this topic-partition": see below.
      await admin.createTopics({ topics: missing, waitForLeaders: false });
    } catch (err) {
      // Another instance may have created it between listTopics and createTopics.
      if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
    }
  }
  // A new topic's partitions get leaders in the metadata a moment before each leader hosts its
  // log; producing or joining a group in between fails with "not the leader for that
  // topic-partition". A ListOffsets answer from every partition's leader means it hosts the log.
  await waitUntilHosted(
    admin,
    specs.map((s) => s.topic),
  );
  return missing.map((t) => t.topic);
}

async function waitUntilHosted(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
    const hosted = await Promise.all(topics.map((t) => admin.fetchTopicOffsets(t))).then(
      () => true,
      () => false,
    );
    if (hosted) return;
    if (Date.now() > deadline)
      throw new Error(`topics ${topics.join(', ')} not hosted after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
