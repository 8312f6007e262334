// The expiry sweep of inactive profiles over every bucket, on a single Redis and on a Redis
// Cluster (where its buckets live on different nodes, so it cannot batch them in one pipeline): a
// profile inactive for longer than the TTL is deleted and its score with it, so an expired shopper
// is no longer served; active shoppers keep both.
import { expect } from 'chai';
import { REDIS_KINDS, withRedis } from '../../helpers/redis';
import { waitFor } from '../../helpers/wait';
import { keyBuilder } from '../../../services/common/redis/keys';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { logger } from '../../../services/common/logger';
import { startJanitor } from '../../../services/feature-updater/janitor';
import { ScoreStore } from '../../../services/scorer/score-store';
import type { ScoreRecord } from '../../../services/scorer/score-record';

const DAY_MS = 86_400_000;

for (const kind of REDIS_KINDS)
  describe(`profile expiry sweep (real ${kind.name})`, () => {
    const r = withRedis(kind);
    it('deletes the profiles idle for longer than the TTL from every bucket, and only those', async () => {
      const keys = keyBuilder(r.freshPrefix().prefix, 64);
      const store = new ProfileStore(r.redis, keys);
      const nowSec = Math.floor(Date.now() / 1000);
      const users = Array.from({ length: 400 }, (_, i) => `j-${i}`);
      const idle = (i: number) => i % 3 === 0;
      await store.write(
        users.map((userId, i) => ({
          userId,
          position: { partition: 0, offset: i },
          lastEventSec: idle(i) ? nowSec - 3 * 86_400 : nowSec - 60,
          state: Buffer.from('s'),
        })),
      );
      let pruned = 0;
      // 64 buckets per tick: each tick sweeps them all.
      const janitor = startJanitor({
        redis: r.redis,
        keys,
        ttlMs: 86_400_000,
        sweepMs: 200,
        log: logger('test'),
        onPruned: (n) => (pruned += n),
      });
      try {
        const expected = users.filter((_, i) => idle(i)).length;
        await waitFor(() => pruned >= expected, {
          what: `${expected} idle profiles pruned (have ${pruned})`,
        });
        expect(pruned).to.equal(expected);
      } finally {
        janitor.stop();
      }
      const left = await store.read(users);
      expect([...left.keys()].sort()).to.deep.equal(users.filter((_, i) => !idle(i)).sort());
    });

    it('deletes expired profiles together with their scores, and nothing else', async () => {
      const { prefix } = r.freshPrefix();
      const keys = keyBuilder(prefix, 8);
      const profiles = new ProfileStore(r.redis, keys);
      const scores = new ScoreStore(r.redis, keys);
      const now = Date.now();
      const users = { expired: 'jan-expired', active: 'jan-active' };
      const lastEventMs = { expired: now - 3 * DAY_MS, active: now - 3_600_000 };
      const score = (asOfMs: number): ScoreRecord => ({
        partition: 0,
        featureVersion: 1,
        modelEpochMs: 1,
        modelVersion: '0123456789abcdef',
        points: 640,
        probabilityOfDefault: 0.03,
        asOfMs,
        updatedAtMs: asOfMs,
        reasonCodes: ['RC01'],
      });
      for (const k of ['expired', 'active'] as const) {
        await profiles.write([
          {
            userId: users[k],
            position: { partition: 0, offset: 1 },
            lastEventSec: Math.floor(lastEventMs[k] / 1000),
            state: Buffer.from('state'),
          },
        ]);
        await scores.write([{ userId: users[k], record: score(lastEventMs[k]) }]);
      }

      const pruned = { profiles: 0, scores: 0 };
      const janitor = startJanitor({
        redis: r.redis,
        keys,
        ttlMs: 2 * DAY_MS,
        sweepMs: 5, // every bucket every few ticks
        log: logger('test'),
        onPruned: (p, s) => {
          pruned.profiles += p;
          pruned.scores += s;
        },
      });
      try {
        await waitFor(async () => (await scores.read([users.expired])).size === 0, {
          what: 'the expired shopper to lose the score',
        });
      } finally {
        janitor.stop();
      }
      expect([...(await profiles.read([users.expired, users.active])).keys()]).to.deep.equal([users.active]);
      expect([...(await scores.read([users.expired, users.active])).keys()]).to.deep.equal([users.active]);
      expect(pruned).to.deep.equal({ profiles: 1, scores: 1 });
    });
  });
