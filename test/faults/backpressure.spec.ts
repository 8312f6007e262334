// Backpressure and recovery: with Redis or the broker unreachable, the updater and the scorer stop
// consuming, report not ready, retry with backoff, and catch up by themselves when it returns;
// memory stays bounded while a backlog far larger than the heap drains.
import { expect } from 'chai';
import type { Admin } from 'kafkajs';
import { createKafka } from '../../services/common/kafka/client';
import { createRedis } from '../../services/common/redis/client';
import { keyBuilder } from '../../services/common/redis/keys';
import { CreditScoreClient } from '../../services/client';
import { groupLag, kafkaContext, withKafka } from '../helpers/kafka';
import { withRedis } from '../helpers/redis';
import { uniqueName } from '../helpers/names';
import { waitFor } from '../helpers/wait';
import { randomEvents } from '../helpers/events';
import { encodeEvent, offlineReplay, produceEvents } from '../helpers/pipeline';
import { readyStatus, rssBytes } from '../helpers/admin';
import { TEST_REDIS_URL } from '../helpers/services';
import {
  freePort,
  startPrivateKafka,
  startPrivateRedis,
  stopService,
  type ServiceProcess,
} from '../helpers/processes';
import {
  differingUsers,
  newUpdaterSetup,
  readStates,
  startUpdaterProcess,
  type UpdaterTestSetup,
} from '../helpers/updater';
import {
  API_KEY,
  newScorerSetup,
  startScorerProcess,
  tinyRegistry,
  type ScorerTestSetup,
} from '../integration/scorer/scorer-fixture';

interface LogLine {
  msg?: string;
  component?: string;
  attempt?: number;
  waitMs?: number;
  retryTime?: number;
}

/** An updater and a scorer as processes, with their admin ports and what they logged. */
async function startPair(u: UpdaterTestSetup, sc: ScorerTestSetup) {
  const [updaterAdmin, scorerAdmin, grpcPort] = [await freePort(), await freePort(), await freePort()];
  const logged: Record<'updater' | 'scorer', LogLine[]> = { updater: [], scorer: [] };
  const keep = (who: 'updater' | 'scorer') => (line: string) => {
    if (line.startsWith('{')) logged[who].push(JSON.parse(line) as LogLine);
  };
  const updater = startUpdaterProcess(
    u,
    { ADMIN_PORT: String(updaterAdmin), UPDATER_SESSION_TIMEOUT_MS: '6000' },
    keep('updater'),
  );
  const scorer = startScorerProcess(
    sc,
    { ADMIN_PORT: String(scorerAdmin), GRPC_PORT: String(grpcPort), SCORER_SESSION_TIMEOUT_MS: '6000' },
    keep('scorer'),
  );
  const both = async (status: number) =>
    (await readyStatus(updaterAdmin)) === status && (await readyStatus(scorerAdmin)) === status;
  return { updater, scorer, logged, both, grpcPort, scorerGroup: sc.groupId };
}

type Pair = Awaited<ReturnType<typeof startPair>>;

/** Sum of a group's committed offsets on a topic. */
async function committed(admin: Admin, group: string, topic: string): Promise<number> {
  const [c] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return c!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

describe('backpressure and recovery', function () {
  this.timeout(900_000);
  const k = withKafka();
  const r = withRedis();
  let registry: Awaited<ReturnType<typeof tinyRegistry>>;
  const running: ServiceProcess[] = [];
  before(async () => (registry = await tinyRegistry()));
  after(() => registry.remove());
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => stopService(p, 'SIGKILL')));
  });

  async function drained(admin: Admin, s: UpdaterTestSetup, pair: Pair) {
    await waitFor(
      async () =>
        (await groupLag(admin, s.groupId, s.purchases)) === 0 &&
        (await groupLag(admin, pair.scorerGroup, s.featuresChanged)) === 0 &&
        (await pair.both(200)),
      {
        what: 'both groups at the end of their topics and both services ready',
        timeoutMs: 180_000,
        intervalMs: 250,
      },
    );
  }

  async function expectCaughtUp(
    redisUrl: string,
    s: UpdaterTestSetup,
    pair: Pair,
    events: ReturnType<typeof randomEvents>,
  ) {
    const redis = createRedis(redisUrl);
    const api = new CreditScoreClient({ address: `127.0.0.1:${pair.grpcPort}`, apiKey: API_KEY.all });
    try {
      const expected = offlineReplay(events);
      const stored = await readStates(redis, keyBuilder(s.keyPrefix), expected.keys());
      expect(differingUsers(expected, stored)).to.deep.equal([]);
      const res = await api.batchGetScores([...expected.keys()]);
      expect(res.notFoundUserIds, 'every shopper scored').to.deep.equal([]);
    } finally {
      api.close();
      redis.disconnect();
    }
  }

  it('Redis down: both stop and report not ready, the updater backs off, both catch up when it returns', async () => {
    const redis = await startPrivateRedis();
    try {
      const s = await newUpdaterSetup(k, r, 3, redis.url);
      const pair = await startPair(s, await newScorerSetup(k, s, registry.dir));
      running.push(pair.updater, pair.scorer);
      const events = randomEvents({ seed: 61, users: 60, count: 6000, userPrefix: uniqueName('u') });
      await produceEvents(k.producer, s.purchases, events.slice(0, 3000));
      await drained(k.admin, s, pair);

      await redis.crash();
      await produceEvents(k.producer, s.purchases, events.slice(3000));
      await waitFor(() => pair.both(503), {
        what: 'both services not ready without Redis',
        timeoutMs: 60_000,
      });
      const retries = () => pair.logged.updater.filter((l) => l.msg === 'batch failed; retrying');
      await waitFor(() => retries().length > 0, { what: 'the updater to retry a batch' });
      const before = await committed(k.admin, s.groupId, s.purchases);
      // Backoff: each attempt of a batch waits longer than the one before.
      await waitFor(() => retries().some((l) => (l.attempt ?? 0) >= 4), {
        what: 'five attempts of one batch',
        timeoutMs: 60_000,
      });
      const waits = new Map(retries().map((l) => [l.attempt!, l.waitMs!]));
      for (let a = 1; a <= 4; a++)
        expect(waits.get(a)!, `wait of attempt ${a}`).to.be.greaterThan(waits.get(a - 1)!);
      // Nothing was committed meanwhile: the events wait in Kafka.
      expect(await committed(k.admin, s.groupId, s.purchases)).to.equal(before);
      expect(await groupLag(k.admin, s.groupId, s.purchases)).to.be.greaterThan(0);
      expect(await pair.both(503)).to.equal(true);

      await redis.start();
      await drained(k.admin, s, pair);
      await expectCaughtUp(redis.url, s, pair, events);
    } finally {
      await redis.destroy();
    }
  });

  it('broker down: both report not ready, reconnect with backoff capped at 5 s, and catch up when it returns', async () => {
    const broker = await startPrivateKafka();
    const pk = kafkaContext(() => createKafka(broker.brokers, 'backpressure-test'));
    try {
      await pk.open();
      const s = { ...(await newUpdaterSetup(pk, r, 3)), brokers: broker.brokers };
      const pair = await startPair(s, await newScorerSetup(pk, s, registry.dir));
      running.push(pair.updater, pair.scorer);
      const events = randomEvents({ seed: 62, users: 60, count: 4000, userPrefix: uniqueName('u') });
      await produceEvents(pk.producer, s.purchases, events.slice(0, 2000));
      await drained(pk.admin, s, pair);

      await broker.crash();
      await waitFor(() => pair.both(503), {
        what: 'both services not ready without the broker',
        timeoutMs: 90_000,
      });
      const reconnects = () =>
        pair.logged.updater.filter((l) => l.component === 'kafkajs' && l.retryTime !== undefined);
      await waitFor(() => reconnects().some((l) => l.retryTime! >= 4_000), {
        what: 'the updater to back off its reconnects to seconds',
        timeoutMs: 90_000,
      });
      const times = reconnects().map((l) => l.retryTime!);
      expect(Math.min(...times)).to.be.below(1_000);
      expect(Math.max(...times)).to.be.at.most(5_000);

      await broker.start();
      await produceEvents(pk.producer, s.purchases, events.slice(2000));
      await drained(pk.admin, s, pair);
      await expectCaughtUp(TEST_REDIS_URL, s, pair, events);
    } finally {
      await pk.close().catch(() => undefined);
      await broker.destroy();
    }
  });

  it('memory stays bounded while a backlog many times its heap builds up and drains', async () => {
    // The updater works on UPDATER_PARTITIONS_CONCURRENTLY partitions at once, each fetch at most
    // 1 MiB of messages: its working set is bounded by that, not by the backlog. Run it with a heap
    // of 32 MiB per partition in flight; the backlog alone, decoded, needs about four times that
    // (measured: 200,000 of these events take ~175 MiB as messages plus decoded events, ~2.7x the heap).
    const concurrently = 2;
    const heapMiB = 32 * concurrently;
    const redis = await startPrivateRedis();
    try {
      const s = await newUpdaterSetup(k, r, 6, redis.url);
      const adminPort = await freePort();
      const updater = startUpdaterProcess(s, {
        ADMIN_PORT: String(adminPort),
        NODE_OPTIONS: `--max-old-space-size=${heapMiB}`,
        UPDATER_PARTITIONS_CONCURRENTLY: String(concurrently),
      });
      running.push(updater);
      const rss = () => rssBytes(updater.child.pid!) ?? 0;
      await waitFor(async () => (await readyStatus(adminPort)) === 200, { what: 'the updater ready' });
      const baseline = rss();
      let maxRss = 0;
      const sampler = setInterval(() => (maxRss = Math.max(maxRss, rss())), 100);
      let backlogBytes = 0;
      let events = 0;
      try {
        // The backlog builds up while Redis is down (the updater holds one batch per partition
        // and fetches no further), then drains when Redis returns.
        await redis.crash();
        // 20 x 10,000 events: about three times the heap once decoded (see above).
        for (let chunk = 0; chunk < 20; chunk++) {
          const batch = randomEvents({
            seed: 100 + chunk,
            users: 10_000,
            count: 10_000,
            userPrefix: uniqueName('m'),
          });
          for (const e of batch) backlogBytes += encodeEvent(e).length + e.userId.length;
          events += batch.length;
          await produceEvents(k.producer, s.purchases, batch, 5_000);
        }
        await redis.start();
        await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
          // Draining with a small heap is slow on a loaded 2-core machine; the bound under test is
          // memory, so give time generously.
          what: `the updater to drain ${events} events`,
          timeoutMs: 720_000,
          intervalMs: 500,
        });
      } finally {
        clearInterval(sampler);
      }
      const mib = (b: number) => Math.round(b / 1048576);
      console.log(
        `      backlog ${events} events (${mib(backlogBytes)} MiB raw); heap limit ${heapMiB} MiB; ` +
          `RSS ${mib(baseline)} MiB ready, at most ${mib(maxRss)} MiB`,
      );
      expect(updater.child.exitCode, updater.output()).to.equal(null);
      expect(mib(maxRss - baseline)).to.be.below(3 * heapMiB);
    } finally {
      await redis.destroy();
    }
  });
});
