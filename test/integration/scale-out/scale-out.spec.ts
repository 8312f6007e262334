// Scale-out: three feature-updaters and three scorers, each a process of its own, share a
// 12-partition purchases topic (and a 12-partition features.changed) through their consumer
// groups and give exactly what one of each gives; every scorer replica answers the same from
// Redis and streams every update, whichever replica computed it.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { randomEvents } from '../../helpers/events';
import { offlineReplay, produceEvents } from '../../helpers/pipeline';
import { differingUsers, readStates } from '../../helpers/updater';
import { metricValue, stopInstances, waitForSpread, whileAlive, type Instance } from '../../helpers/fleet';
import { extract, latestEventTimeMs, type ProfileState } from '../../../services/common/features';
import { score } from '../../../services/common/model';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import type { ProfileRecord } from '../../../services/common/redis/profile-record';
import { logger } from '../../../services/common/logger';
import { CreditScoreClient, type Score } from '../../../services/client';
import { ModelHolder, type ActiveModel } from '../../../services/scorer/model-holder';
import { ScoreStore } from '../../../services/scorer/score-store';
import type { ScoreRecord } from '../../../services/scorer/score-record';
import { API_KEY, tinyRegistry } from '../scorer/scorer-fixture';
import { deploy, messageCount, partitionCount, type Deployment } from './deployment';
import { ScoreWatcher } from './score-watcher';

const PARTITIONS = 12;

/** A score record without the wall-clock time its features were announced (differs per run). */
const timeless = (m: Map<string, ScoreRecord>) =>
  new Map([...m].map(([user, s]) => [user, { ...s, updatedAtMs: 0 }]));

/** Users whose stored score is not the model applied to their final features. */
function notTheModel(
  active: ActiveModel,
  expected: Map<string, ProfileState>,
  profiles: Map<string, ProfileRecord>,
  scores: Map<string, ScoreRecord>,
): string[] {
  const wrong: string[] = [];
  for (const [user, state] of expected) {
    const asOfMs = latestEventTimeMs(state)!;
    const want = score(active.model, extract(state, asOfMs));
    const got = scores.get(user);
    const profile = profiles.get(user);
    const same =
      got !== undefined &&
      profile !== undefined &&
      got.points === want.points &&
      got.probabilityOfDefault === want.probabilityOfDefault &&
      got.reasonCodes.join() === want.reasons.map((r) => r.code).join() &&
      got.modelVersion === want.modelVersion &&
      got.modelEpochMs === active.epochMs &&
      got.asOfMs === asOfMs &&
      // scored from the final profile, not an earlier one
      got.partition === profile.position.partition &&
      got.featureVersion === profile.position.offset;
    if (!same) wrong.push(user);
  }
  return wrong;
}

async function batchGetAll(client: CreditScoreClient, users: string[]): Promise<Map<string, Score>> {
  const out = new Map<string, Score>();
  for (let i = 0; i < users.length; i += 1000)
    for (const s of (await client.batchGetScores(users.slice(i, i + 1000))).scores) out.set(s.userId, s);
  return out;
}

describe('scale-out: several updater and scorer processes on a 12-partition topic', function () {
  this.timeout(600_000);
  const k = withKafka();
  const r = withRedis();
  const running: Instance[] = [];
  let registry: Awaited<ReturnType<typeof tinyRegistry>>;
  let active: ActiveModel;

  before(async () => {
    registry = await tinyRegistry();
    active = (await ModelHolder.load(registry.dir, logger('test'))).current;
  });

  after(async () => {
    await stopInstances(running.splice(0), 'SIGKILL');
    registry?.remove();
  });

  /**
   * Runs the events through `n` updaters and `n` scorers on fresh topics and keys, checks what
   * holds for any n, and returns the features and scores left in Redis.
   */
  async function runThrough(n: number, events: ReturnType<typeof randomEvents>) {
    const expected = offlineReplay(events);
    const users = [...expected.keys()];
    const d: Deployment = await deploy(k, r, {
      instances: n,
      partitions: PARTITIONS,
      modelsDir: registry.dir,
    });
    const all = [...d.updaters, ...d.scorers];
    running.push(...all);
    const clients = d.scorers.map(
      (s) =>
        new CreditScoreClient({
          address: `127.0.0.1:${s.grpcPort}`,
          apiKey: API_KEY.all,
          deadlineMs: 10_000,
        }),
    );
    const watchers: ScoreWatcher[] = [];
    try {
      // Settled groups (a scorer is ready only once its WatchScores feed reads the scores topic).
      await waitForSpread(d.updaters, PARTITIONS, `updaters (${n})`);
      await waitForSpread(d.scorers, PARTITIONS, `scorers (${n})`);
      expect(await partitionCount(k.admin, d.topics.purchases), 'purchases partitions').to.equal(PARTITIONS);
      expect(await partitionCount(k.admin, d.topics.changed), 'features.changed partitions').to.equal(
        PARTITIONS,
      );
      watchers.push(...clients.map((c) => new ScoreWatcher(c)));
      await waitFor(
        async () =>
          (await Promise.all(d.scorers.map((s) => metricValue(s, 'creditscore_watch_streams')))).every(
            (v) => v === 1,
          ),
        { what: 'a WatchScores stream open on every replica' },
      );

      await produceEvents(k.producer, d.topics.purchases, events);
      for (const [group, topic] of [
        [d.groups.updater, d.topics.purchases],
        [d.groups.scorer, d.topics.changed], // notices are sent before the updater commits
      ] as const)
        await whileAlive(
          all,
          waitFor(async () => (await groupLag(k.admin, group, topic)) === 0, {
            what: `group ${group} at the end of ${topic}`,
            timeoutMs: 300_000,
          }),
        );

      // The work spread: the groups still cover every partition, each instance did its share, and
      // no event was applied twice.
      await waitForSpread(d.updaters, PARTITIONS, `updaters (${n}) after the run`);
      await waitForSpread(d.scorers, PARTITIONS, `scorers (${n}) after the run`);
      const applied = await Promise.all(
        d.updaters.map((u) => metricValue(u, 'creditscore_updater_events_total', { outcome: 'applied' })),
      );
      const scored = await Promise.all(
        d.scorers.map((s) => metricValue(s, 'creditscore_scorer_scores_total')),
      );
      expect(
        applied.every((a) => a > 0),
        `events applied per updater: ${applied.join(', ')}`,
      ).to.equal(true);
      expect(applied.reduce((a, b) => a + b, 0)).to.equal(events.length);
      expect(
        scored.every((s) => s > 0),
        `scores computed per scorer: ${scored.join(', ')}`,
      ).to.equal(true);

      // Features: the clean single pass. Scores: the model applied to those features.
      const states = await readStates(r.redis, d.keys, users);
      expect(differingUsers(expected, states), 'users whose features differ').to.deep.equal([]);
      const scores = await new ScoreStore(r.redis, d.keys).read(users);
      const profiles = await new ProfileStore(r.redis, d.keys).read(users);
      expect(scores.size).to.equal(users.length);
      expect(notTheModel(active, expected, profiles, scores), 'users not scored by the model').to.deep.equal(
        [],
      );

      // Every replica answers the same, from Redis.
      const answers = await Promise.all(clients.map((c) => batchGetAll(c, users)));
      expect(answers[0]!.size).to.equal(users.length);
      for (const a of answers.slice(1)) expect(a).to.deep.equal(answers[0]);
      for (const user of users.filter((_, i) => i % 60 === 0)) {
        const each = await Promise.all(clients.map((c) => c.getScore(user)));
        for (const s of each) expect(s).to.deep.equal(answers[0]!.get(user));
      }

      // Every stream saw every update on the scores topic, whichever replica wrote it, ending
      // with each user's current score.
      const published = await messageCount(k.admin, d.topics.scores);
      await waitFor(() => watchers.every((w) => w.error !== undefined || w.received >= published), {
        what: `${published} updates on each of ${watchers.length} streams`,
        timeoutMs: 120_000,
      });
      expect(watchers.map((w) => w.error?.message)).to.deep.equal(watchers.map(() => undefined));
      expect(watchers.map((w) => w.received)).to.deep.equal(watchers.map(() => published));
      for (const w of watchers) {
        const stale = users.filter(
          (u) => JSON.stringify(w.latest.get(u)) !== JSON.stringify(answers[0]!.get(u)),
        );
        expect(stale, 'users whose last streamed score is not their current one').to.deep.equal([]);
      }
      return { states, scores, applied, scored };
    } finally {
      await Promise.all(watchers.map((w) => w.close()));
      for (const c of clients) c.close();
      running.splice(0, running.length, ...running.filter((i) => !all.includes(i)));
      await stopInstances(all);
    }
  }

  it('three updaters and three scorers give the features and scores of one of each', async () => {
    const events = randomEvents({
      seed: 41,
      users: 3_000,
      count: 30_000,
      userPrefix: uniqueName('u'),
      maxGapMs: 120_000, // ~21 days of events: all before the wall clock
    });
    const one = await runThrough(1, events);
    const three = await runThrough(3, events);
    expect(differingUsers(one.states, three.states), 'features differing between the runs').to.deep.equal([]);
    expect(timeless(three.scores)).to.deep.equal(timeless(one.scores));
    console.log(
      `      events applied per updater: ${three.applied.join(' / ')}; scores per scorer: ${three.scored.join(' / ')}`,
    );
  });
});
