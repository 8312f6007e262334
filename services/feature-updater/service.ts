// Builds the running feature-updater from its configuration: clients, topics, the batch runner
// and the admin port. Tests start it in-process through this function; main.ts as a process.
import { Cluster } from 'ioredis';
import type { UpdaterConfig } from './config';
import { createKafka, createProducer } from '../common/kafka/client';
import { ensureTopics } from '../common/kafka/topics';
import { BatchRunner } from '../common/kafka/batch-runner';
import { CoalescingSender } from '../common/kafka/coalescing-sender';
import { createRedis } from '../common/redis/client';
import { keyBuilder } from '../common/redis/keys';
import { checkProfileLayout, warnIfProfilesNotCompact } from '../common/redis/profile-layout';
import { startJanitor } from './janitor';
import { createMetricsRegistry } from '../common/ops/registry';
import { startAdminServer } from '../common/ops/admin-server';
import { logger } from '../common/logger';
import { UpdaterMetrics } from './metrics';
import { processBatch, type UpdaterDeps } from './updater';
import { TimedCheckpointStore, TimedProfileStore } from './timed-stores';

const DAY_MS = 86_400_000;
const DLQ_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const HOUR_MS = 3_600_000;

export interface RunningUpdater {
  adminPort: number;
  stop(): Promise<void>;
}

export async function startFeatureUpdater(config: UpdaterConfig): Promise<RunningUpdater> {
  const log = logger('feature-updater');
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-updater`);
  const redis = createRedis(config.REDIS_URL, { name: 'feature-updater' });
  const keys = keyBuilder(config.REDIS_KEY_PREFIX, config.PROFILE_BUCKETS);
  await checkProfileLayout(redis, keys);
  await warnIfProfilesNotCompact(redis, log);

  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: config.TOPIC_PURCHASES, partitions: config.PURCHASES_PARTITIONS },
    // A dead letter is the original message plus its reason headers: room for the largest
    // message the purchases topic may hold, which a broker's default limit would refuse.
    { topic: config.TOPIC_PURCHASES_DLQ, partitions: 1, maxMessageBytes: DLQ_MAX_MESSAGE_BYTES },
    { topic: config.TOPIC_FEATURES_CHANGED, partitions: config.FEATURES_CHANGED_PARTITIONS },
  ]);
  await admin.disconnect();

  const producer = createProducer(kafka);
  await producer.connect();

  const registry = createMetricsRegistry('feature-updater');
  const metrics = new UpdaterMetrics(registry);
  const deps: UpdaterDeps = {
    sender: new CoalescingSender(producer),
    store: new TimedProfileStore([redis, keys], metrics.redis),
    metrics,
    topics: { deadLetter: config.TOPIC_PURCHASES_DLQ, featuresChanged: config.TOPIC_FEATURES_CHANGED },
    applyOptions: {
      allowedLatenessMs: config.ALLOWED_LATENESS_HOURS * HOUR_MS,
      defaultTimeZone: config.DEFAULT_TIME_ZONE,
    },
    decode: { maxBytes: config.MAX_EVENT_BYTES, futureToleranceMs: config.FUTURE_TOLERANCE_HOURS * HOUR_MS },
    beforeWrite: stallOnce(config.FAULT_STALL_FIRST_WRITE_MS),
    afterWrite: afterWriteFaults(config.FAULT_KILL_AFTER_WRITES, config.FAULT_STALL_AFTER_FIRST_WRITE_MS),
  };

  const runner = new BatchRunner({
    kafka,
    groupId: config.UPDATER_GROUP_ID,
    topic: config.TOPIC_PURCHASES,
    checkpoints: new TimedCheckpointStore([redis, keys, config.UPDATER_GROUP_ID], metrics.redis),
    handle: async (batch) => {
      metrics.hops.observe(
        'purchases',
        batch.messages.map((m) => m.timestamp),
      );
      await processBatch(deps, batch);
      // Durable and announced: that is when the features are fresh.
      metrics.recordFreshness(
        batch.messages.map((m) => Number(m.timestamp)),
        Date.now(),
      );
    },
    onStatus: (s) => metrics.setAssignedPartitions(s.assigned.length),
    log,
    partitionsConcurrently: config.UPDATER_PARTITIONS_CONCURRENTLY,
    sessionTimeoutMs: config.UPDATER_SESSION_TIMEOUT_MS,
  });
  await runner.start();
  // A Redis that comes back may have lost its last writes: verify the checkpoints again. On a
  // Cluster a restarted master is a node the client connects to anew ('+node') while the Cluster
  // as a whole stays ready.
  redis.on('ready', () => runner.recheckCheckpoints());
  if (redis instanceof Cluster) redis.on('+node', () => runner.recheckCheckpoints());
  const janitor = startJanitor({
    redis,
    keys,
    ttlMs: config.PROFILE_TTL_DAYS * DAY_MS,
    sweepMs: config.PROFILE_SWEEP_HOURS * HOUR_MS,
    log,
    onPruned: (n) => deps.metrics.recordPruned(n),
  });

  const adminServer = await startAdminServer({
    port: config.ADMIN_PORT,
    registry,
    readiness: async () => {
      const status = runner.currentStatus();
      const redisOk = redis.status === 'ready';
      const kafkaOk = runner.brokerReachable();
      return {
        ready: redisOk && kafkaOk && !status.retrying && status.assigned.length > 0,
        detail: {
          redis: redis.status,
          kafka: kafkaOk ? 'connected' : 'unreachable',
          group: config.UPDATER_GROUP_ID,
          topic: config.TOPIC_PURCHASES,
          assigned: status.assigned,
          retrying: status.retrying,
          lastError: status.lastError,
        },
      };
    },
  });

  return {
    adminPort: adminServer.port,
    async stop() {
      janitor.stop();
      await runner.stop();
      await producer.disconnect();
      await adminServer.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function afterWriteFaults(killAfterWrites: number, stallMs: number): (() => Promise<void>) | undefined {
  const kill = killAfter(killAfterWrites);
  const stall = stallOnce(stallMs);
  if (!kill && !stall) return undefined;
  return async () => {
    kill?.();
    await stall?.();
  };
}

function killAfter(writes: number): (() => void) | undefined {
  if (writes <= 0) return undefined;
  let left = writes;
  return () => {
    if (--left === 0) process.kill(process.pid, 'SIGKILL');
  };
}

function stallOnce(ms: number): (() => Promise<void>) | undefined {
  if (ms <= 0) return undefined;
  let stalled = false;
  return async () => {
    if (stalled) return;
    stalled = true;
    await new Promise((r) => setTimeout(r, ms));
  };
}
