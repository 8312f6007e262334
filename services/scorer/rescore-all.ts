// Re-scores every stored profile with the given model: walks the profile bucket hashes by index
// (so progress is exact and it works the same on Redis Cluster: each bucket is one key, its score
// bucket shares the slot), skips profiles whose stored score already comes from this model (so an
// interrupted run resumes cheaply), and writes through the same compare-and-set as the live path,
// so it never overwrites a score of newer features computed meanwhile.
import type { RedisClient } from '../common/redis/client';
import type { Producer } from 'kafkajs';
import type { KeyBuilder } from '../common/redis/keys';
import { decodeProfileRecord } from '../common/redis/profile-record';
import { DependencyError } from '../common/errors';
import { slotGroups } from '../common/redis/slot-groups';
import { CoalescingSender } from '../common/kafka/coalescing-sender';
import type { ActiveModel } from './model-holder';
import { ProfileScorer } from './score-profile';
import { decodeScoreRecord } from './score-record';
import { ScoreStore, type ScoreWrite } from './score-store';
import { scoreUpdatedCodec } from './scorer-events';
import { toScoreUpdated, type ReasonText } from './score-view';
import type { BucketRange } from './rescore-shard';

export interface RescoreProgress {
  buckets: number;
  totalBuckets: number;
  profiles: number;
  written: number;
  skipped: number;
}

export interface RescoreOptions {
  redis: RedisClient;
  keys: KeyBuilder;
  active: ActiveModel;
  reasonText: ReasonText;
  /** When given, every written score is announced on the scores topic, as live scores are. */
  publish?: { producer: Producer; topic: string };
  /** Only these bucket indexes (one shard of a rescore split over processes); all by default. */
  range?: BucketRange;
  /** Buckets per step (a step reads its buckets with one get-buckets.lua call per slot group). */
  bucketsPerStep?: number;
  /** Steps in flight at once (default 3). */
  stepsConcurrently?: number;
  onProgress?: (p: RescoreProgress) => void;
}

export async function rescoreAll(opts: RescoreOptions): Promise<RescoreProgress> {
  const { first: start, end } = opts.range ?? { first: 0, end: opts.keys.profileBuckets };
  const total = end - start;
  const step = opts.bucketsPerStep ?? 64;
  const store = new ScoreStore(opts.redis, opts.keys);
  const scorer = new ProfileScorer();
  const codec = scoreUpdatedCodec();
  // Steps in flight share produce requests; big ones are split under the broker's request limit.
  const sender = opts.publish && new CoalescingSender(opts.publish.producer);
  const progress: RescoreProgress = { buckets: 0, totalBuckets: total, profiles: 0, written: 0, skipped: 0 };

  async function rescoreStep(first: number): Promise<void> {
    const indexes = Array.from({ length: Math.min(step, end - first) }, (_, i) => first + i);
    const writes: ScoreWrite[] = [];
    let seen = 0;
    let skipped = 0;
    for (const [profiles, scores] of await readBucketPairs(opts.redis, opts.keys, indexes)) {
      const stored = new Map<string, Buffer>();
      for (let i = 0; i < scores.length; i += 2) stored.set(scores[i]!.toString(), scores[i + 1]!);
      for (let i = 0; i < profiles.length; i += 2) {
        seen++;
        const userId = profiles[i]!.toString();
        const profile = decodeProfileRecord(profiles[i + 1]!);
        const storedRaw = stored.get(userId);
        const current = storedRaw ? decodeScoreRecord(storedRaw) : undefined;
        if (
          current &&
          current.modelVersion === opts.active.model.version &&
          current.partition === profile.position.partition &&
          current.featureVersion >= profile.position.offset
        ) {
          skipped++;
          continue;
        }
        const record = scorer.score(
          opts.active,
          profile,
          current?.updatedAtMs ?? profile.lastEventSec * 1000,
        );
        if (record) writes.push({ userId, record });
      }
    }
    const statuses = await store.write(writes);
    const written = writes.filter((_, i) => statuses[i] === 'written');
    if (sender && written.length > 0) {
      const now = Date.now();
      await sender.send(
        opts.publish!.topic,
        written.map((w) => ({
          key: w.userId,
          value: codec.encode(toScoreUpdated(w.userId, w.record, opts.reasonText, now)),
        })),
      );
    }
    progress.buckets += indexes.length;
    progress.profiles += seen;
    progress.skipped += skipped;
    progress.written += written.length;
    opts.onProgress?.({ ...progress });
  }

  // A few steps at once: one step's Redis reads and writes and Kafka sends overlap another's
  // scoring, so neither this process nor Redis waits on the other.
  let next = start;
  const worker = async () => {
    while (next < end) {
      const first = next;
      next += step;
      await rescoreStep(first);
    }
  };
  await Promise.all(Array.from({ length: opts.stepsConcurrently ?? 3 }, worker));
  return progress;
}

/** Each bucket index's profile and score buckets (flat field/value arrays), in index order. */
async function readBucketPairs(
  redis: RedisClient,
  keys: KeyBuilder,
  indexes: number[],
): Promise<[Buffer[], Buffer[]][]> {
  // A profile bucket and its score bucket share a hash tag, so a pair never splits across groups.
  const names = indexes.flatMap((i) => [keys.profileBucketAt(i), keys.scoreBucketAt(i)]);
  const flat: Buffer[][] = new Array<Buffer[]>(names.length);
  try {
    await Promise.all(
      slotGroups(redis, names).map(async (group) => {
        const read = await redis.getBucketsBuffer(group.length, ...group.map((k) => names[k]!));
        read.forEach((entries, j) => (flat[group[j]!] = entries));
      }),
    );
  } catch (err) {
    throw new DependencyError(`Redis failed reading buckets: ${(err as Error).message}`, err);
  }
  return indexes.map((_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
}
