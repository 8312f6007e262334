// Expiry of inactive profiles: sweeps every bucket once per period, at an even pace, deleting
// profiles whose last event is older than the TTL (lua/prune-profiles.lua). Several updater
// instances may sweep at once: deleting is idempotent.
import type { RedisClient } from '../common/redis/client';
import type { KeyBuilder } from '../common/redis/keys';
import type { Logger } from '../common/logger';

export interface Janitor {
  stop(): void;
}

export function startJanitor(opts: {
  redis: RedisClient;
  keys: KeyBuilder;
  ttlMs: number;
  sweepMs: number;
  log: Logger;
  onPruned?: (count: number) => void;
}): Janitor {
  const perTick = 64;
  const tickMs = Math.max(10, Math.floor((opts.sweepMs * perTick) / opts.keys.profileBuckets));
  let next = Math.floor(Math.random() * opts.keys.profileBuckets); // instances start apart
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const cutoffSec = Math.floor((Date.now() - opts.ttlMs) / 1000);
    // One call per bucket, all in flight at once: a pipeline would be one round trip on a single
    // Redis, but on a Cluster ioredis refuses a pipeline whose keys live on different nodes.
    const calls = Array.from({ length: perTick }, (_, i) =>
      opts.redis.pruneProfiles(opts.keys.profileBucketAt((next + i) % opts.keys.profileBuckets), cutoffSec),
    );
    next = (next + perTick) % opts.keys.profileBuckets;
    Promise.allSettled(calls)
      .then((results) => {
        const pruned = results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value : 0), 0);
        if (pruned > 0) opts.onPruned?.(pruned);
        const failed = results.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      })
      .catch((err: Error) => opts.log.warn({ err: err.message }, 'profile expiry sweep failed; will retry'))
      .finally(() => {
        busy = false;
      });
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
