// The Redis client the API reads through: unlike the pipeline's client (which queues and retries,
// the batch runner providing backpressure), a call must fail fast when Redis is down, so the
// client answers UNAVAILABLE at once: no offline queue, no per-command retries, a command timeout.
import { Redis } from 'ioredis';
import { defineScripts } from '../common/redis/scripts';

export function createServingRedis(url: string, commandTimeoutMs: number): Redis {
  const redis = new Redis(url, {
    connectionName: 'scorer-api',
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  defineScripts(redis);
  return redis;
}

export async function whenReady(redis: Redis, timeoutMs = 30_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready after ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
