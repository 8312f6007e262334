// The Redis client the API reads through: unlike the pipeline's client (which queues and retries,
// the batch runner providing backpressure), a call must fail fast when Redis is down, so the
// client answers UNAVAILABLE at once: no offline queue, no per-command retries, a command timeout.
// On a Redis Cluster that includes no retry after a node's connection closed (CLUSTERDOWN, a
// failover): the gRPC client retries UNAVAILABLE itself.
import { connectRedis, type RedisClient } from '../common/redis/client';

export function createServingRedis(url: string, commandTimeoutMs: number): RedisClient {
  return connectRedis(url, {
    name: 'scorer-api',
    node: { maxRetriesPerRequest: 0, commandTimeout: commandTimeoutMs },
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
    retryOnFailover: false,
  });
}
