// The Redis side of the updater alone: for the same stream of user ids the updater benchmark
// consumes, the same profile-store calls the updater makes per batch (read every user's profile,
// then compare-and-set write it), with no Kafka, no decoding and no feature code. Redis runs its
// Lua on one thread, so this rate bounds the updater from above however fast the rest gets; the
// benchmark prints the updater beside it to show how close to that bound the pipeline runs.
import type { RedisClient } from '../services/common/redis/client';
import { ProfileStore, type ProfileWrite } from '../services/common/redis/profile-store';
import { keyBuilder } from '../services/common/redis/keys';
import { benchEventUserId } from './updater-throughput';

export async function measureProfileStoreCeiling(opts: {
  redis: RedisClient;
  prefix: string;
  buckets: number;
  events: number;
  users: number;
  /** Events per batch and batches in flight, as the updater sees them. */
  batchSize: number;
  concurrency: number;
}): Promise<number> {
  const store = new ProfileStore(opts.redis, keyBuilder(opts.prefix, opts.buckets));
  // A realistic record size: a 12-byte header and the ~120-byte encoded state.
  const state = Buffer.alloc(120, 7);
  let next = 0;
  let offset = 0;
  const worker = async () => {
    while (next < opts.events) {
      const from = next;
      next = Math.min(opts.events, next + opts.batchSize);
      const users = new Set<string>();
      for (let i = from; i < next; i++) users.add(benchEventUserId(i, opts.users));
      const ids = [...users];
      await store.read(ids);
      const writes: ProfileWrite[] = ids.map((userId) => ({
        userId,
        position: { partition: 0, offset: ++offset },
        lastEventSec: 1_790_000_000,
        state,
      }));
      await store.write(writes);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return opts.events / ((performance.now() - started) / 1000);
}
