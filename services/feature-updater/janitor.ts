// Expiry of inactive profiles: sweeps every bucket once per period, at an even pace, deleting
// profiles whose last event is older than the TTL, and the scores of profiles that are gone, in
// one script per bucket (lua/prune-profiles.lua): a shopper expired is not served a score.
// Several updater instances may sweep at once: deleting is idempotent.
import type { Redis, Cluster } from 'ioredis';
import type { KeyBuilder } from '../common/redis/keys';
import type { Logger } from '../common/logger';

export interface Janitor {
  stop(): void;
}

export function startJanitor(opts: {
  redis: Redis | Cluster;
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
    const pipe = opts.redis.pipeline();
    for (let i = 0; i < perTick; i++) {
      const index = (next + i) % opts.keys.profileBuckets;
      pipe.pruneProfiles(opts.keys.profileBucketAt(index), opts.keys.scoreBucketAt(index), cutoffSec);
    }
    next = (next + perTick) % opts.keys.profileBuckets;
    pipe
      .exec()
      .then((results) => {
        let profiles = 0;
        let scores = 0;
        for (const [err, v] of results ?? []) {
          if (err) continue;
          const [p, s] = v as [number, number];
          profiles += p;
          scores += s;
        }
        if (profiles + scores > 0) opts.onPruned?.(profiles, scores);
      })
      .catch((err: Error) => opts.log.warn({ err: err.message }, 'profile expiry sweep failed; will retry'))
      .finally(() => {
        busy = false;
      });
  }, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
