// One way to connect to Redis: the product's Lua commands are defined on every client, and
// commands fail fast while disconnected instead of queueing without bound (backpressure is the
// batch runner's job, which retries with backoff).
import { Redis } from 'ioredis';
import { defineScripts } from './scripts';

export function createRedis(url: string, opts: { name?: string } = {}): Redis {
  const redis = new Redis(url, {
    connectionName: opts.name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
    lazyConnect: false,
  });
  defineScripts(redis);
  return redis;
}
