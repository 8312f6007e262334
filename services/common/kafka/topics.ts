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
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (err) {
      // Another instance may have created it between listTopics and createTopics.
      if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
    }
  }
  return missing.map((t) => t.topic);
}
