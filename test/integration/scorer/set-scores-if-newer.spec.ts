// lua/set-scores-if-newer.lua against a real Redis and a real Redis Cluster.
import { expect } from 'chai';
import { REDIS_KINDS, usersOfOneBucket, withRedis } from '../../helpers/redis';
import { keyBuilder } from '../../../services/common/redis/keys';
import {
  decodeScoreRecord,
  encodeScoreRecord,
  type ScoreRecord,
} from '../../../services/scorer/score-record';
import { testScoreRecord } from './scorer-fixture';

for (const kind of REDIS_KINDS)
  describe(`set-scores-if-newer.lua (real ${kind.name})`, () => {
    const r = withRedis(kind);
    const record = (
      partition: number,
      featureVersion: number,
      modelEpochMs: number,
      points = 600,
    ): ScoreRecord => testScoreRecord({ partition, featureVersion, modelEpochMs, points });
    const set = async (user: string, rec: ScoreRecord) =>
      (await r.redis.setScoresIfNewer(1, r.keys.scoreBucket(user), user, encodeScoreRecord(rec)))[0];
    const get = async (user: string) => {
      const [v] = await r.redis.getProfilesBuffer(1, r.keys.scoreBucket(user), user);
      return v ? decodeScoreRecord(v) : null;
    };

    it('writes when absent, then only a higher feature version of the same partition', async () => {
      expect(await set('u-1', record(2, 10, 1_000, 610))).to.equal(1);
      expect(await set('u-1', record(2, 10, 1_000, 999))).to.equal(2); // replay: already current
      expect(await set('u-1', record(2, 9, 5_000, 111))).to.equal(0); // older features, even with a newer model
      expect((await get('u-1'))!.points).to.equal(610);
      expect(await set('u-1', record(2, 11, 1_000, 620))).to.equal(1);
      expect((await get('u-1'))!).to.deep.include({ featureVersion: 11, points: 620 });
    });

    it('rewrites the same feature version only for a later model epoch', async () => {
      await set('u-2', record(0, 50, 1_000, 600));
      expect(await set('u-2', record(0, 50, 2_000, 650))).to.equal(1);
      expect(await set('u-2', record(0, 50, 1_500, 640))).to.equal(0);
      expect((await get('u-2'))!).to.deep.include({ modelEpochMs: 2_000, points: 650 });
    });

    it('compares 48-bit versions and epochs exactly', async () => {
      const big = 2 ** 40 + 7;
      await set('u-3', record(1, big, 2 ** 45));
      expect(await set('u-3', record(1, big - 1, 2 ** 45))).to.equal(0);
      expect(await set('u-3', record(1, big, 2 ** 45 + 1))).to.equal(1);
      expect(await set('u-3', record(1, big + 1, 2 ** 45))).to.equal(1);
    });

    it('accepts a write from another partition (after repartitioning)', async () => {
      await set('u-4', record(3, 900, 1_000));
      expect(await set('u-4', record(4, 2, 1_000))).to.equal(1);
    });

    it('answers per record in one multi-key call (users of one bucket, so of one slot)', async () => {
      const few = keyBuilder(r.freshPrefix().prefix, 4);
      const users = usersOfOneBucket((u) => few.scoreBucket(u), 3);
      const bucket = few.scoreBucket(users[0]!);
      await r.redis.setScoresIfNewer(1, bucket, users[0]!, encodeScoreRecord(record(0, 100, 1_000)));
      const keys = users.map(() => bucket);
      const args = users.flatMap((u, i) => [u, encodeScoreRecord(record(0, 10 + i, 1_000))]);
      expect(await r.redis.setScoresIfNewer(3, ...keys, ...args)).to.deep.equal([0, 1, 1]);
    });

    it('keeps a score in the same Redis Cluster slot as its profile', () => {
      const tag = (key: string) => /\{([^}]+)\}/.exec(key)![1];
      for (const user of ['a', 'shopper-42', '用户'])
        expect(tag(r.keys.scoreBucket(user))).to.equal(tag(r.keys.profileBucket(user)));
    });
  });
