// Bytes per profile in Redis: write N realistic profiles (bench-profiles.ts) and divide the INFO
// used_memory delta by N.
import type { Redis } from 'ioredis';
import { ProfileStore } from '../services/common/redis/profile-store';
import { keyBuilder } from '../services/common/redis/keys';
import { deleteByPrefix } from '../test/helpers/redis';
import type { Benchmark } from './bench-context';
import { writeBenchProfiles } from './bench-profiles';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 1_000_000);

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

export async function measureBytesPerProfile(
  redis: Redis,
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
