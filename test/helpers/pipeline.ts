// Producing purchase events the way a checkout system would, and the offline replay that every
// online result is compared with.
import type { Producer } from 'kafkajs';
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { purchaseEventCodec } from '../../services/common/events/event-codecs';
import {
  applyInPlace,
  emptyState,
  type ApplyOptions,
  type ProfileState,
} from '../../services/common/features';

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
