// rescoreAll against a real Redis: every stored profile gets the current model's score, a re-run
// skips them, a newly promoted model rewrites them, and a score of newer features is never
// overwritten.
import { expect } from 'chai';
import { withRedis } from '../../helpers/redis';
import { withKafka } from '../../helpers/kafka';
import { randomEvents } from '../../helpers/events';
import { offlineReplay, storeProfiles } from '../../helpers/pipeline';
import { keyBuilder } from '../../../services/common/redis/keys';
import { logger } from '../../../services/common/logger';
import { ModelHolder } from '../../../services/scorer/model-holder';
import { rescoreAll } from '../../../services/scorer/rescore-all';
import { shardRange } from '../../../services/scorer/rescore-shard';
import { createProducer } from '../../../services/common/kafka/client';
import { ScoreStore } from '../../../services/scorer/score-store';
import { scoreUpdatedCodec } from '../../../services/scorer/scorer-events';
import { tinyRegistry } from './scorer-fixture';

describe('rescore of every stored profile (real Redis)', function () {
  this.timeout(120_000);
  const r = withRedis();
  const k = withKafka();

  it('scores all profiles with the current model, resumes, and follows a new model', async () => {
    const registry = await tinyRegistry();
    try {
      const { prefix } = r.freshPrefix();
      const keys = keyBuilder(prefix, 64);
      const states = offlineReplay(randomEvents({ seed: 7, users: 300, count: 3_000, userPrefix: 'rs' }));
      const users = await storeProfiles(r.redis, keys, states, 1_000);
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
  it('split into shards run side by side, scores every profile exactly once', async () => {
    const registry = await tinyRegistry();
    try {
      const { prefix } = r.freshPrefix();
      const keys = keyBuilder(prefix, 64);
      const states = offlineReplay(randomEvents({ seed: 8, users: 400, count: 3_000, userPrefix: 'sh' }));
      const users = await storeProfiles(r.redis, keys, states);
      const topic = await k.topic('scores', 3, true);
      const models = await ModelHolder.load(registry.dir, logger('test'));
      const shards = 3;
      // One producer per shard, as separate processes have: an idempotent producer takes one
      // sender at a time (concurrent senders break its sequence numbers).
      const producers = Array.from({ length: shards }, () => createProducer(k.kafka));
      await Promise.all(producers.map((p) => p.connect()));
      const results = await Promise.all(
        producers.map((producer, index) =>
          rescoreAll({
            redis: r.redis,
            keys,
            active: models.current,
            reasonText: (c) => models.reasonText(c),
            publish: { producer, topic },
            range: shardRange(index, shards, keys.profileBuckets),
            bucketsPerStep: 5,
          }),
        ),
      ).finally(() => Promise.all(producers.map((p) => p.disconnect())));
      expect(results.map((p) => p.totalBuckets)).to.deep.equal([21, 21, 22]);
      expect(results.map((p) => p.buckets)).to.deep.equal([21, 21, 22]);
      // Every shard found work (the users spread over the buckets), and together they did it once.
      for (const p of results) expect(p.written).to.be.above(0);
      expect(results.reduce((n, p) => n + p.profiles, 0)).to.equal(users.length);
      expect(results.reduce((n, p) => n + p.written, 0)).to.equal(users.length);
      const stored = await new ScoreStore(r.redis, keys).read(users);
      expect(stored.size).to.equal(users.length);
      const announced = await k.readAll(topic, users.length);
      expect(announced.map((m) => m.key!.toString()).sort()).to.deep.equal([...users].sort());
    } finally {
      registry.remove();
    }
  });
  it('announces every written score, even a step holding more than one produce request may carry', async () => {
    const registry = await tinyRegistry();
    try {
      const { prefix } = r.freshPrefix();
      // 40,000 shoppers in 4 buckets, all in one step, on one partition: ~5 MB of scores, over what
      // a broker takes in one request (1 MB by default, 2 MB on the local test broker).
      const keys = keyBuilder(prefix, 4);
      const states = offlineReplay(
        randomEvents({ seed: 9, users: 40_000, count: 120_000, userPrefix: 'rp' }),
      );
      const users = await storeProfiles(r.redis, keys, states);
      const topic = await k.topic('scores', 1, true);
      const models = await ModelHolder.load(registry.dir, logger('test'));
      const result = await rescoreAll({
        redis: r.redis,
        keys,
        active: models.current,
        reasonText: (c) => models.reasonText(c),
        publish: { producer: k.producer, topic },
        bucketsPerStep: 4,
      });
      expect(result).to.deep.include({ buckets: 4, profiles: users.length, written: users.length });
      const announced = await k.readAll(topic, users.length);
      expect(new Set(announced.map((m) => m.key!.toString()))).to.deep.equal(new Set(users));
      const first = scoreUpdatedCodec().decode(announced[0]!.value!);
      expect(first.modelVersion).to.equal(registry.first);
    } finally {
      registry.remove();
    }
  });
});
