// The scorer against the real stack: purchases -> feature-updater -> features.changed -> scorer ->
// Redis + scores topic -> gRPC (GetScore, WatchScores, Decide), with the status-code matrix.
import { expect } from 'chai';
import { status, type ServiceError } from '@grpc/grpc-js';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { makeEvent } from '../../helpers/events';
import { produceEvents } from '../../helpers/pipeline';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { featuresChangedCodec } from '../../../services/common/events/event-codecs';
import type { CreditScoreClient, Score } from '../../../services/client';
import type { KeyBuilder } from '../../../services/common/redis/keys';
import { decisionCodec } from '../../../services/scorer/scorer-events';
import type { RunningScorer } from '../../../services/scorer/service';
import {
  API_KEY,
  clientPool,
  codeOf,
  newScorerSetup,
  startScorerInProcess,
  tinyRegistry,
} from './scorer-fixture';
import { healthStatus, reflectedServices } from '../../helpers/grpc-probes';

describe('scorer API end to end (real Kafka + Redis)', function () {
  this.timeout(180_000);
  const k = withKafka();
  const r = withRedis();
  let registry: Awaited<ReturnType<typeof tinyRegistry>>;
  let updater: { stop(): Promise<void> };
  let scorer: RunningScorer;
  let purchases: string;
  let changed: string;
  let decisions: string;
  let scorerGroup: string;
  let keys: KeyBuilder;
  const clients = clientPool();
  const client = (apiKey: string) => clients.client({ address: `127.0.0.1:${scorer.grpcPort}`, apiKey });
  let all: CreditScoreClient;
  let eventCount = 0;
  const order = (userId: string, eventTime = Date.UTC(2026, 9, 1) + eventCount * 60_000) => {
    eventCount++;
    return makeEvent({ userId, eventId: uniqueName('ev'), orderId: uniqueName('o'), eventTime });
  };
  const scoreOf = (userId: string, what: (s: Score) => boolean = () => true) =>
    waitFor(
      async () => {
        const s = await all.getScore(userId).catch(() => undefined);
        return s && what(s) ? s : undefined;
      },
      { what: `a score for ${userId}`, timeoutMs: 60_000 },
    );
  const openStreams = async () => {
    const text = await (await fetch(`http://127.0.0.1:${scorer.adminPort}/metrics`)).text();
    return Number(/^creditscore_watch_streams\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  before(async () => {
    registry = await tinyRegistry();
    const u = await newUpdaterSetup(k, r, 2);
    const s = await newScorerSetup(k, u, registry.dir, 2);
    ({ purchases, featuresChanged: changed } = u);
    ({ decisions, groupId: scorerGroup } = s);
    keys = u.keys;
    updater = await startUpdaterInProcess(u);
    scorer = await startScorerInProcess(s);
    await waitFor(() => scorer.ready(), { what: 'scorer ready', timeoutMs: 60_000 });
    all = client(API_KEY.all);
  });

  after(async () => {
    clients.closeAll();
    await scorer?.stop();
    await updater?.stop();
    registry?.remove();
  });

  it('turns a purchase event into a score seen by GetScore and by WatchScores (one user and all)', async () => {
    const user = uniqueName('shopper');
    const mine = all.watchScores([user])[Symbol.asyncIterator]();
    const everyone = all.watchScores();
    const seenByAll: Score[] = [];
    void (async () => {
      for await (const s of everyone) if (s.userId === user) seenByAll.push(s);
    })();
    await waitFor(async () => (await openStreams()) === 2, { what: 'two watch streams open' });
    const next = mine.next();

    const event = order(user);
    await produceEvents(k.producer, purchases, [event]);
    const score = await scoreOf(user);
    expect(score.modelVersion).to.equal(registry.first);
    expect(score.points).to.be.within(300, 850);
    expect(score.probabilityOfDefault).to.be.within(0, 1);
    expect(score.asOfMs).to.equal(event.eventTime);
    expect(score.reasons.length).to.be.at.most(4);
    for (const reason of score.reasons) expect(reason.text).to.not.equal('');

    const watched = (await next).value as Score;
    expect(watched).to.deep.equal(score);
    await waitFor(() => seenByAll.length > 0, { what: 'the unfiltered stream to see the score' });
    expect(seenByAll[0]).to.deep.equal(score);
    await mine.return?.();
    everyone.cancel();
    await waitFor(async () => (await openStreams()) === 0, { what: 'watch streams closed' });
  });

  it('re-scores on every change, and a replayed notice changes nothing', async () => {
    const user = uniqueName('shopper');
    await produceEvents(k.producer, purchases, [order(user)]);
    const first = await scoreOf(user);
    await produceEvents(k.producer, purchases, [order(user)]);
    const second = await scoreOf(user, (s) => s.featureVersion > first.featureVersion);
    expect(second.asOfMs).to.be.greaterThan(first.asOfMs);

    const stored = await r.redis.hgetBuffer(keys.scoreBucket(user), user);
    // The very notice the updater sent for the first event, delivered again (at-least-once).
    await k.producer.send({
      topic: changed,
      messages: [
        {
          key: user,
          value: featuresChangedCodec().encode({
            userId: user,
            featureVersion: first.featureVersion,
            lastEventTime: first.asOfMs,
            updatedAt: first.updatedAtMs,
            sourcePartition: 0,
            sourceOffset: first.featureVersion,
          }),
        },
      ],
    });
    await waitFor(async () => (await groupLag(k.admin, scorerGroup, changed)) === 0, {
      what: 'the scorer to catch up',
    });
    expect(await r.redis.hgetBuffer(keys.scoreBucket(user), user)).to.deep.equal(stored);
    expect(await all.getScore(user)).to.deep.equal(second);
  });

  it('answers each kind of bad call with its own status code', async () => {
    const user = uniqueName('shopper');
    await produceEvents(k.producer, purchases, [order(user)]);
    await scoreOf(user);
    const decide = {
      userId: user,
      orderId: uniqueName('o'),
      amountMinor: 100,
      currency: 'CNY',
      merchantId: 'm',
      instalments: 1,
    };
    const matrix: [string, Promise<unknown>, status][] = [
      ['no key', client('').getScore(user), status.UNAUTHENTICATED],
      ['unknown key', client('not-a-real-key-123').getScore(user), status.UNAUTHENTICATED],
      ['read key, Decide', client(API_KEY.read).decide(decide), status.PERMISSION_DENIED],
      ['decide key, GetScore', client(API_KEY.decide).getScore(user), status.PERMISSION_DENIED],
      ['watch key, BatchGetScores', client(API_KEY.watch).batchGetScores([user]), status.PERMISSION_DENIED],
      ['read key, GetScore', client(API_KEY.read).getScore(user), status.OK],
      ['empty user id', all.getScore(''), status.INVALID_ARGUMENT],
      ['user id with spaces', all.getScore('a b'), status.INVALID_ARGUMENT],
      // The events' limit too (bad_user_id): an id refused here never gets features.
      ['129-character user id', all.getScore('u'.repeat(129)), status.INVALID_ARGUMENT],
      ['128-character user id', all.getScore('u'.repeat(128)), status.NOT_FOUND],
      ['unknown user', all.getScore(uniqueName('nobody')), status.NOT_FOUND],
      [
        '1,001 ids',
        all.batchGetScores(Array.from({ length: 1001 }, (_, i) => `u${i}`)),
        status.INVALID_ARGUMENT,
      ],
      ['1,000 ids', all.batchGetScores(Array.from({ length: 1000 }, (_, i) => `u${i}`)), status.OK],
      ['zero amount', all.decide({ ...decide, amountMinor: 0 }), status.INVALID_ARGUMENT],
      ['negative amount', all.decide({ ...decide, amountMinor: -5 }), status.INVALID_ARGUMENT],
      ['unknown currency', all.decide({ ...decide, currency: 'XXX' }), status.INVALID_ARGUMENT],
      ['lower-case currency', all.decide({ ...decide, currency: 'cny' }), status.INVALID_ARGUMENT],
      ['no instalments', all.decide({ ...decide, instalments: 0 }), status.INVALID_ARGUMENT],
      ['no order id', all.decide({ ...decide, orderId: '' }), status.INVALID_ARGUMENT],
    ];
    const codes = await Promise.all(matrix.map(([, p]) => codeOf(p)));
    expect(matrix.map(([name], i) => `${name}: ${status[codes[i]!]}`)).to.deep.equal(
      matrix.map(([name, , want]) => `${name}: ${status[want]}`),
    );

    const watchDenied = client(API_KEY.read).watchScores();
    expect(
      await codeOf(
        (async () => {
          for await (const _ of watchDenied) void _;
        })(),
      ),
    ).to.equal(status.PERMISSION_DENIED);

    const slow = client(API_KEY.slow); // 1 call/s, burst 2
    const burst = await Promise.all([1, 2, 3, 4].map(() => codeOf(slow.getScore(user))));
    expect(burst.filter((c) => c === status.RESOURCE_EXHAUSTED)).to.have.length.greaterThan(0);
  });

  it('lists unknown users apart in BatchGetScores', async () => {
    const known = uniqueName('shopper');
    await produceEvents(k.producer, purchases, [order(known)]);
    await scoreOf(known);
    const unknown = uniqueName('nobody');
    const res = await all.batchGetScores([unknown, known, known]);
    expect(res.scores.map((s) => s.userId)).to.deep.equal([known]);
    expect(res.notFoundUserIds).to.deep.equal([unknown]);
  });

  it('decides once per order, gives a thin file its policy, and audits every decision', async () => {
    const newcomer = uniqueName('newcomer');
    const ask = {
      userId: newcomer,
      orderId: uniqueName('o'),
      amountMinor: 10_000,
      currency: 'CNY',
      merchantId: 'm-1',
      instalments: 3,
    };
    const first = await all.decide(ask);
    expect(first).to.deep.include({
      outcome: 'OUTCOME_APPROVE',
      thinFile: true,
      approvedAmountMinor: 10_000,
      score: null,
    });
    expect(first.reasons.map((x) => x.code)).to.include('THIN_FILE');
    expect(await all.decide(ask)).to.deep.equal(first); // same order, same decision
    const raced = await Promise.all(
      [1, 2, 3].map(() => client(API_KEY.decide).decide({ ...ask, orderId: `${ask.orderId}-r` })),
    );
    expect(new Set(raced.map((d) => d.decisionId)).size).to.equal(1);
    expect(await codeOf(all.decide({ ...ask, amountMinor: 20_000 }))).to.equal(status.ALREADY_EXISTS);
    const big = await all.decide({ ...ask, orderId: uniqueName('o'), amountMinor: 5_000_000 });
    expect(big).to.deep.include({ outcome: 'OUTCOME_REFER', thinFile: true, approvedAmountMinor: 0 });

    const known = uniqueName('shopper');
    await produceEvents(k.producer, purchases, [order(known)]);
    const score = await scoreOf(known);
    const scored = await all.decide({ ...ask, userId: known, orderId: uniqueName('o') });
    expect(scored.thinFile).to.equal(false);
    expect(scored.score).to.deep.equal(score);
    expect(scored.outcome).to.be.oneOf(['OUTCOME_APPROVE', 'OUTCOME_DECLINE', 'OUTCOME_REFER']);

    // Four orders decided (the matrix above decided none: every Decide there was refused).
    const audit = (await k.readAll(decisions, 4)).map((m) => decisionCodec().decode(m.value!));
    expect(audit).to.have.length(4);
    expect(new Set(audit.map((d) => d.decisionId))).to.deep.equal(
      new Set([first.decisionId, raced[0]!.decisionId, big.decisionId, scored.decisionId]),
    );
    const firstAudit = audit.find((d) => d.decisionId === first.decisionId)!;
    expect(firstAudit).to.deep.include({
      outcome: 'APPROVE',
      thinFile: true,
      apiKeyId: 'all',
      amountMinor: 10_000,
    });
  });

  it('swaps to a newly promoted model while events flow, without failing a call', async () => {
    const users = Array.from({ length: 5 }, () => uniqueName('shopper'));
    await produceEvents(
      k.producer,
      purchases,
      users.map((u) => order(u)),
    );
    for (const u of users) await scoreOf(u);

    let calls = 0;
    const failures: string[] = [];
    let flowing = true;
    const reader = (async () => {
      while (flowing && failures.length < 10) {
        calls++;
        await all
          .getScore(users[calls % users.length]!)
          .catch((err: ServiceError) => failures.push(status[err.code]));
      }
    })();
    const producer = (async () => {
      while (flowing) {
        await produceEvents(
          k.producer,
          purchases,
          users.map((u) => order(u)),
        );
        await new Promise((res) => setTimeout(res, 20));
      }
    })();
    try {
      await registry.promote(registry.second, '2026-02-01T00:00:00.000Z');
      await waitFor(() => scorer.models.current.model.version === registry.second, {
        what: 'the model swap',
      });
      // Later than every event of the loop (October 2026), and not in the future (dead-lettered).
      const after = Math.floor(Date.now() / 1000 - 60) * 1000; // the state keeps whole seconds
      await produceEvents(
        k.producer,
        purchases,
        users.map((u) => order(u, after)),
      );
      for (const u of users) {
        const s = await scoreOf(u, (x) => x.asOfMs >= after);
        expect(s.modelVersion).to.equal(registry.second);
      }
    } finally {
      flowing = false;
      await Promise.all([reader, producer]);
    }
    expect(calls).to.be.greaterThan(0);
    expect(failures).to.deep.equal([]);
  });

  it('serves grpc.health.v1 and server reflection without a key', async () => {
    const address = `127.0.0.1:${scorer.grpcPort}`;
    expect(await healthStatus(address)).to.equal('SERVING');
    expect(await healthStatus(address, 'creditscore.v1.CreditScoreService')).to.equal('SERVING');
    expect(await reflectedServices(address)).to.include.members([
      'creditscore.v1.CreditScoreService',
      'grpc.health.v1.Health',
    ]);
  });
});
