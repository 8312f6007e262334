// Starting the feature-updater for a test: in-process (fast) or as a child process (killable).
import { readUpdaterConfig, type UpdaterConfig } from '../../services/feature-updater/config';
import { startFeatureUpdater } from '../../services/feature-updater/service';
import type { RedisClient } from '../../services/common/redis/client';
import type { KeyBuilder } from '../../services/common/redis/keys';
import { ProfileStore } from '../../services/common/redis/profile-store';
import { decodeState, encodeState, type ProfileState } from '../../services/common/features';
import { TEST_BROKERS, TEST_REDIS_URL } from './services';
import { startService } from './processes';
import { uniqueName } from './names';
import type { withKafka } from './kafka';
import type { withRedis } from './redis';

export interface UpdaterTestSetup {
  keys?: KeyBuilder;
  purchases: string;
  deadLetters: string;
  featuresChanged: string;
  groupId: string;
  keyPrefix: string;
  redisUrl?: string;
  /** A private broker's; the test run's shared broker when absent. */
  brokers?: string[];
}

export function updaterEnv(s: UpdaterTestSetup, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: (s.brokers ?? TEST_BROKERS).join(','),
    REDIS_URL: s.redisUrl ?? TEST_REDIS_URL,
    REDIS_KEY_PREFIX: s.keyPrefix,
    TOPIC_PURCHASES: s.purchases,
    TOPIC_PURCHASES_DLQ: s.deadLetters,
    TOPIC_FEATURES_CHANGED: s.featuresChanged,
    UPDATER_GROUP_ID: s.groupId,
    ADMIN_PORT: '0',
    ...extra,
  };
}

export function updaterConfig(s: UpdaterTestSetup, extra: Record<string, string> = {}): UpdaterConfig {
  return readUpdaterConfig(updaterEnv(s, extra));
}

export function startUpdaterInProcess(s: UpdaterTestSetup, extra: Record<string, string> = {}) {
  return startFeatureUpdater(updaterConfig(s, extra));
}

export function startUpdaterProcess(
  s: UpdaterTestSetup,
  extra: Record<string, string> = {},
  onLine?: (line: string) => void,
) {
  return startService('feature-updater/main.js', updaterEnv(s, extra), onLine);
}

/** Every listed user's state as stored in Redis (missing users are absent from the map). */
export async function readStates(
  redis: RedisClient,
  keys: KeyBuilder,
  userIds: Iterable<string>,
): Promise<Map<string, ProfileState>> {
  const out = new Map<string, ProfileState>();
  for (const [id, record] of await new ProfileStore(redis, keys).read([...userIds]))
    out.set(id, decodeState(record.state));
  return out;
}

/** Users whose stored state differs from the expected one, byte for byte. */
export function differingUsers(
  expected: Map<string, ProfileState>,
  actual: Map<string, ProfileState>,
): string[] {
  const diff: string[] = [];
  for (const [user, state] of expected) {
    const got = actual.get(user);
    if (!got || !encodeState(got).equals(encodeState(state))) diff.push(user);
  }
  for (const user of actual.keys()) if (!expected.has(user)) diff.push(user);
  return diff;
}

/**
 * Topics (purchases with `partitions`, dead letters, features.changed), a consumer group and a
 * Redis key prefix of the test's own.
 */
export async function newUpdaterSetup(
  k: ReturnType<typeof withKafka>,
  r: ReturnType<typeof withRedis>,
  partitions = 3,
  redisUrl?: string,
): Promise<UpdaterTestSetup & { keys: KeyBuilder }> {
  const { prefix, keys } = r.freshPrefix();
  return {
    keys,
    purchases: await k.topic('purchases', partitions),
    deadLetters: await k.topic('dlq'),
    featuresChanged: await k.topic('changed', partitions),
    groupId: uniqueName('updater'),
    keyPrefix: prefix,
    redisUrl,
  };
}
