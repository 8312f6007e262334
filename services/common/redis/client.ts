// One way to connect to Redis, a single server or a Redis Cluster as REDIS_URL says
// (redis-url.ts): the product's Lua commands are defined on every client, and commands fail fast
// while disconnected instead of queueing without bound (backpressure is the batch runner's job,
// which retries with backoff). Code takes a RedisClient and works on both; what differs on a
// Cluster (multi-key calls by slot, SCAN per master) is in slot-groups.ts and nodes.ts.
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { defineScripts } from './scripts';
import { parseRedisUrl } from './redis-url';

export type RedisClient = Redis | Cluster;

export interface ClientOptions {
  name?: string;
  /** Per-node options that mean the same on a single Redis and on each Cluster node. */
  node?: Pick<RedisOptions, 'maxRetriesPerRequest' | 'commandTimeout'>;
  enableOfflineQueue?: boolean;
  /**
   * Single Redis only. On a Cluster ioredis 5.11 routes an auto-pipelined script call by its key
   * count instead of its first key, so pipelines mix nodes and fail ("All keys in the pipeline
   * should belong to the same slots allocation group", ioredis issue #2109), and MOVED during a
   * resharding fails whole auto-pipelines (#2075). Commands still overlap on each node connection.
   */
  enableAutoPipelining?: boolean;
  retryStrategy?: (times: number) => number;
  /**
   * Cluster only: retry a command after a node's connection closed or CLUSTERDOWN (a failover in
   * progress). false fails at once, as maxRetriesPerRequest 0 does on a single Redis.
   */
  retryOnFailover?: boolean;
  /** Connect on the first command instead of at once. */
  lazyConnect?: boolean;
}

const backoff = (times: number) => Math.min(100 * 2 ** Math.min(times, 6), 5_000);

export function connectRedis(url: string, opts: ClientOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  const retryStrategy = opts.retryStrategy ?? backoff;
  const client =
    target.kind === 'single'
      ? new Redis(url, {
          connectionName: opts.name,
          ...opts.node,
          enableOfflineQueue: opts.enableOfflineQueue ?? true,
          enableAutoPipelining: opts.enableAutoPipelining,
          retryStrategy,
          lazyConnect: opts.lazyConnect,
        })
      : new Cluster(target.nodes, {
          redisOptions: {
            connectionName: opts.name,
            ...opts.node,
            username: target.username,
            password: target.password,
            tls: target.tls ? {} : undefined,
          },
          enableOfflineQueue: opts.enableOfflineQueue ?? true,
          clusterRetryStrategy: retryStrategy,
          lazyConnect: opts.lazyConnect,
          ...(opts.retryOnFailover === false ? { retryDelayOnFailover: 0, retryDelayOnClusterDown: 0 } : {}),
        });
  // Nodes the Cluster learns of (at start, after a failover or a restart) are connected at once
  // rather than by their first command, which a client without an offline queue would refuse.
  if (client instanceof Cluster)
    client.on('+node', (node: Redis) => {
      if (node.status === 'wait') node.connect().catch(() => undefined);
    });
  defineScripts(client);
  return client;
}

/** The pipeline's client: queues while reconnecting, retries a command twice. */
export function createRedis(url: string, opts: { name?: string } = {}): RedisClient {
  return connectRedis(url, { name: opts.name, node: { maxRetriesPerRequest: 2 } });
}

/**
 * Resolves once the client is ready for commands: on a Cluster, once it has the slot map and a
 * ready connection to every master. ioredis opens node connections lazily, and a client without
 * an offline queue (the API's) refuses a command for a node whose connection is still opening.
 */
export async function whenReady(redis: RedisClient, timeoutMs = 30_000): Promise<void> {
  await connected(redis, timeoutMs);
  if (redis instanceof Cluster) await Promise.all(redis.nodes('master').map((n) => connected(n, timeoutMs)));
}

async function connected(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  if (redis.status === 'wait') redis.connect().catch(() => undefined); // lazy: nothing sent yet
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis not ready after ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
