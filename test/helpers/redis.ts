// Redis for integration tests: a key prefix per suite, and every key under it deleted afterwards.
// The shared single Redis by default; `withRedis({ cluster: true })` gives the suite a private
// 3-master Redis Cluster instead (REDIS_KINDS runs a suite on both).
import { createRedis, type RedisClient } from '../../services/common/redis/client';
import { keyBuilder, type KeyBuilder } from '../../services/common/redis/keys';
import { scanKeys, unlinkKeys } from '../../services/common/redis/nodes';
import { TEST_REDIS_URL } from './services';
import { uniqueName } from './names';
import { startRedisCluster, type RunningRedisCluster } from './redis-cluster';

const newPrefix = () => uniqueName('t').replace(/-/g, '').slice(0, 16);

/** The Redis deployments the product supports; specs that hold for both loop over this. */
export const REDIS_KINDS = [
  { name: 'single Redis', cluster: false },
  { name: 'Redis Cluster, 3 masters', cluster: true },
] as const;

/**
 * withRedis(): call inside a describe. Gives the suite a client and a key prefix of its own;
 * `freshPrefix()` gives a test one more. Every key under them is deleted when the suite ends.
 */
export function withRedis(opts: { cluster?: boolean } = {}) {
  const prefixes: string[] = [];
  const ctx = {
    redis: undefined as unknown as RedisClient,
    /** REDIS_URL of this suite's Redis, for the services a test starts. */
    url: TEST_REDIS_URL,
    /** The suite's private cluster (with `cluster: true`), to crash and restart nodes of. */
    cluster: undefined as RunningRedisCluster | undefined,
    prefix: newPrefix(),
    keys: undefined as unknown as KeyBuilder,
    freshPrefix(): { prefix: string; keys: KeyBuilder } {
      const prefix = newPrefix();
      prefixes.push(prefix);
      return { prefix, keys: keyBuilder(prefix) };
    },
  };
  prefixes.push(ctx.prefix);
  ctx.keys = keyBuilder(ctx.prefix);
  before(async function () {
    if (opts.cluster) {
      this.timeout(120_000);
      ctx.cluster = await startRedisCluster();
      ctx.url = ctx.cluster.url;
    }
    ctx.redis = createRedis(ctx.url, { name: 'test' });
    await ctx.redis.ping();
  });
  // One hook, in this order: mocha runs a suite's after hooks in the order they were added.
  after(async function () {
    this.timeout(60_000);
    if (ctx.redis) {
      for (const p of prefixes) await deleteByPrefix(ctx.redis, p);
      ctx.redis.disconnect();
    }
    await ctx.cluster?.stop();
  });
  return ctx;
}

export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<void> {
  await scanKeys(redis, `${prefix}:*`, (keys) => unlinkKeys(redis, keys));
}

/**
 * `count` user ids (`<idPrefix>-<n>`) whose keys under `bucketOf` are one and the same, so a
 * multi-key call may carry them all on a Redis Cluster too. Use a key builder with few buckets.
 */
export function usersOfOneBucket(
  bucketOf: (userId: string) => string,
  count: number,
  idPrefix = 'm',
): string[] {
  const bucket = bucketOf(`${idPrefix}-0`);
  const users: string[] = [];
  for (let i = 0; users.length < count; i++) {
    if (i > count * 10_000) throw new Error(`fewer than ${count} users share ${bucket}: use fewer buckets`);
    if (bucketOf(`${idPrefix}-${i}`) === bucket) users.push(`${idPrefix}-${i}`);
  }
  return users;
}
