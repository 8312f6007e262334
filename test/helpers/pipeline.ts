// Producing purchase events the way a checkout system would, and the offline replay that every
// online result is compared with.
import type { Producer } from 'kafkajs';
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { purchaseEventCodec } from '../../services/common/events/event-codecs';
import {
  applyInPlace,
  emptyState,
  encodeState,
  latestEventTimeMs,
  type ApplyOptions,
  type ProfileState,
} from '../../services/common/features';
import type { RedisClient } from '../../services/common/redis/client';
import type { KeyBuilder } from '../../services/common/redis/keys';
import { ProfileStore } from '../../services/common/redis/profile-store';

const codec = purchaseEventCodec();

export function encodeEvent(e: PurchaseEvent): Buffer {
  return codec.encode(e);
}

export async function produceEvents(
  producer: Producer,
  topic: string,
  events: PurchaseEvent[],
  chunk = 1000,
) {
  for (let i = 0; i < events.length; i += chunk) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(i, i + chunk).map((e) => ({ key: e.userId, value: encodeEvent(e) })),
    });
  }
}

/** A clean single pass over the events in production order (Kafka keeps each user's order). */
export function offlineReplay(events: PurchaseEvent[], opts: ApplyOptions = {}): Map<string, ProfileState> {
  const states = new Map<string, ProfileState>();
  for (const e of events) {
    let s = states.get(e.userId);
    if (!s) states.set(e.userId, (s = emptyState()));
    applyInPlace(s, e, opts);
  }
  return states;
}

/**
 * Stores replayed states as the updater would have left them: profiles of partition 0 at offsets
 * from `firstOffset`, written 1,000 at a time. Returns their users, in the states' order.
 */
export async function storeProfiles(
  redis: RedisClient,
  keys: KeyBuilder,
  states: Map<string, ProfileState>,
  firstOffset = 0,
): Promise<string[]> {
  const store = new ProfileStore(redis, keys);
  const all = [...states];
  for (let i = 0; i < all.length; i += 1000)
    await store.write(
      all.slice(i, i + 1000).map(([userId, state], j) => ({
        userId,
        position: { partition: 0, offset: firstOffset + i + j },
        lastEventSec: latestEventTimeMs(state)! / 1000,
        state: encodeState(state),
      })),
    );
  return all.map(([userId]) => userId);
}
