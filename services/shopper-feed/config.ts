// The simulated shopper feed's settings (environment variables, validated at start-up).
import { z } from 'zod';
import { kafkaSettings, topicSettings } from '../common/config/common-config';
import { envInt, readEnv } from '../common/config/env';

const schema = z.object({
  ...kafkaSettings,
  ...topicSettings,
  /** Events per second in steady state. */
  FEED_RATE: envInt(200, 1, 1_000_000),
  /** Simulated shoppers (each with ~40 events over 180 days of history). */
  FEED_SHOPPERS: envInt(20_000, 1, 10_000_000),
  FEED_SEED: envInt(1, 0),
  /** Every this many seconds, a burst (0 = never): operators watch lag rise and drain. */
  FEED_BURST_EVERY_S: envInt(0, 0, 86_400),
  FEED_BURST_SECONDS: envInt(10, 1, 3_600),
  FEED_BURST_RATE: envInt(5_000, 1, 1_000_000),
  /** Stop after this many events (0 = run until stopped). */
  FEED_MAX_EVENTS: envInt(0, 0),
});

export type FeedConfig = z.infer<typeof schema>;
export const FEED_SETTINGS = Object.keys(schema.shape);

export function readFeedConfig(env: NodeJS.ProcessEnv = process.env): FeedConfig {
  return readEnv(schema, env);
}
