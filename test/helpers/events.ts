// Valid purchase events for tests, deterministic from a seed, plus the offline replay that the
// online results are compared with.
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { CATEGORIES, PAYMENT_METHODS, CHANNELS } from '../../services/common/events/purchase-event';

const BASE_TIME = Date.UTC(2026, 9, 1); // 2026-10-01

/** A tiny seeded PRNG (mulberry32): tests must be reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeEvent(overrides: Partial<PurchaseEvent> = {}): PurchaseEvent {
  return {
    eventId: 'e-1',
    userId: 'u-1',
    eventTime: BASE_TIME,
    type: 'ORDER',
    orderId: 'o-1',
    amountMinor: 12_345,
    currency: 'CNY',
    itemCount: 2,
    category: 'GROCERY',
    merchantId: 'm-1',
    paymentMethod: 'WALLET',
    channel: 'APP',
    deviceId: 'd-1',
    timeZone: null,
    ...overrides,
  };
}

/**
 * `count` events over `users` shoppers (ids prefixed so tests never share users), roughly in
 * time order with some out-of-order ones, a few returns and cancellations.
 */
export function randomEvents(opts: {
  seed: number;
  users: number;
  count: number;
  userPrefix: string;
  /** Largest gap between consecutive events (default 10 min); longer streams need shorter gaps
   * to stay before the wall clock (later events are dead-lettered as from the future). */
  maxGapMs?: number;
}): PurchaseEvent[] {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const events: PurchaseEvent[] = [];
  let clock = BASE_TIME;
  for (let i = 0; i < opts.count; i++) {
    clock += Math.floor(rnd() * (opts.maxGapMs ?? 600_000));
    const late = rnd() < 0.05 ? Math.floor(rnd() * 86_400_000) : 0;
    const r = rnd();
    events.push(
      makeEvent({
        eventId: `${opts.userPrefix}-e${i}`,
        userId: `${opts.userPrefix}-u${Math.floor(rnd() * opts.users)}`,
        eventTime: clock - late,
        type: r < 0.85 ? 'ORDER' : r < 0.95 ? 'RETURN' : 'CANCEL',
        orderId: `${opts.userPrefix}-o${i}`,
        amountMinor: Math.floor(Math.exp(6 + rnd() * 6)),
        itemCount: 1 + Math.floor(rnd() * 5),
        category: pick(CATEGORIES),
        merchantId: `m${Math.floor(rnd() * 50)}`,
        paymentMethod: pick(PAYMENT_METHODS),
        channel: pick(CHANNELS),
        deviceId: rnd() < 0.8 ? `d${Math.floor(rnd() * 5)}` : null,
        timeZone: rnd() < 0.9 ? null : 'America/New_York',
      }),
    );
  }
  return events;
}
