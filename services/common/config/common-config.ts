// Settings every service shares: where Kafka and Redis are and what the topics are called.
// Defaults match the local default started by infra/local/up.sh.
import { z } from 'zod';
import { envBrokers, envInt } from './env';
import { parseRedisUrl } from '../redis/redis-url';

export const kafkaSettings = {
  KAFKA_BROKERS: envBrokers('127.0.0.1:19092'),
  KAFKA_CLIENT_ID: z.string().default('creditscore'),
};

export const redisSettings = {
  /** redis://host:port (one Redis) or redis+cluster://host:port,host:port (a Redis Cluster). */
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:16379')
    .superRefine((s, ctx) => {
      try {
        parseRedisUrl(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** Prefix of every key the product writes, so it can share a Redis with others. */
  REDIS_KEY_PREFIX: z
    .string()
    .default('cs')
    .refine((s) => /^[A-Za-z0-9_.-]{1,16}$/.test(s), 'expected 1-16 characters of [A-Za-z0-9_.-]'),
};

export const topicSettings = {
  TOPIC_PURCHASES: z.string().default('purchases'),
  TOPIC_PURCHASES_DLQ: z.string().default('purchases.dlq'),
  TOPIC_FEATURES_CHANGED: z.string().default('features.changed'),
  /** Partition counts used when the services create missing topics. */
  PURCHASES_PARTITIONS: envInt(6, 1, 10_000),
  FEATURES_CHANGED_PARTITIONS: envInt(6, 1, 10_000),
};

export const adminSettings = {
  ADMIN_PORT: envInt(0, 0, 65_535),
};
