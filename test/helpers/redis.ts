// Redis for integration tests: a key prefix per suite, and every key under it deleted afterwards.
import type { Redis } from 'ioredis';
import { createRedis } from '../../services/common/redis/client';
import { keyBuilder, type KeyBuilder } from '../../services/common/redis/keys';
import { TEST_REDIS_URL } from './services';
import { uniqueName } from './names';

const newPrefix = () => uniqueName('t').replace(/-/g, '').slice(0, 16);

/**
 * withRedis(): call inside a describe. Gives the suite a client and a key prefix of its own;
 * `freshPrefix()` gives a test one more. Every key under them is deleted when the suite ends.
 */
export function withRedis() {
  const prefixes: string[] = [];
  const ctx = {
    redis: undefined as unknown as Redis,
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
  before(async () => {
    ctx.redis = createRedis(TEST_REDIS_URL, { name: 'test' });
    await ctx.redis.ping();
  });
  after(async () => {
    for (const p of prefixes) await deleteByPrefix(ctx.redis, p);
    ctx.redis.disconnect();
  });
  return ctx;
}

export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
