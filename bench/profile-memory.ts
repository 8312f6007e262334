// Bytes per profile in Redis: write N realistic profiles (bench-profiles.ts) and divide the INFO
// used_memory delta by N.
import type { RedisClient } from '../services/common/redis/client';
import { masters } from '../services/common/redis/nodes';
import { ProfileStore } from '../services/common/redis/profile-store';
import { keyBuilder } from '../services/common/redis/keys';
import { deleteByPrefix } from '../test/helpers/redis';
import type { Benchmark } from './bench-context';
import { writeBenchProfiles } from './bench-profiles';

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
    } finally {
      await deleteByPrefix(redis, prefix);
    }
  },
};
