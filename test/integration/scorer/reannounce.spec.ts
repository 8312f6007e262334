// Two notices that find the same profile version (the second notice's batch was applied before
// the first notice was scored, or a batch is replayed): the score is written once, and the second
// announcement carries the stored record, so the scores topic and WatchScores end with exactly what
// GetScore answers.
import { CoalescingSender } from '../../../services/common/kafka/coalescing-sender';
import { expect } from 'chai';
import { withKafka } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { randomEvents } from '../../helpers/events';
import { offlineReplay } from '../../helpers/pipeline';
import { encodeState, latestEventTimeMs } from '../../../services/common/features';
import { featuresChangedCodec } from '../../../services/common/events/event-codecs';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { createMetricsRegistry } from '../../../services/common/ops/registry';
import { logger } from '../../../services/common/logger';
import { ModelHolder } from '../../../services/scorer/model-holder';
import { ProfileScorer } from '../../../services/scorer/score-profile';
import { ScoreStore } from '../../../services/scorer/score-store';
import { ScorerMetrics } from '../../../services/scorer/metrics';
import { processChangedBatch } from '../../../services/scorer/rescore-batch';
import { scoreUpdatedCodec } from '../../../services/scorer/scorer-events';
import { tinyRegistry } from './scorer-fixture';

describe('scorer: a notice for an already scored profile version (real Kafka + Redis)', function () {
  this.timeout(120_000);
  const k = withKafka();
  const r = withRedis();

  it('announces the stored score, not one with the later notice time', async () => {
    const registry = await tinyRegistry();
    try {
      const [[user, state]] = [
        ...offlineReplay(randomEvents({ seed: 5, users: 1, count: 20, userPrefix: 'ra' })),
      ];
      const position = { partition: 0, offset: 19 };
      await new ProfileStore(r.redis, r.keys).write([
        { userId: user, position, lastEventSec: latestEventTimeMs(state)! / 1000, state: encodeState(state) },
      ]);
      const scoresTopic = await k.topic('scores');
      const scores = new ScoreStore(r.redis, r.keys);
      const deps = {
        sender: new CoalescingSender(k.producer),
        profiles: new ProfileStore(r.redis, r.keys),
        scores,
        models: await ModelHolder.load(registry.dir, logger('test')),
        scorer: new ProfileScorer(),
        metrics: new ScorerMetrics(createMetricsRegistry('test')),
        scoresTopic,
        log: logger('test'),
      };
      // The notices of two updater batches (offsets 10 and 19); both find the profile at 19.
      const notice = (offset: number, updatedAt: number) =>
        processChangedBatch(deps, {
          topic: 'changed',
          partition: 0,
          verifyCheckpoint: async () => undefined, // no checkpoint involved: one batch, handled directly
          messages: [
            {
              key: Buffer.from(user),
              value: featuresChangedCodec().encode({
                userId: user,
                featureVersion: offset,
                lastEventTime: latestEventTimeMs(state)!,
                updatedAt,
                sourcePartition: 0,
                sourceOffset: offset,
              }),
              offset: '0',
              timestamp: '0',
              attributes: 0,
              headers: {},
            },
          ],
        });
      await notice(10, 1_000);
      await notice(19, 2_000);

      const stored = (await scores.read([user])).get(user)!;
      expect(stored).to.deep.include({ featureVersion: 19, updatedAtMs: 1_000 });
      const announced = (await k.readAll(scoresTopic, 2)).map((m) => scoreUpdatedCodec().decode(m.value!));
      expect(announced.map((a) => [a.featureVersion, a.updatedAt, a.points])).to.deep.equal([
        [19, 1_000, stored.points],
        [19, 1_000, stored.points],
      ]);
    } finally {
      registry.remove();
    }
  });
});
