// Builds the running scorer from its configuration: the re-scoring pipeline (features.changed ->
// scores in Redis + the scores topic), the gRPC API, the model watcher and the admin port. Tests
// start it in-process through this function; main.ts as a process.
import type { ScorerConfig } from './config';
import { createKafka, createProducer } from '../common/kafka/client';
import { CoalescingSender } from '../common/kafka/coalescing-sender';
import { ensureTopics } from '../common/kafka/topics';
import { BatchRunner } from '../common/kafka/batch-runner';
import { createRedis, whenReady } from '../common/redis/client';
import { keyBuilder } from '../common/redis/keys';
import { ProfileStore } from '../common/redis/profile-store';
import { CheckpointStore } from '../common/redis/checkpoint-store';
import { checkProfileLayout } from '../common/redis/profile-layout';
import { createMetricsRegistry } from '../common/ops/registry';
import { startAdminServer } from '../common/ops/admin-server';
import { logger } from '../common/logger';
import { ScorerMetrics } from './metrics';
import { ModelHolder } from './model-holder';
import { ProfileScorer } from './score-profile';
import { ScoreStore } from './score-store';
import { BatchedScoreReader } from './batched-score-reader';
import { processChangedBatch } from './rescore-batch';
import { createServingRedis } from './serving-redis';
import { WatchHub } from './watch-hub';
import { DecisionStore } from './decide/decision-store';
import { Decider } from './decide/decider';
import { supportedCurrencies } from './decide/policy';
import { ApiKeyRing } from './grpc/api-keys';
import { RateLimiter } from './grpc/rate-limiter';
import { scoringHandlers } from './grpc/handlers';
import { serverCredentials, startGrpcServer } from './grpc/server';

const HOUR_MS = 3_600_000;

export interface RunningScorer {
  grpcPort: number;
  adminPort: number;
  models: ModelHolder;
  /** True once the pipeline has partitions and WatchScores sees new scores. */
  ready(): boolean;
  stop(): Promise<void>;
}

export async function startScorer(config: ScorerConfig): Promise<RunningScorer> {
  const log = logger('scorer');
  const credentials = serverCredentials({
    certFile: config.TLS_CERT_FILE,
    keyFile: config.TLS_KEY_FILE,
    clientCaFile: config.TLS_CLIENT_CA_FILE,
  });
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-scorer`);
  const redis = createRedis(config.REDIS_URL, { name: 'scorer' });
  const serving = createServingRedis(config.REDIS_URL, config.REDIS_COMMAND_TIMEOUT_MS);
  const keys = keyBuilder(config.REDIS_KEY_PREFIX, config.PROFILE_BUCKETS);
  await checkProfileLayout(redis, keys);
  await whenReady(serving);

  const registry = createMetricsRegistry('scorer');
  const metrics = new ScorerMetrics(registry);
  const models = await ModelHolder.load(config.MODELS_DIR, log, (active) => {
    metrics.modelSwaps.inc();
    metrics.setModel(active.model.version);
  });
  metrics.setModel(models.current.model.version);
  models.watch(config.MODEL_POLL_MS);

  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: config.TOPIC_FEATURES_CHANGED, partitions: config.FEATURES_CHANGED_PARTITIONS },
    { topic: config.TOPIC_SCORES, partitions: config.SCORES_PARTITIONS, compacted: true },
    { topic: config.TOPIC_DECISIONS, partitions: config.DECISIONS_PARTITIONS },
  ]);
  await admin.disconnect();
  const producer = createProducer(kafka);
  const auditProducer = createProducer(kafka);
  await Promise.all([producer.connect(), auditProducer.connect()]);

  const scorer = new ProfileScorer();
  // The partitions scored at once share produce requests instead of queueing behind each other.
  const scoresSender = new CoalescingSender(producer);
  const runner = new BatchRunner({
    kafka,
    groupId: config.SCORER_GROUP_ID,
    topic: config.TOPIC_FEATURES_CHANGED,
    checkpoints: new CheckpointStore(redis, keys, config.SCORER_GROUP_ID),
    handle: (batch) => {
      metrics.hops.observe(
        'features_changed',
        batch.messages.map((m) => m.timestamp),
      );
      return processChangedBatch(
        {
          sender: scoresSender,
          profiles: new ProfileStore(redis, keys),
          scores: new ScoreStore(redis, keys),
          models,
          scorer,
          metrics,
          scoresTopic: config.TOPIC_SCORES,
          log,
        },
        batch,
      );
    },
    log,
    partitionsConcurrently: config.SCORER_PARTITIONS_CONCURRENTLY,
    sessionTimeoutMs: config.SCORER_SESSION_TIMEOUT_MS,
  });
  const watch = new WatchHub(kafka, config.TOPIC_SCORES, config.SCORER_GROUP_ID, log, metrics.hops);
  await Promise.all([runner.start(), watch.start()]);
  // A Redis that comes back may have lost its last scores and checkpoints: replay from them.
  redis.on('ready', () => runner.recheckCheckpoints());

  const keyRing = new ApiKeyRing(config.API_KEYS);
  if (keyRing.size === 0) log.warn('API_KEYS is empty: every API call will be UNAUTHENTICATED');
  const servingScores = new ScoreStore(serving, keys);
  const scoreReader = new BatchedScoreReader(servingScores);
  const grpcServer = await startGrpcServer({
    host: config.GRPC_HOST,
    port: config.GRPC_PORT,
    credentials,
    handlers: scoringHandlers({
      scores: servingScores,
      scoreReader,
      models,
      decider: new Decider({
        store: new DecisionStore(serving, keys, config.DECISION_TTL_HOURS * HOUR_MS),
        scores: servingScores,
        models,
        policy: config.DECISION_POLICY,
        audit: new CoalescingSender(auditProducer),
        auditTopic: config.TOPIC_DECISIONS,
        log,
        metrics,
      }),
      currencies: supportedCurrencies(config.DECISION_POLICY),
      watch,
      keys: keyRing,
      limiter: new RateLimiter(),
      metrics,
      log,
      maxBatchUsers: config.MAX_BATCH_USERS,
      watchMaxBuffered: config.WATCH_MAX_BUFFERED,
      redisTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    }),
  });
  // The health service follows Redis: without it the API can only answer UNAVAILABLE.
  serving.on('ready', () => grpcServer.setServing(true));
  serving.on('close', () => grpcServer.setServing(false));

  const ready = () =>
    serving.status === 'ready' &&
    runner.brokerReachable() &&
    runner.currentStatus().assigned.length > 0 &&
    watch.ready;
  const adminServer = await startAdminServer({
    port: config.ADMIN_PORT,
    registry,
    readiness: () => {
      const status = runner.currentStatus();
      return {
        ready: ready() && !status.retrying,
        detail: {
          redis: serving.status,
          kafka: runner.brokerReachable() ? 'connected' : 'unreachable',
          assigned: status.assigned,
          retrying: status.retrying,
          lastError: status.lastError,
          watching: watch.ready,
          modelVersion: models.current.model.version,
        },
      };
    },
  });
  metrics.watchers.set(0);

  return {
    grpcPort: grpcServer.port,
    adminPort: adminServer.port,
    models,
    ready,
    async stop() {
      models.stop();
      grpcServer.setServing(false);
      await watch.stop(); // ends no streams by itself; the server shutdown below cancels them
      await grpcServer.stop(2_000);
      await runner.stop();
      await Promise.all([producer.disconnect(), auditProducer.disconnect()]);
      await adminServer.close();
      await Promise.all([
        redis.quit().catch(() => redis.disconnect()),
        serving.quit().catch(() => serving.disconnect()),
      ]);
    },
  };
}
