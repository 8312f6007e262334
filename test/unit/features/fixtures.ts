// Events and helpers for the feature tests: hand-written events for hand-computed expectations, and
// a seeded random stream (with duplicates, late and too-late events) for the property tests.
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import { CATEGORIES, PAYMENT_METHODS } from '../../../services/common/events/purchase-event';
import {
  FEATURE_INDEX,
  extract,
  type FeatureName,
  type ProfileState,
} from '../../../services/common/features';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 2026-10-01T04:00:00Z = 12:00 Thursday in Asia/Shanghai: daytime, weekday. */
export const T0 = Date.UTC(2026, 9, 1, 4);

let nextId = 0;

/** An ORDER of 123.45 CNY at T0 with a fresh event id, unless overridden. */
export function order(overrides: Partial<PurchaseEvent> = {}): PurchaseEvent {
  nextId++;
  return {
    eventId: `evt-${nextId}`,
    userId: 'u-1',
    eventTime: T0,
    type: 'ORDER',
    orderId: `ord-${nextId}`,
    amountMinor: 12_345,
    currency: 'CNY',
    itemCount: 1,
    category: 'BOOKS',
    merchantId: 'm-1',
    paymentMethod: 'WALLET',
    channel: 'APP',
    deviceId: 'd-1',
    timeZone: 'Asia/Shanghai',
    ...overrides,
  };
}

/** One feature of extract(state, asOfMs). */
export function feature(state: ProfileState, asOfMs: number, name: FeatureName): number {
  return extract(state, asOfMs)[FEATURE_INDEX[name]];
}

import { prng } from '../../helpers/events';

/** mulberry32 (one definition for all tests): reproducible randomness for property tests. */
export { prng };

const ZONES = [
  null,
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Not/AZone',
];

/**
 * A random event stream of one shopper: mostly forward in time (minutes to days apart), some events
 * late by up to 10 days (so some are too late under the 7-day default), some exact re-sends of an
 * earlier event (duplicates), returns and cancellations, several zones (one unknown), null devices.
 */
export function randomStream(seed: number, count: number): PurchaseEvent[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const events: PurchaseEvent[] = [];
  let clock = T0 + Math.floor(rnd() * 365) * DAY_MS;
  for (let i = 0; i < count; i++) {
    if (events.length > 0 && rnd() < 0.08) {
      events.push({ ...events[Math.max(0, events.length - 1 - Math.floor(rnd() * 8))]! });
      continue;
    }
    const r = rnd();
    clock +=
      r < 0.3
        ? Math.floor(rnd() * HOUR_MS)
        : r < 0.9
          ? Math.floor(rnd() * 3 * DAY_MS)
          : Math.floor(rnd() * 60 * DAY_MS);
    const late = rnd() < 0.15 ? Math.floor(rnd() * 10 * DAY_MS) : 0;
    const kind = rnd();
    events.push({
      eventId: `s${seed}-e${i}`,
      userId: `u-${seed}`,
      eventTime: clock - late,
      type: kind < 0.8 ? 'ORDER' : kind < 0.9 ? 'RETURN' : 'CANCEL',
      orderId: `s${seed}-o${i}`,
      amountMinor: rnd() < 0.05 ? 0 : Math.floor(Math.exp(rnd() * 14)),
      currency: 'CNY',
      itemCount: 1 + Math.floor(rnd() * 5),
      category: pick(CATEGORIES),
      merchantId: `m-${Math.floor(rnd() * 40)}`,
      paymentMethod: pick(PAYMENT_METHODS),
      channel: 'APP',
      deviceId: rnd() < 0.2 ? null : `d-${Math.floor(rnd() * 4)}`,
      timeZone: pick(ZONES),
    });
  }
  return events;
}

/** The bytes of a Float64Array, for bit-exact comparison (distinguishes -0 and NaN payloads too). */
export function bits(v: Float64Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}
