// Bytes per profile in Redis: write N realistic profiles (each built by the real feature code from
// a few events, with the production TTL) and divide the INFO used_memory delta by N.
import type { RedisClient } from '../services/common/redis/client';
import { masters } from '../services/common/redis/nodes';
import { ProfileStore, type ProfileWrite } from '../services/common/redis/profile-store';
import { keyBuilder } from '../services/common/redis/keys';
import { applyInPlace, emptyState, encodeState, latestEventTimeMs } from '../services/common/features';
import { CATEGORIES, PAYMENT_METHODS } from '../services/common/events/purchase-event';

/** Summed over every master of a Cluster (INFO through the Cluster client asks one random node). */
async function usedMemory(redis: RedisClient): Promise<number> {
  let total = 0;
  for (const node of await masters(redis))
    total += Number(/used_memory:(\d+)/.exec(await node.info('memory'))![1]);
  return total;
}

export async function measureBytesPerProfile(
  redis: RedisClient,
  profiles: number,
  prefix: string,
  buckets: number,
): Promise<number> {
  const store = new ProfileStore(redis, keyBuilder(prefix, buckets));
  const before = await usedMemory(redis);
  const chunk = 10_000;
  for (let i = 0; i < profiles; i += chunk) {
    const writes: ProfileWrite[] = [];
    for (let j = i; j < Math.min(profiles, i + chunk); j++) {
      const state = emptyState();
      for (let e = 0; e < 1 + (j % 7); e++)
        applyInPlace(state, {
          eventId: `m${j}-${e}`,
          userId: `user-${String(j).padStart(10, '0')}`,
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
      writes.push({
        userId: `user-${String(j).padStart(10, '0')}`,
        position: { partition: j % 6, offset: j },
        lastEventSec: (latestEventTimeMs(state) ?? 0) / 1000,
        state: encodeState(state),
      });
    }
    await store.write(writes);
  }
  const after = await usedMemory(redis);
  return (after - before) / profiles;
}
