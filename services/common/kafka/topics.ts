// Creates the product's topics with partition counts from configuration. Existing topics are
// left as they are (growing partitions is an operator decision, see docs/operations).
import type { Admin, ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Compacted topics keep the latest record per key (scores). */
  compacted?: boolean;
}

export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = specs
    .filter((s) => !existing.has(s.topic))
    .map((s) => ({
      topic: s.topic,
      numPartitions: s.partitions,
      replicationFactor: -1, // the broker's default.replication.factor
      configEntries: s.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    }));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: false }); // see waitForLeaders below
    } catch (err) {
      // Another instance may have created it between listTopics and createTopics.
      if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
    }
  }
  await waitForLeaders(
    admin,
    specs.map((s) => s.topic),
  );
  return missing.map((t) => t.topic);
}

/**
 * Until every partition has a leader. kafkajs's own createTopics({ waitForLeaders }) gives up on
 * the "does not host this topic-partition" a broker answers while a new topic's metadata spreads
 * (seen when several instances start at once), and does not wait at all for a topic another
 * instance has just created.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const md = await admin.fetchTopicMetadata({ topics });
      if (md.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`no leader for every partition of ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
