// The bucket count decides where every profile lives, so changing it silently would orphan every
// stored profile. The first service to start records it; a later one with another count refuses.
import type { RedisClient } from './client';
import { ConfigError } from '../errors';
import type { KeyBuilder } from './keys';
import type { Logger } from '../logger';
import { masters } from './nodes';

export async function checkProfileLayout(redis: RedisClient, keys: KeyBuilder): Promise<void> {
  const wanted = String(keys.profileBuckets);
  await redis.hsetnx(keys.meta(), 'profileBuckets', wanted);
  const stored = await redis.hget(keys.meta(), 'profileBuckets');
  if (stored !== wanted)
    throw new ConfigError(
      'PROFILE_BUCKETS',
      `Redis (prefix "${keys.prefix}") holds profiles laid out in ${stored} buckets, not ${wanted}; ` +
        'use the stored count or migrate the profiles first',
    );
}

/**
 * Bucket hashes are only compact while Redis keeps them as listpacks. A Redis with the default
 * limits (64-byte values) still works, at about twice the memory: say so at start-up (for each
 * master of a Cluster: each has its own configuration).
 */
export async function warnIfProfilesNotCompact(redis: RedisClient, log: Logger): Promise<void> {
  for (const node of await masters(redis).catch(() => [])) {
    try {
      const [, value] = (await node.config('GET', 'hash-max-listpack-value')) as string[];
      const [, entries] = (await node.config('GET', 'hash-max-listpack-entries')) as string[];
      if (Number(value) < 160 || Number(entries) < 192)
        log.warn(
          {
            node: `${node.options.host}:${node.options.port}`,
            'hash-max-listpack-value': value,
            'hash-max-listpack-entries': entries,
          },
          'Redis keeps profile buckets uncompressed; set hash-max-listpack-value 256 and hash-max-listpack-entries 256',
        );
    } catch {
      // CONFIG is often disabled on managed Redis: nothing to check then.
    }
  }
}
