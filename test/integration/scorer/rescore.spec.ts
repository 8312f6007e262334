// rescoreAll against a real Redis: every stored profile gets the current model's score, a re-run
// skips them, a newly promoted model rewrites them, and a score of newer features is never
// overwritten.
import { expect } from 'chai';
import { withRedis } from '../../helpers/redis';
import { randomEvents } from '../../helpers/events';
import { offlineReplay } from '../../helpers/pipeline';
import { keyBuilder } from '../../../services/common/redis/keys';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { encodeState, latestEventTimeMs } from '../../../services/common/features';
import { logger } from '../../../services/common/logger';
import { ModelHolder } from '../../../services/scorer/model-holder';
import { rescoreAll } from '../../../services/scorer/rescore-all';
import { ScoreStore } from '../../../services/scorer/score-store';
import { tinyRegistry } from './scorer-fixture';

describe('rescore of every stored profile (real Redis)', function () {
  this.timeout(120_000);
  const r = withRedis();

  it('scores all profiles with the current model, resumes, and follows a new model', async () => {
    const registry = await tinyRegistry();
    try {
      const { prefix } = r.freshPrefix();
      const keys = keyBuilder(prefix, 64);
      const states = offlineReplay(randomEvents({ seed: 7, users: 300, count: 3_000, userPrefix: 'rs' }));
      const users = [...states.keys()];
      await new ProfileStore(r.redis, keys).write(
        users.map((userId, i) => ({
          userId,
          position: { partition: 0, offset: 1_000 + i },
          lastEventSec: latestEventTimeMs(states.get(userId)!)! / 1000,
          state: encodeState(states.get(userId)!),
        })),
      );
      const models = await ModelHolder.load(registry.dir, logger('test'));
      const run = () =>
        rescoreAll({
          redis: r.redis,
          keys,
          active: models.current,
          reasonText: (c) => models.reasonText(c),
          bucketsPerStep: 10,
        });
      const scores = new ScoreStore(r.redis, keys);

      let steps = 0;
      const first = await rescoreAll({
        redis: r.redis,
        keys,
        active: models.current,
        reasonText: (c) => models.reasonText(c),
        bucketsPerStep: 10,
        onProgress: () => steps++,
      });
      expect(first).to.deep.include({
        buckets: 64,
        profiles: users.length,
        written: users.length,
        skipped: 0,
      });
      expect(steps).to.equal(7);
      const a = await scores.read(users);
      expect(a.size).to.equal(users.length);
      for (const s of a.values()) expect(s.modelVersion).to.equal(registry.first);

      expect(await run()).to.deep.include({ written: 0, skipped: users.length });

      // A score of newer features than the profile read (written meanwhile by the live path).
      const ahead = users[0]!;
      await scores.write([
        { userId: ahead, record: { ...a.get(ahead)!, featureVersion: 5_000, points: 333 } },
      ]);

      await registry.promote(registry.second, '2026-03-01T00:00:00.000Z');
      expect(await models.refresh()).to.equal(true);
      expect(await run()).to.deep.include({ written: users.length - 1, skipped: 0 });
      const b = await scores.read(users);
      for (const [user, s] of b) {
        if (user === ahead) expect(s).to.deep.include({ featureVersion: 5_000, points: 333 });
        else expect(s.modelVersion).to.equal(registry.second);
      }
    } finally {
      registry.remove();
    }
  });
});
