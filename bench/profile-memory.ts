// Bytes per profile in Redis: write N realistic profiles (bench-profiles.ts) and divide the INFO
// used_memory delta by N; likewise bytes per latest score (four reason codes, the most served).
import type { RedisClient } from '../services/common/redis/client';
import { masters } from '../services/common/redis/nodes';
import { ProfileStore } from '../services/common/redis/profile-store';
import { keyBuilder } from '../services/common/redis/keys';
import { deleteByPrefix } from '../test/helpers/redis';
import type { Benchmark } from './bench-context';
import { benchUserId, writeBenchProfiles } from './bench-profiles';
import { ScoreStore, type ScoreWrite } from '../services/scorer/score-store';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 1_000_000);

/** Summed over every master of a Cluster (INFO through the Cluster client asks one random node). */
async function usedMemory(redis: RedisClient): Promise<number> {
  let total = 0;
  for (const node of await masters(redis))
    total += Number(/used_memory:(\d+)/.exec(await node.info('memory'))![1]);
  return total;
}

export async function measureBytesPerProfile(
  redis: RedisClient,
  profiles: number,
  prefix: string,
  buckets: number,
): Promise<number> {
  const store = new ProfileStore(redis, keyBuilder(prefix, buckets));
  const before = await usedMemory(redis);
  await writeBenchProfiles(store, profiles);
  const after = await usedMemory(redis);
  return (after - before) / profiles;
}

export async function measureBytesPerScore(
  redis: RedisClient,
  scores: number,
  prefix: string,
  buckets: number,
): Promise<number> {
  const store = new ScoreStore(redis, keyBuilder(prefix, buckets));
  const before = await usedMemory(redis);
  const chunk = 10_000;
  for (let i = 0; i < scores; i += chunk) {
    const writes: ScoreWrite[] = [];
    for (let j = i; j < Math.min(scores, i + chunk); j++)
      writes.push({
        userId: benchUserId(j),
        record: {
          partition: j % 6,
          featureVersion: j,
          modelEpochMs: Date.UTC(2026, 10, 1),
          modelVersion: '0123456789abcdef',
          points: 300 + (j % 550),
          probabilityOfDefault: (j % 1000) / 1000,
          asOfMs: Date.UTC(2026, 10, 1) + j,
          updatedAtMs: Date.UTC(2026, 10, 1) + j,
          reasonCodes: ['RC01', 'RC07', 'RC12', 'RC15'],
        },
      });
    await store.write(writes);
  }
  const after = await usedMemory(redis);
  return (after - before) / scores;
}

export const memoryBenchmark: Benchmark = {
  name: 'memory',
  what: `Redis bytes per stored profile (BENCH_PROFILES=${PROFILES})`,
  async run({ redis, run }) {
    // The production bucket count is sized for 100 million profiles (~95 per bucket); at 1 million
    // profiles the same ~95 per bucket needs 2^14 buckets.
    const buckets = Math.max(1, Math.round(PROFILES / 95));
    const prefix = `bench${run}m`;
    console.log(`# bytes per profile: ${PROFILES} profiles, ${buckets} buckets, user ids of 15 characters`);
    try {
      const bytes = await measureBytesPerProfile(redis, PROFILES, prefix, buckets);
      console.log(`Redis used_memory delta per profile: ${bytes.toFixed(1)} bytes  (target <= 256)`);
      const perScore = await measureBytesPerScore(redis, PROFILES, `${prefix}s`, buckets);
      console.log(`Redis used_memory delta per latest score: ${perScore.toFixed(1)} bytes  (4 reason codes)`);
    } finally {
      await deleteByPrefix(redis, prefix);
      await deleteByPrefix(redis, `${prefix}s`);
    }
  },
};
