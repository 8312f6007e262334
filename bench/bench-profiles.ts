// Realistic stored profiles for the Redis benchmarks: each built by the real feature code from one
// to seven orders, with 15-character user ids, written through the product's ProfileStore.
import { ProfileStore, type ProfileWrite } from '../services/common/redis/profile-store';
import { applyInPlace, emptyState, encodeState, latestEventTimeMs } from '../services/common/features';
import { CATEGORIES, PAYMENT_METHODS } from '../services/common/events/purchase-event';

export const benchUserId = (j: number) => `user-${String(j).padStart(10, '0')}`;

export function benchProfile(j: number): ProfileWrite {
  const userId = benchUserId(j);
  const state = emptyState();
  for (let e = 0; e < 1 + (j % 7); e++)
    applyInPlace(state, {
      eventId: `m${j}-${e}`,
      userId,
      eventTime: Date.UTC(2026, 9, 1) + j * 1000 + e * 3_600_000,
      type: 'ORDER',
      orderId: `o${j}-${e}`,
      amountMinor: 1_000 + ((j * 31 + e) % 50_000),
      currency: 'CNY',
      itemCount: 1 + (e % 3),
      category: CATEGORIES[(j + e) % CATEGORIES.length]!,
      merchantId: `m${(j + e) % 300}`,
      paymentMethod: PAYMENT_METHODS[(j + e) % PAYMENT_METHODS.length]!,
      channel: 'APP',
      deviceId: `d${j % 2}`,
      timeZone: null,
    });
  return {
    userId,
    position: { partition: j % 6, offset: j },
    lastEventSec: (latestEventTimeMs(state) ?? 0) / 1000,
    state: encodeState(state),
  };
}

/** Writes profiles 0..count-1 in chunks of 10,000. */
export async function writeBenchProfiles(store: ProfileStore, count: number): Promise<void> {
  const chunk = 10_000;
  for (let i = 0; i < count; i += chunk) {
    const writes: ProfileWrite[] = [];
    for (let j = i; j < Math.min(count, i + chunk); j++) writes.push(benchProfile(j));
    await store.write(writes);
  }
}
