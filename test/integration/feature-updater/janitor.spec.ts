// The expiry sweep of inactive profiles over every bucket, on a single Redis and on a Redis
// Cluster (where its buckets live on different nodes, so it cannot batch them in one pipeline).
import { expect } from 'chai';
import { REDIS_KINDS, withRedis } from '../../helpers/redis';
import { waitFor } from '../../helpers/wait';
import { keyBuilder } from '../../../services/common/redis/keys';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { logger } from '../../../services/common/logger';
import { startJanitor } from '../../../services/feature-updater/janitor';

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
  });
