// Multi-key scripts must not cross Redis Cluster hash slots. On a single Redis every key may go
// in one call; on a Cluster the keys are grouped by slot. Either way calls are capped in size so
// one script never blocks Redis for long.
import { Cluster, type Redis } from 'ioredis';
import calculateSlot from 'cluster-key-slot';

const MAX_KEYS_PER_CALL = 500;

/** Indexes into `keys`, grouped so each group may go to one multi-key command. */
export function slotGroups(redis: Redis | Cluster, keys: string[]): number[][] {
  const groups: number[][] = [];
  if (!(redis instanceof Cluster)) {
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_CALL)
      groups.push(Array.from({ length: Math.min(MAX_KEYS_PER_CALL, keys.length - i) }, (_, j) => i + j));
    return groups;
  }
  const bySlot = new Map<number, number[]>();
  keys.forEach((k, i) => {
    const slot = calculateSlot(k);
    const g = bySlot.get(slot);
    if (g) g.push(i);
    else bySlot.set(slot, [i]);
  });
  for (const g of bySlot.values())
    for (let i = 0; i < g.length; i += MAX_KEYS_PER_CALL) groups.push(g.slice(i, i + MAX_KEYS_PER_CALL));
  return groups;
}
