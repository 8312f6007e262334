// The feature-updater as a real process that is killed, stalled, rebalanced and has its Redis
// crash under it: none of it may change any feature from a clean single pass over the events.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { prng, randomEvents } from '../../helpers/events';
import { offlineReplay, produceEvents } from '../../helpers/pipeline';
import { startPrivateRedis, stopService, type ServiceProcess } from '../../helpers/processes';
import {
  differingUsers,
  newUpdaterSetup,
  readStates,
  startUpdaterProcess,
  type UpdaterTestSetup,
} from '../../helpers/updater';
import { createRedis, type RedisClient } from '../../../services/common/redis/client';
import type { KeyBuilder } from '../../../services/common/redis/keys';

describe('feature-updater under crashes, rebalances and Redis restarts', function () {
  this.timeout(240_000);
  const k = withKafka();
  const r = withRedis();
  const running: ServiceProcess[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => stopService(p, 'SIGKILL')));
  });

  function start(s: UpdaterTestSetup, env: Record<string, string> = {}): ServiceProcess {
    // A killed member holds its partitions until its session expires: keep that short.
    const p = startUpdaterProcess(s, { UPDATER_SESSION_TIMEOUT_MS: '6000', ...env });
    running.push(p);
    return p;
  }

  async function drain(s: UpdaterTestSetup, timeoutMs = 120_000) {
    await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
      what: `group ${s.groupId} to reach the end of ${s.purchases}`,
      timeoutMs,
    });
  }

  it('a crash between the Redis write and the offset commit replays to the same features', async () => {
    const s = await newUpdaterSetup(k, r);
    const events = randomEvents({ seed: 11, users: 50, count: 4000, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events);
    const crashing = start(s, { FAULT_KILL_AFTER_WRITES: '2' });
    expect(await crashing.exited).to.equal('SIGKILL');
    // The writes of the killed batch are in Redis, its offsets are not committed: replay them.
    expect(await groupLag(k.admin, s.groupId, s.purchases)).to.be.greaterThan(0);
    start(s);
    await drain(s);
    const expected = offlineReplay(events);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
  });

  /** Events the group has durably applied: the sum of its Redis checkpoints. */
  async function progress(
    redis: RedisClient,
    s: UpdaterTestSetup & { keys: KeyBuilder },
    partitions: number,
  ) {
    const keys = Array.from({ length: partitions }, (_, p) => s.keys.checkpoint(s.groupId, s.purchases, p));
    return (await redis.mget(...keys)).reduce((sum, v) => sum + Number(v ?? 0), 0);
  }

  it('kill -9 at random moments while events flow, restarting each time', async () => {
    const s = await newUpdaterSetup(k, r);
    const events = randomEvents({ seed: 12, users: 80, count: 12_000, userPrefix: uniqueName('u') });
    const rnd = prng(12);
    const rounds = 6;
    const per = Math.ceil(events.length / rounds);
    for (let c = 0; c < rounds; c++) {
      const p = start(s);
      // Half a round's events flow in; the process is killed once it has applied a random share
      // of them; the other half arrive while it is down.
      const half = c * per + Math.floor(per / 2);
      await produceEvents(k.producer, s.purchases, events.slice(c * per, half), 100);
      const target = c * per + Math.floor(rnd() * (half - c * per));
      await waitFor(async () => (await progress(r.redis, s, 3)) >= target, { what: `progress ${target}` });
      await stopService(p, 'SIGKILL');
      await produceEvents(k.producer, s.purchases, events.slice(half, (c + 1) * per), 100);
    }
    start(s);
    await drain(s);
    const expected = offlineReplay(events);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
  });

  it('a zombie that stalls past its session and writes late cannot move a profile backwards', async () => {
    const s = await newUpdaterSetup(k, r, 2);
    const events = randomEvents({ seed: 13, users: 30, count: 3000, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events);
    // A stalls in its first batch longer than its session; the group gives its partitions to B.
    const zombie = start(s, { FAULT_STALL_FIRST_WRITE_MS: '12000' });
    await waitFor(async () => (await k.admin.describeGroups([s.groupId])).groups[0]?.members.length === 1, {
      what: 'the zombie to join the group',
    });
    start(s);
    await drain(s);
    // The zombie wakes up, writes its stale batch (rejected or harmless), fails to commit, rejoins.
    await waitFor(async () => (await k.admin.describeGroups([s.groupId])).groups[0]?.members.length === 2, {
      what: 'the zombie to rejoin after its stall',
      timeoutMs: 60_000,
    });
    expect(zombie.child.exitCode, 'the zombie survives its stall').to.equal(null);
    await drain(s);
    const expected = offlineReplay(events);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
  });

  it('two instances in one group with members joining and leaving give the single-pass result', async () => {
    const s = await newUpdaterSetup(k, r, 4);
    const events = randomEvents({ seed: 14, users: 60, count: 6000, userPrefix: uniqueName('u') });
    const a = start(s);
    start(s);
    await produceEvents(k.producer, s.purchases, events.slice(0, 2000), 200);
    const extra = start(s); // forces a rebalance mid-stream
    await produceEvents(k.producer, s.purchases, events.slice(2000, 4000), 200);
    await stopService(a, 'SIGTERM'); // a graceful leave: another rebalance
    await stopService(extra, 'SIGKILL');
    await produceEvents(k.producer, s.purchases, events.slice(4000), 200);
    await drain(s);
    const expected = offlineReplay(events);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
  });

  it('Redis killed mid-stream (append-only, loses up to its last second) and restarted: same features', async () => {
    const redis = await startPrivateRedis();
    try {
      const s = await newUpdaterSetup(k, r, 3, redis.url);
      const events = randomEvents({ seed: 15, users: 60, count: 6000, userPrefix: uniqueName('u') });
      start(s);
      await produceEvents(k.producer, s.purchases, events.slice(0, 3000), 200);
      const client = createRedis(redis.url);
      try {
        await waitFor(async () => (await progress(client, s, 3)) > 1000, {
          what: 'progress before the crash',
        });
      } finally {
        client.disconnect();
      }
      await redis.crash();
      await produceEvents(k.producer, s.purchases, events.slice(3000), 200);
      await redis.start();
      await drain(s);
      const after = createRedis(redis.url);
      try {
        const expected = offlineReplay(events);
        expect(differingUsers(expected, await readStates(after, s.keys, expected.keys()))).to.deep.equal([]);
      } finally {
        after.disconnect();
      }
    } finally {
      await redis.destroy();
    }
  });

  it('Redis that comes back without its last writes is caught up by replay from its checkpoints', async () => {
    const redis = await startPrivateRedis();
    const client = createRedis(redis.url);
    client.on('error', () => undefined);
    try {
      const s = await newUpdaterSetup(k, r, 3, redis.url);
      const events = randomEvents({ seed: 16, users: 60, count: 9000, userPrefix: uniqueName('u') });
      start(s);
      await produceEvents(k.producer, s.purchases, events.slice(0, 3000), 200);
      await waitFor(async () => (await progress(client, s, 3)) >= 3000, { what: 'first third applied' });
      // Snapshot every key now: this is what Redis will "still have" after losing later writes.
      const keys = await client.keys(`${s.keyPrefix}:*`);
      const snapshot = await Promise.all(
        keys.map(async (key) => [key, await client.dumpBuffer(key)] as const),
      );
      await produceEvents(k.producer, s.purchases, events.slice(3000, 6000), 200);
      await waitFor(async () => (await progress(client, s, 3)) >= 6000, { what: 'second third applied' });

      await redis.crash();
      redis.wipe();
      await redis.start();
      await waitFor(() => client.status === 'ready', { what: 'client reconnected' });
      for (const [key, dump] of snapshot) await client.restore(key, 0, dump!, 'REPLACE');
      expect(await progress(client, s, 3)).to.equal(3000);

      await produceEvents(k.producer, s.purchases, events.slice(6000), 200);
      await waitFor(async () => (await progress(client, s, 3)) >= 9000, { what: 'everything applied again' });
      await drain(s);
      const expected = offlineReplay(events);
      expect(differingUsers(expected, await readStates(client, s.keys, expected.keys()))).to.deep.equal([]);
    } finally {
      client.disconnect();
      await redis.destroy();
    }
  });
});
