// Each Lua script against a real Redis.
import { expect } from 'chai';
import { withRedis } from '../../helpers/redis';
import { decodeProfileRecord, encodeProfileRecord } from '../../../services/common/redis/profile-record';

describe('Lua scripts (real Redis)', () => {
  const r = withRedis();

  describe('set-profile-if-newer', () => {
    const record = (partition: number, offset: number, body: string) =>
      encodeProfileRecord({ partition, offset }, Buffer.from(body));

    it('writes when absent, then only for a later offset of the same partition', async () => {
      const key = r.keys.profile('u-1');
      expect(await r.redis.setProfileIfNewer(key, record(3, 10, 'a'), 0)).to.equal(1);
      expect(await r.redis.setProfileIfNewer(key, record(3, 10, 'replay'), 0)).to.equal(0);
      expect(await r.redis.setProfileIfNewer(key, record(3, 9, 'zombie'), 0)).to.equal(0);
      expect(await r.redis.setProfileIfNewer(key, record(3, 11, 'b'), 0)).to.equal(1);
      const stored = decodeProfileRecord((await r.redis.getBuffer(key))!);
      expect(stored.position).to.deep.equal({ partition: 3, offset: 11 });
      expect(stored.state.toString()).to.equal('b');
    });

    it('compares offsets above 2^32 exactly', async () => {
      const key = r.keys.profile('u-big');
      const big = 2 ** 40 + 5;
      expect(await r.redis.setProfileIfNewer(key, record(0, big, 'x'), 0)).to.equal(1);
      expect(await r.redis.setProfileIfNewer(key, record(0, big - 1, 'y'), 0)).to.equal(0);
      expect(await r.redis.setProfileIfNewer(key, record(0, big + 1, 'z'), 0)).to.equal(1);
    });

    it('accepts a write from another partition (after repartitioning)', async () => {
      const key = r.keys.profile('u-2');
      await r.redis.setProfileIfNewer(key, record(1, 500, 'old'), 0);
      expect(await r.redis.setProfileIfNewer(key, record(2, 3, 'new'), 0)).to.equal(1);
    });

    it('sets the time to live when given', async () => {
      const key = r.keys.profile('u-3');
      await r.redis.setProfileIfNewer(key, record(0, 1, 'x'), 60_000);
      const ttl = await r.redis.pttl(key);
      expect(ttl).to.be.within(1, 60_000);
      await r.redis.setProfileIfNewer(key, record(0, 2, 'x'), 0);
      expect(await r.redis.pttl(key)).to.equal(-1);
    });
  });

  describe('advance-checkpoint', () => {
    it('only moves forward', async () => {
      const key = r.keys.checkpoint('g', 'purchases', 0);
      expect(await r.redis.advanceCheckpoint(key, '100')).to.equal(1);
      expect(await r.redis.advanceCheckpoint(key, '99')).to.equal(0);
      expect(await r.redis.advanceCheckpoint(key, '100')).to.equal(0);
      expect(await r.redis.advanceCheckpoint(key, '101')).to.equal(1);
      expect(await r.redis.get(key)).to.equal('101');
    });
  });
});
