// Produces simulated checkout events to the purchases topic at a steady rate with optional bursts,
// as the platform's order system would: Avro single-object encoding, key = user id. The simulated
// history ends "now", so profiles look like real ones (up to 180 days of past purchases).
import type { Producer } from 'kafkajs';
import { purchaseEventCodec } from '../common/events/event-codecs';
import { mergedEventStream } from '../trainer/simulator';
import type { PurchaseEvent } from '../common/events/purchase-event';
import type { FeedConfig } from './config';

const TICK_MS = 100;

export interface FeedHandle {
  stop(): Promise<void>;
  /** Resolves when the feed has stopped by itself (FEED_MAX_EVENTS reached) or was stopped. */
  done: Promise<number>;
  sent(): number;
}

/** Steady rate, or the burst rate while inside a burst window. */
export function rateAt(config: FeedConfig, elapsedMs: number): number {
  if (config.FEED_BURST_EVERY_S === 0) return config.FEED_RATE;
  const cycle = config.FEED_BURST_EVERY_S * 1000;
  return elapsedMs % cycle >= cycle - config.FEED_BURST_SECONDS * 1000
    ? config.FEED_BURST_RATE
    : config.FEED_RATE;
}

/**
 * Endless: when one simulated population has spent its history, the next seed starts. Each run
 * and round gets shoppers of its own (the run id is in the user id): a restarted feed replaying
 * the same shoppers' 180-day history would only produce duplicates and too-late events.
 */
function* endlessEvents(config: FeedConfig): Generator<PurchaseEvent> {
  const run = Date.now().toString(36);
  for (let round = 0; ; round++) {
    yield* mergedEventStream({
      seed: config.FEED_SEED + round,
      shoppers: config.FEED_SHOPPERS,
      observationEnd: Date.now(),
      userIdPrefix: `u${run}.${round}-`,
    });
  }
}

export function startFeed(producer: Producer, config: FeedConfig): FeedHandle {
  const codec = purchaseEventCodec();
  const events = endlessEvents(config);
  const started = Date.now();
  let sent = 0;
  let owed = 0;
  let stopped = false;
  let finish: (n: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const loop = async () => {
    while (!stopped) {
      const tickStart = Date.now();
      owed += (rateAt(config, tickStart - started) * TICK_MS) / 1000;
      let n = Math.floor(owed);
      if (config.FEED_MAX_EVENTS > 0) n = Math.min(n, config.FEED_MAX_EVENTS - sent);
      owed -= n;
      const messages = [];
      for (let i = 0; i < n; i++) {
        const e = events.next().value as PurchaseEvent;
        messages.push({ key: e.userId, value: codec.encode(e) });
      }
      if (messages.length > 0) await producer.send({ topic: config.TOPIC_PURCHASES, acks: -1, messages });
      sent += messages.length;
      if (config.FEED_MAX_EVENTS > 0 && sent >= config.FEED_MAX_EVENTS) break;
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - tickStart))));
    }
    finish(sent);
  };
  void loop();
  return {
    done,
    sent: () => sent,
    async stop() {
      stopped = true;
      await done;
    },
  };
}
