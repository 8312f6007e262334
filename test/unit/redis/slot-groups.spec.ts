// On a Redis Cluster every multi-key call must stay within one hash slot: the grouping that the
// profile and score stores (and key deletion) rely on.
import { expect } from 'chai';
import calculateSlot from 'cluster-key-slot';
import { groupBySlot, MAX_KEYS_PER_CALL, slotGroups } from '../../../services/common/redis/slot-groups';
import { keyBuilder } from '../../../services/common/redis/keys';
import { connectRedis } from '../../../services/common/redis/client';

describe('slot groups for multi-key calls', () => {
  const keys = keyBuilder('cs', 1 << 20);
  const users = Array.from({ length: 5_000 }, (_, i) => `shopper-${i}`);
  // Profiles and scores of many users, some repeated, plus many users sharing one bucket.
  const crowd = keyBuilder('cs', 4);
  const mixed = [
    ...users.map((u) => keys.profileBucket(u)),
    ...users.map((u) => keys.scoreBucket(u)),
    ...users.slice(0, 50).map((u) => keys.profileBucket(u)),
    ...Array.from({ length: 1_300 }, (_, i) => crowd.profileBucket(`c${i}`)),
  ];

  const covered = (groups: number[][]) => groups.flat().sort((a, b) => a - b);

  it('puts every key in exactly one group, each group in one slot and at most 500 keys', () => {
    const groups = groupBySlot(mixed);
    expect(covered(groups)).to.deep.equal(mixed.map((_, i) => i));
    for (const g of groups) {
      expect(new Set(g.map((i) => calculateSlot(mixed[i]!))).size).to.equal(1);
      expect(g.length).to.be.within(1, MAX_KEYS_PER_CALL);
    }
    // The crowded buckets (about 325 keys each) and whole slots are split only at the cap.
    const slots = new Set(mixed.map((k) => calculateSlot(k)));
    const full = groups.filter((g) => g.length === MAX_KEYS_PER_CALL).length;
    expect(groups.length)
      .to.be.at.least(slots.size)
      .and.at.most(slots.size + full);
  });

  it('keeps a user’s profile and score in one slot, so they could share a call', () => {
    for (const u of users)
      expect(calculateSlot(keys.scoreBucket(u))).to.equal(calculateSlot(keys.profileBucket(u)));
  });

  it('groups by slot on a Cluster client and only by size on a single Redis', () => {
    const cluster = connectRedis('redis+cluster://127.0.0.1:1', { lazyConnect: true });
    const single = connectRedis('redis://127.0.0.1:1', { lazyConnect: true });
    try {
      expect(slotGroups(cluster, mixed)).to.deep.equal(groupBySlot(mixed));
      const chunks = slotGroups(single, mixed);
      expect(covered(chunks)).to.deep.equal(mixed.map((_, i) => i));
      expect(chunks).to.have.length(Math.ceil(mixed.length / MAX_KEYS_PER_CALL));
    } finally {
      cluster.disconnect();
      single.disconnect();
    }
  });
});
