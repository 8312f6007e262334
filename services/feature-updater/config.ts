// The feature-updater's settings, read from the environment once at start-up.
import { z } from 'zod';
import { kafkaSettings, redisSettings, topicSettings, adminSettings } from '../common/config/common-config';
import { envInt, envTimeZone, readEnv } from '../common/config/env';

const schema = z.object({
  ...kafkaSettings,
  ...redisSettings,
  ...topicSettings,
  ...adminSettings,
  UPDATER_GROUP_ID: z.string().default('feature-updater'),
  /** Profiles with no event for this long are deleted by the expiry sweep. */
  PROFILE_TTL_DAYS: envInt(400, 1, 3650),
  /** How long one expiry sweep over all profile buckets takes. */
  PROFILE_SWEEP_HOURS: envInt(24, 1, 24 * 30),
  /** Profile bucket hashes (fixed once data exists; see services/common/redis/keys.ts). */
  PROFILE_BUCKETS: envInt(1 << 20, 1, 1 << 26),
  /** An event this far behind the shopper's latest event is not applied but dead-lettered. */
  ALLOWED_LATENESS_HOURS: envInt(168, 0, 24 * 365),
  /** Events stamped this far after their Kafka timestamp are rejected as from the future. */
  FUTURE_TOLERANCE_HOURS: envInt(24, 0, 24 * 30),
  DEFAULT_TIME_ZONE: envTimeZone('Asia/Shanghai'),
  MAX_EVENT_BYTES: envInt(65_536, 256, 1_048_576),
  UPDATER_PARTITIONS_CONCURRENTLY: envInt(6, 1, 64),
  /**
   * Fault injection for the crash tests only: after this many batches' Redis writes the process
   * kills itself (SIGKILL) before announcing and committing them. 0 = never.
   */
  FAULT_KILL_AFTER_WRITES: envInt(0, 0),
  /** Fault injection for the zombie test only: the first batch stalls this long before writing. */
  FAULT_STALL_FIRST_WRITE_MS: envInt(0, 0, 600_000),
  /**
   * Fault injection for the Redis-loss tests only: the first batch stalls this long after its
   * Redis write, before announcing and checkpointing it.
   */
  FAULT_STALL_AFTER_FIRST_WRITE_MS: envInt(0, 0, 600_000),
  /** The broker drops a member it has not heard from for this long (kafkajs sessionTimeout). */
  UPDATER_SESSION_TIMEOUT_MS: envInt(30_000, 6_000, 300_000),
});

/** Names of every environment variable the updater reads (docker-compose.yml is checked against it). */
export const UPDATER_SETTINGS = Object.keys(schema.shape);

export type UpdaterConfig = z.infer<typeof schema>;

export function readUpdaterConfig(env: NodeJS.ProcessEnv = process.env): UpdaterConfig {
  return readEnv(schema, env);
}
