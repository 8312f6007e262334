// What every benchmark gets from bench/run.ts: the local broker and Redis, and a run id to name
// its own topics, groups and key prefixes (each benchmark deletes what it made).
import type { Admin, Kafka } from 'kafkajs';
import type { RedisClient } from '../services/common/redis/client';

export interface BenchContext {
  kafka: Kafka;
  admin: Admin;
  redis: RedisClient;
  brokers: string[];
  redisUrl: string;
  /** Unique per run: part of every topic, group and key prefix a benchmark makes. */
  run: string;
}

export interface Benchmark {
  name: string;
  /** One line for the list `npm run bench -- --list` prints. */
  what: string;
  run(ctx: BenchContext): Promise<void>;
}
