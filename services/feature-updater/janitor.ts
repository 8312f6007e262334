// Expiry of inactive profiles: sweeps every bucket once per period, at an even pace, deleting
// profiles whose last event is older than the TTL, and the scores of profiles that are gone, in
// one script per bucket (lua/prune-profiles.lua): a shopper expired is not served a score.
// Several updater instances may sweep at once: deleting is idempotent.
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
  /** Profiles deleted, and scores deleted with them. */
  onPruned?: (profiles: number, scores: number) => void;
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
    const calls = Array.from({ length: perTick }, (_, i) => {
      const index = (next + i) % opts.keys.profileBuckets;
      return opts.redis.pruneProfiles(
        opts.keys.profileBucketAt(index),
        opts.keys.scoreBucketAt(index),
        cutoffSec,
      ) as Promise<[number, number]>;
    });
    next = (next + perTick) % opts.keys.profileBuckets;
    Promise.allSettled(calls)
      .then((results) => {
        let profiles = 0;
        let scores = 0;
        for (const r of results) {
          if (r.status !== 'fulfilled') continue;
          profiles += r.value[0];
          scores += r.value[1];
        }
        if (profiles + scores > 0) opts.onPruned?.(profiles, scores);
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
