// The scorer's settings, read from the environment once at start-up.
import { z } from 'zod';
import { kafkaSettings, redisSettings, topicSettings, adminSettings } from '../common/config/common-config';
import { envInt, readEnv } from '../common/config/env';
import { projectPath } from '../common/paths';
import { apiKeysSetting } from './grpc/api-keys';
import { policySetting } from './decide/policy';

const optionalPath = z.string().optional();

const schema = z.object({
  ...kafkaSettings,
  ...redisSettings,
  ...topicSettings,
  ...adminSettings,
  TOPIC_SCORES: z.string().default('scores'),
  TOPIC_DECISIONS: z.string().default('decisions'),
  SCORES_PARTITIONS: envInt(6, 1, 10_000),
  DECISIONS_PARTITIONS: envInt(6, 1, 10_000),
  SCORER_GROUP_ID: z.string().default('scorer'),
  /** Partitions scored at once: overlaps one batch's Redis and Kafka round trips with another's work. */
  SCORER_PARTITIONS_CONCURRENTLY: envInt(6, 1, 64),
  SCORER_SESSION_TIMEOUT_MS: envInt(30_000, 6_000, 300_000),
  /** Profile bucket hashes: must equal the updater's (checked against Redis at start-up). */
  PROFILE_BUCKETS: envInt(1 << 20, 1, 1 << 26),
  /** The model registry: <dir>/current.json names the model to serve. */
  MODELS_DIR: z.string().default(projectPath('models')),
  /** How often current.json is checked for a newly promoted model. */
  MODEL_POLL_MS: envInt(1_000, 50, 3_600_000),
  GRPC_HOST: z.string().default('0.0.0.0'),
  /** 0 picks a free port (tests). */
  GRPC_PORT: envInt(50051, 0, 65_535),
  /** PEM files; with both, the server speaks TLS only. */
  TLS_CERT_FILE: optionalPath,
  TLS_KEY_FILE: optionalPath,
  /** PEM CA bundle; when set (with TLS), clients must present a certificate it signed. */
  TLS_CLIENT_CA_FILE: optionalPath,
  /**
   * JSON array of API keys, each stored as the SHA-256 of the secret:
   * [{"id":"p2p-acme","sha256":"<hex>","scopes":["scores:read","scores:watch"],"ratePerSec":500}]
   * (`node dist/services/scorer/cli/hash-api-key.js <secret>` prints the hash).
   */
  API_KEYS: apiKeysSetting,
  /** JSON decision policy (cut-offs, limits by score band, thin file); see decide/policy.ts. */
  DECISION_POLICY: policySetting,
  /** How long a decision is remembered for its order id (Decide idempotency). */
  DECISION_TTL_HOURS: envInt(24 * 30, 1, 24 * 400),
  /** Redis calls of the API fail after this long (UNAVAILABLE) rather than hang. */
  REDIS_COMMAND_TIMEOUT_MS: envInt(1_000, 10, 60_000),
  /** Most user ids in one BatchGetScores or WatchScores. */
  MAX_BATCH_USERS: envInt(1_000, 1, 100_000),
  /** A WatchScores client this many updates behind is disconnected (RESOURCE_EXHAUSTED). */
  WATCH_MAX_BUFFERED: envInt(10_000, 10, 10_000_000),
});

export const SCORER_SETTINGS = Object.keys(schema.shape);

export type ScorerConfig = z.infer<typeof schema>;

export function readScorerConfig(env: NodeJS.ProcessEnv = process.env): ScorerConfig {
  return readEnv(schema, env);
}
