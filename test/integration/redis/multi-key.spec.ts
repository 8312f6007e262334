// Every multi-key path of the product over many slots, on a single Redis and on a Redis Cluster:
// the profile and score stores (one script call per slot group), key deletion by prefix (SCAN on
// every master, UNLINK per slot) and the cluster's own refusal of a call that crosses slots, which
// is what makes the passing cases a proof that nothing crosses.
import { expect } from 'chai';
import { Cluster } from 'ioredis';
import { deleteByPrefix, REDIS_KINDS, withRedis } from '../../helpers/redis';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { masters, scanKeys } from '../../../services/common/redis/nodes';
import { ScoreStore } from '../../../services/scorer/score-store';
import type { ScoreRecord } from '../../../services/scorer/score-record';

for (const kind of REDIS_KINDS)
  describe(`multi-key calls over many slots (real ${kind.name})`, () => {
    const r = withRedis(kind);
    const users = Array.from({ length: 2_000 }, (_, i) => `mk-${i}`);
    const score = (points: number): ScoreRecord => ({
      partition: 0,
      featureVersion: 10,
      modelEpochMs: 1_000,
      modelVersion: '0123456789abcdef',
      points,
      probabilityOfDefault: 0.05,
      asOfMs: 1_700_000_000_000,
      updatedAtMs: 1_700_000_000_000,
      reasonCodes: [],
    });

    it('writes and reads the profiles of 2,000 users in one store call each', async () => {
      const { keys } = r.freshPrefix();
      const store = new ProfileStore(r.redis, keys);
      const writes = users.map((userId, i) => ({
        userId,
        position: { partition: i % 3, offset: i },
        lastEventSec: 1_000 + i,
        state: Buffer.from(`state-${i}`),
      }));
      expect(await store.write(writes)).to.equal(users.length);
      expect(await store.write(writes)).to.equal(0); // a replay changes nothing
      const read = await store.read([...users, 'mk-none']);
      expect(read.size).to.equal(users.length);
      for (const [i, u] of users.entries()) expect(read.get(u)!.state.toString()).to.equal(`state-${i}`);
    });

    it('writes and reads the scores of 2,000 users in one store call each', async () => {
      const { keys } = r.freshPrefix();
      const store = new ScoreStore(r.redis, keys);
      const statuses = await store.write(
        users.map((userId, i) => ({ userId, record: score(300 + (i % 500)) })),
      );
      expect(new Set(statuses)).to.deep.equal(new Set(['written']));
      const read = await store.read(users);
      expect(users.map((u) => read.get(u)?.points)).to.deep.equal(users.map((_, i) => 300 + (i % 500)));
      expect(new Set(await store.write([{ userId: users[0]!, record: score(999) }]))).to.deep.equal(
        new Set(['current']),
      );
    });

    it('deletes a prefix on every server holding it', async () => {
      const { prefix, keys } = r.freshPrefix();
      await new ScoreStore(r.redis, keys).write(users.map((userId) => ({ userId, record: score(600) })));
      // Keys under the prefix on each server, counted there (node by node, not through the cluster).
      const holding = async () => {
        const counts: number[] = [];
        for (const node of await masters(r.redis)) {
          let n = 0;
          await scanKeys(node, `${prefix}:*`, async (k) => void (n += k.length));
          counts.push(n);
        }
        return counts;
      };
      const before = await holding();
      expect(before).to.have.length(kind.cluster ? 3 : 1);
      for (const n of before) expect(n).to.be.greaterThan(0);
      await deleteByPrefix(r.redis, prefix);
      expect(await holding()).to.deep.equal(before.map(() => 0));
    });

    if (kind.cluster)
      it('is refused by the cluster when one call would cross slots (CROSSSLOT)', async () => {
        expect(r.redis).to.be.instanceOf(Cluster);
        const [a, b] = ['mk-1', 'mk-2'].map((u) => r.keys.profileBucket(u));
        expect(a).to.not.equal(b);
        const err = await r.redis.getProfilesBuffer(2, a!, b!, 'mk-1', 'mk-2').then(
          () => undefined,
          (e: Error) => e,
        );
        expect(err?.message).to.match(/CROSSSLOT/);
      });
  });
