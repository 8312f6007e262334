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
import type { ActiveModel } from './model-holder';
import { ProfileScorer } from './score-profile';
import { decodeScoreRecord } from './score-record';
import { ScoreStore, type ScoreWrite } from './score-store';
import { scoreUpdatedCodec } from './scorer-events';
import { toScoreUpdated, type ReasonText } from './score-view';

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
  /** Buckets read per step (each step: two HGETALL per bucket, one script call per slot). */
  bucketsPerStep?: number;
  onProgress?: (p: RescoreProgress) => void;
}

export async function rescoreAll(opts: RescoreOptions): Promise<RescoreProgress> {
  const total = opts.keys.profileBuckets;
  const step = opts.bucketsPerStep ?? 512;
  const store = new ScoreStore(opts.redis, opts.keys);
  const scorer = new ProfileScorer();
  const codec = scoreUpdatedCodec();
  const progress: RescoreProgress = { buckets: 0, totalBuckets: total, profiles: 0, written: 0, skipped: 0 };

  for (let first = 0; first < total; first += step) {
    const indexes = Array.from({ length: Math.min(step, total - first) }, (_, i) => first + i);
    const [profiles, scores] = await Promise.all([
      readBuckets(
        opts.redis,
        indexes.map((i) => opts.keys.profileBucketAt(i)),
      ),
      readBuckets(
        opts.redis,
        indexes.map((i) => opts.keys.scoreBucketAt(i)),
      ),
    ]);
    const writes: ScoreWrite[] = [];
    profiles.forEach((bucket, b) => {
      for (const [userId, raw] of Object.entries(bucket)) {
        progress.profiles++;
        const profile = decodeProfileRecord(raw);
        const storedRaw = scores[b]![userId];
        const stored = storedRaw ? decodeScoreRecord(storedRaw) : undefined;
        if (
          stored &&
          stored.modelVersion === opts.active.model.version &&
          stored.partition === profile.position.partition &&
          stored.featureVersion >= profile.position.offset
        ) {
          progress.skipped++;
          continue;
        }
        const record = scorer.score(opts.active, profile, stored?.updatedAtMs ?? profile.lastEventSec * 1000);
        if (record) writes.push({ userId, record });
      }
    });
    const statuses = await store.write(writes);
    const written = writes.filter((_, i) => statuses[i] === 'written');
    progress.written += written.length;
    if (opts.publish && written.length > 0) {
      const now = Date.now();
      await opts.publish.producer.send({
        topic: opts.publish.topic,
        acks: -1,
        messages: written.map((w) => ({
          key: w.userId,
          value: codec.encode(toScoreUpdated(w.userId, w.record, opts.reasonText, now)),
        })),
      });
    }
    progress.buckets += indexes.length;
    opts.onProgress?.({ ...progress });
  }
  return progress;
}

async function readBuckets(redis: RedisClient, keys: string[]): Promise<Record<string, Buffer>[]> {
  try {
    return await Promise.all(keys.map((k) => redis.hgetallBuffer(k) as Promise<Record<string, Buffer>>));
  } catch (err) {
    throw new DependencyError(`Redis failed reading buckets: ${(err as Error).message}`, err);
  }
}
