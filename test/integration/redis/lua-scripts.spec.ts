// Each Lua script against a real Redis and a real Redis Cluster. Multi-key calls carry keys of
// one slot, as the stores send them (slot-groups.ts).
import { expect } from 'chai';
import { REDIS_KINDS, usersOfOneBucket, withRedis } from '../../helpers/redis';
import { decodeProfileRecord, encodeProfileRecord } from '../../../services/common/redis/profile-record';
import { keyBuilder } from '../../../services/common/redis/keys';

for (const kind of REDIS_KINDS)
  describe(`Lua scripts (real ${kind.name})`, () => {
    const r = withRedis(kind);
    const record = (partition: number, offset: number, body: string, lastEventSec = 1_000) =>
      encodeProfileRecord({ position: { partition, offset }, lastEventSec, state: Buffer.from(body) });
    const set = (user: string, rec: Buffer) =>
      r.redis.setProfilesIfNewer(1, r.keys.profileBucket(user), user, rec);
    const get = async (user: string) => {
      const [v] = await r.redis.getProfilesBuffer(1, r.keys.profileBucket(user), user);
      return v ? decodeProfileRecord(v) : null;
    };

    describe('set-profiles-if-newer', () => {
      it('writes when absent, then only for a later offset of the same partition', async () => {
        expect(await set('u-1', record(3, 10, 'a'))).to.equal(1);
        expect(await set('u-1', record(3, 10, 'replay'))).to.equal(0);
        expect(await set('u-1', record(3, 9, 'zombie'))).to.equal(0);
        expect(await set('u-1', record(3, 11, 'b', 2_000))).to.equal(1);
        const stored = (await get('u-1'))!;
        expect(stored.position).to.deep.equal({ partition: 3, offset: 11 });
        expect(stored.lastEventSec).to.equal(2_000);
        expect(stored.state.toString()).to.equal('b');
      });

      it('compares offsets above 2^32 exactly', async () => {
        const big = 2 ** 40 + 5;
        expect(await set('u-big', record(0, big, 'x'))).to.equal(1);
        expect(await set('u-big', record(0, big - 1, 'y'))).to.equal(0);
        expect(await set('u-big', record(0, big + 1, 'z'))).to.equal(1);
      });

      it('accepts a write from another partition (after repartitioning)', async () => {
        await set('u-2', record(1, 500, 'old'));
        expect(await set('u-2', record(2, 3, 'new'))).to.equal(1);
      });

      it('handles many users of one bucket in one call, counting only the writes it made', async () => {
        const few = keyBuilder(r.freshPrefix().prefix, 4);
        const [none, ...users] = usersOfOneBucket((u) => few.profileBucket(u), 4);
        const bucket = few.profileBucket(none!);
        await r.redis.setProfilesIfNewer(1, bucket, users[0]!, record(0, 50, 'ahead'));
        const args = users.flatMap((u, i) => [u, record(0, 10 + i, `v${i}`)]);
        const keys = users.map(() => bucket);
        expect(await r.redis.setProfilesIfNewer(3, ...keys, ...args)).to.equal(2);
        const values = await r.redis.getProfilesBuffer(4, ...keys, bucket, ...users, none);
        expect(values.map((v) => (v ? decodeProfileRecord(v).state.toString() : null))).to.deep.equal([
          'ahead',
          'v1',
          'v2',
          null,
        ]);
      });
    });

    describe('prune-profiles', () => {
      it('deletes the profiles of a bucket whose last event is before the cut-off, and only those, with their scores', async () => {
        const few = keyBuilder(r.freshPrefix().prefix, 4);
        const mates = usersOfOneBucket((u) => few.profileBucket(u), 4, 'p');
        const bucket = few.profileBucket(mates[0]!);
        const scores = few.scoreBucket(mates[0]!);
        const ages = [100, 5_000, 9_000];
        for (const [i, u] of mates.slice(0, 3).entries()) {
          await r.redis.setProfilesIfNewer(1, bucket, u, record(0, i, u, ages[i]));
          await r.redis.hset(scores, u, `score of ${u}`);
        }
        // A score whose profile is already gone (pruned while the scorer was writing it).
        await r.redis.hset(scores, mates[3]!, 'orphan');
        expect(await r.redis.pruneProfiles(bucket, scores, 6_000)).to.deep.equal([2, 3]);
        expect(await r.redis.hkeys(bucket)).to.deep.equal([mates[2]]);
        expect(await r.redis.hgetall(scores)).to.deep.equal({ [mates[2]!]: `score of ${mates[2]}` });
        expect(await r.redis.pruneProfiles(bucket, scores, 6_000)).to.deep.equal([0, 0]);
      });
    });

    describe('get-buckets', () => {
      it('answers each bucket as a flat field/value array, an absent one as empty', async () => {
        // Two buckets of one slot (one hash tag), as the rescore sends them.
        const a = r.keys.profileBucketAt(900_001);
        const b = r.keys.scoreBucketAt(900_001);
        await r.redis.hset(a, 'u-a1', Buffer.from([1, 2]), 'u-a2', Buffer.from('x'));
        const [first, absent] = await r.redis.getBucketsBuffer(2, a, b);
        const pairs = [];
        for (let i = 0; i < first!.length; i += 2) pairs.push([first![i]!.toString(), first![i + 1]!]);
        expect(pairs.sort()).to.deep.equal([
          ['u-a1', Buffer.from([1, 2])],
          ['u-a2', Buffer.from('x')],
        ]);
        expect(absent).to.deep.equal([]);
      });
    });

    describe('advance-checkpoint', () => {
      it('advances over contiguous batches and never moves back', async () => {
        const key = r.keys.checkpoint('g', 'purchases', 0);
        expect(await r.redis.advanceCheckpoint(key, '0', '100')).to.deep.equal([1, '100']);
        expect(await r.redis.advanceCheckpoint(key, '100', '150')).to.deep.equal([1, '150']);
        // A replayed or zombie batch that ends at or before the checkpoint changes nothing.
        expect(await r.redis.advanceCheckpoint(key, '90', '120')).to.deep.equal([0, '150']);
        // A batch overlapping the checkpoint moves it to its end.
        expect(await r.redis.advanceCheckpoint(key, '140', '200')).to.deep.equal([1, '200']);
        expect(await r.redis.get(key)).to.equal('200');
      });

      it('reports a gap when the batch starts after the checkpoint (Redis lost writes)', async () => {
        const key = r.keys.checkpoint('g', 'purchases', 1);
        await r.redis.advanceCheckpoint(key, '0', '100');
        expect(await r.redis.advanceCheckpoint(key, '180', '250')).to.deep.equal([-1, '100']);
        expect(await r.redis.get(key)).to.equal('100');
      });
    });
  });
