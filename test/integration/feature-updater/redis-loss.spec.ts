// Redis losing its last writes, the way a machine crash does with fsync every second: the private
// Redis is killed and its append-only log cut back to an earlier mark. Regression tests for three
// ways the fault suite (test/faults) found lost writes to stay lost.
import { expect } from 'chai';
import type { RedisClient } from '../../../services/common/redis/client';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { randomEvents } from '../../helpers/events';
import { offlineReplay, produceEvents } from '../../helpers/pipeline';
import {
  startPrivateRedis,
  stopService,
  type PrivateRedis,
  type ServiceProcess,
} from '../../helpers/processes';
import {
  differingUsers,
  newUpdaterSetup,
  readStates,
  startUpdaterProcess,
  type UpdaterTestSetup,
} from '../../helpers/updater';
import { createRedis } from '../../../services/common/redis/client';
import type { KeyBuilder } from '../../../services/common/redis/keys';
import { CreditScoreClient } from '../../../services/client';
import type { RunningScorer } from '../../../services/scorer/service';
import { API_KEY, newScorerSetup, startScorerInProcess, tinyRegistry } from '../scorer/scorer-fixture';

describe('feature-updater and scorer when Redis loses its last writes', function () {
  this.timeout(240_000);
  const k = withKafka();
  const r = withRedis();
  let redis: PrivateRedis;
  let client: RedisClient;
  const running: ServiceProcess[] = [];

  beforeEach(async () => {
    redis = await startPrivateRedis();
    client = createRedis(redis.url);
    client.on('error', () => undefined);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => stopService(p, 'SIGKILL')));
    client.disconnect();
    await redis.destroy();
  });

  function start(s: UpdaterTestSetup, env: Record<string, string> = {}): ServiceProcess {
    const p = startUpdaterProcess(s, { UPDATER_SESSION_TIMEOUT_MS: '6000', ...env });
    running.push(p);
    return p;
  }

  async function drain(s: UpdaterTestSetup) {
    await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
      what: `group ${s.groupId} to reach the end of ${s.purchases}`,
      timeoutMs: 120_000,
    });
  }

  async function expectReplayed(
    s: UpdaterTestSetup & { keys: KeyBuilder },
    events: ReturnType<typeof randomEvents>,
  ) {
    const expected = offlineReplay(events);
    await waitFor(
      async () => differingUsers(expected, await readStates(client, s.keys, expected.keys())).length === 0,
      { what: 'every profile to equal the offline replay', timeoutMs: 120_000, intervalMs: 250 },
    ).catch(async (err: Error) => {
      const diff = differingUsers(expected, await readStates(client, s.keys, expected.keys()));
      throw new Error(`${err.message}: ${diff.length} users differ (${diff.slice(0, 5).join(', ')})`);
    });
  }

  it('writes a batch again when Redis lost its writes before its checkpoint advanced', async () => {
    const s = await newUpdaterSetup(k, r, 1, redis.url);
    const events = randomEvents({ seed: 31, users: 20, count: 300, userPrefix: uniqueName('u') });
    // The first batch stalls after its Redis write (for less than its session); meanwhile Redis
    // restarts without that write, and nothing the batch does afterwards fails.
    start(s, { FAULT_STALL_AFTER_FIRST_WRITE_MS: '4000' });
    await waitFor(async () => (await client.dbsize()) > 0, { what: 'the updater to set up its keys' });
    const mark = redis.aofMark();
    await produceEvents(k.producer, s.purchases, events);
    await waitFor(async () => (await client.keys(`${s.keyPrefix}:p:*`)).length > 0, {
      what: 'the first batch written',
    });
    expect(await redis.crash(mark)).to.be.greaterThan(0);
    await redis.start();
    await drain(s);
    await expectReplayed(s, events);
  });

  it('replays writes Redis lost on partitions that receive nothing new', async () => {
    const s = await newUpdaterSetup(k, r, 3, redis.url);
    const events = randomEvents({ seed: 32, users: 40, count: 3000, userPrefix: uniqueName('u') });
    start(s);
    await produceEvents(k.producer, s.purchases, events.slice(0, 1500));
    await drain(s);
    const mark = redis.aofMark();
    await produceEvents(k.producer, s.purchases, events.slice(1500));
    await drain(s);
    // Kafka has the commits, Redis loses the writes behind them, and no event follows.
    expect(await redis.crash(mark)).to.be.greaterThan(0);
    await redis.start();
    await expectReplayed(s, events);
  });

  it('does not build a batch on a Redis that came back empty while the batch was retried', async () => {
    const s = await newUpdaterSetup(k, r, 2, redis.url);
    const events = randomEvents({ seed: 33, users: 40, count: 3000, userPrefix: uniqueName('u') });
    let retries = 0;
    running.push(
      startUpdaterProcess(s, { UPDATER_SESSION_TIMEOUT_MS: '6000' }, (line) => {
        if (line.includes('batch failed; retrying')) retries++;
      }),
    );
    await produceEvents(k.producer, s.purchases, events.slice(0, 2000));
    await drain(s);
    await redis.crash();
    await produceEvents(k.producer, s.purchases, events.slice(2000));
    await waitFor(() => retries >= 2, { what: 'a batch retried while Redis is down' });
    redis.wipe();
    await redis.start();
    await drain(s);
    await expectReplayed(s, events);
  });

  describe('scorer', () => {
    let registry: Awaited<ReturnType<typeof tinyRegistry>>;
    let scorer: RunningScorer | undefined;
    before(async () => (registry = await tinyRegistry()));
    after(() => registry.remove());
    afterEach(async () => {
      await scorer?.stop();
      scorer = undefined;
    });

    it('scores again what Redis lost although no feature changes', async () => {
      const s = await newUpdaterSetup(k, r, 2, redis.url);
      const events = randomEvents({ seed: 34, users: 30, count: 1500, userPrefix: uniqueName('u') });
      start(s);
      await produceEvents(k.producer, s.purchases, events);
      await drain(s);
      const mark = redis.aofMark(); // features are in; every score comes after this
      scorer = await startScorerInProcess(await newScorerSetup(k, s, registry.dir));
      const users = [...offlineReplay(events).keys()];
      const api = new CreditScoreClient({ address: `127.0.0.1:${scorer.grpcPort}`, apiKey: API_KEY.all });
      try {
        const allScored = async () => (await api.batchGetScores(users)).notFoundUserIds.length === 0;
        await waitFor(allScored, { what: 'every user scored', timeoutMs: 120_000 });
        expect(await redis.crash(mark)).to.be.greaterThan(0);
        await redis.start();
        await waitFor(allScored, {
          what: 'every lost score written again',
          timeoutMs: 120_000,
          intervalMs: 250,
        });
      } finally {
        api.close();
      }
    });
  });
});
