// Commands that address servers rather than keys (SCAN, INFO, CONFIG) must visit every master of
// a Redis Cluster: sent through the Cluster client they reach one random node and see a third of
// the data. Deleting found keys goes by slot, since a multi-key DEL/UNLINK must not cross slots.
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './client';
import { whenReady } from './client';
import { slotGroups } from './slot-groups';

/** The servers holding data: the client itself on a single Redis, each master on a Cluster. */
export async function masters(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  await whenReady(redis); // the node list comes from the slot map
  return redis.nodes('master');
}

/** Every key matching `pattern`, in batches, on every master. */
export async function scanKeys(
  redis: RedisClient,
  pattern: string,
  onKeys: (keys: string[]) => Promise<void>,
): Promise<void> {
  for (const node of await masters(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await onKeys(keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

/** UNLINKs the keys, one call per slot group. */
export async function unlinkKeys(redis: RedisClient, keys: string[]): Promise<void> {
  await Promise.all(slotGroups(redis, keys).map((g) => redis.unlink(...g.map((i) => keys[i]!))));
}
