// Multi-key scripts must not cross Redis Cluster hash slots. On a single Redis every key may go
// in one call; on a Cluster the keys are grouped by slot. Either way calls are capped in size so
// one script never blocks Redis for long.
import { Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import type { RedisClient } from './client';

export const MAX_KEYS_PER_CALL = 500;

/** Indexes into `keys`, grouped so each group may go to one multi-key command on this client. */
export function slotGroups(redis: RedisClient, keys: readonly string[]): number[][] {
  if (redis instanceof Cluster) return groupBySlot(keys);
  const groups: number[][] = [];
  for (let i = 0; i < keys.length; i += MAX_KEYS_PER_CALL)
    groups.push(Array.from({ length: Math.min(MAX_KEYS_PER_CALL, keys.length - i) }, (_, j) => i + j));
  return groups;
}

/** Indexes into `keys` grouped by Redis Cluster slot, at most MAX_KEYS_PER_CALL per group. */
export function groupBySlot(keys: readonly string[]): number[][] {
  const bySlot = new Map<number, number[]>();
  keys.forEach((k, i) => {
    const slot = calculateSlot(k);
    const g = bySlot.get(slot);
    if (g) g.push(i);
    else bySlot.set(slot, [i]);
  });
  const groups: number[][] = [];
  for (const g of bySlot.values())
    for (let i = 0; i < g.length; i += MAX_KEYS_PER_CALL) groups.push(g.slice(i, i + MAX_KEYS_PER_CALL));
  return groups;
}
