// The feature-updater against the real broker and Redis: a clean pass equals the offline replay,
// and replays and duplicate sends change nothing.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { randomEvents } from '../../helpers/events';
import { offlineReplay, produceEvents } from '../../helpers/pipeline';
import {
  differingUsers,
  newUpdaterSetup,
  readStates,
  startUpdaterInProcess,
  type UpdaterTestSetup,
} from '../../helpers/updater';
import { extract, latestEventTimeMs } from '../../../services/common/features';
import { ProfileStore } from '../../../services/common/redis/profile-store';
import { featuresChangedCodec } from '../../../services/common/events/event-codecs';

describe('feature-updater: exactly-once effect (real Kafka + Redis)', () => {
  const k = withKafka();
  const r = withRedis();

  async function drain(s: UpdaterTestSetup) {
    await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
      what: `group ${s.groupId} to reach the end of ${s.purchases}`,
      timeoutMs: 90_000,
    });
  }

  it('a clean pass stores exactly the offline replay of every user, bit for bit', async () => {
    const s = await newUpdaterSetup(k, r);
    const events = randomEvents({ seed: 1, users: 40, count: 3000, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events);
    const updater = await startUpdaterInProcess(s);
    try {
      await drain(s);
    } finally {
      await updater.stop();
    }
    const expected = offlineReplay(events);
    const stored = await readStates(r.redis, s.keys, expected.keys());
    expect(stored.size).to.equal(expected.size);
    expect(differingUsers(expected, stored)).to.deep.equal([]);
    // The served vector, extracted as of each user's last event, equals the offline one.
    for (const [user, state] of expected) {
      const asOf = latestEventTimeMs(state)!;
      expect(Array.from(extract(stored.get(user)!, asOf))).to.deep.equal(Array.from(extract(state, asOf)));
    }
  });

  it('replaying the same offsets from scratch (new group, offsets reset) changes nothing', async () => {
    const s = await newUpdaterSetup(k, r);
    const events = randomEvents({ seed: 2, users: 30, count: 1500, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events);
    const first = await startUpdaterInProcess(s);
    await drain(s);
    await first.stop();
    const before = await readStates(r.redis, s.keys, offlineReplay(events).keys());

    // A second group with no commits and no checkpoint reads everything again.
    const again = { ...s, groupId: uniqueName('updater-replay') };
    const second = await startUpdaterInProcess(again);
    await drain(again);
    await second.stop();
    const after = await readStates(r.redis, s.keys, before.keys());
    expect(differingUsers(before, after)).to.deep.equal([]);
    expect(differingUsers(offlineReplay(events), after)).to.deep.equal([]);
  });

  it('the same event id sent twice is counted once', async () => {
    const s = await newUpdaterSetup(k, r, 1);
    const events = randomEvents({ seed: 3, users: 5, count: 200, userPrefix: uniqueName('u') });
    // Re-send every fifth event right after itself, as a retrying producer would.
    const withDuplicates = events.flatMap((e, i) => (i % 5 === 0 ? [e, { ...e }] : [e]));
    await produceEvents(k.producer, s.purchases, withDuplicates);
    const updater = await startUpdaterInProcess(s);
    await drain(s);
    await updater.stop();
    const stored = await readStates(r.redis, s.keys, offlineReplay(events).keys());
    expect(differingUsers(offlineReplay(events), stored)).to.deep.equal([]);
  });

  it('announces every changed user on features.changed with the offset its state reflects', async () => {
    const s = await newUpdaterSetup(k, r, 2);
    const events = randomEvents({ seed: 4, users: 12, count: 300, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events);
    const updater = await startUpdaterInProcess(s);
    await drain(s);
    await updater.stop();
    const users = [...offlineReplay(events).keys()];
    const codec = featuresChangedCodec();
    const notices = await k.readAll(s.featuresChanged, users.length);
    const latest = new Map<string, number>();
    for (const m of notices) {
      const n = codec.decode(m.value!);
      expect(m.key!.toString()).to.equal(n.userId);
      latest.set(n.userId, Math.max(latest.get(n.userId) ?? -1, n.featureVersion));
    }
    expect([...latest.keys()].sort()).to.deep.equal(users.sort());
    const records = await new ProfileStore(r.redis, s.keys).read(users);
    for (const u of users) expect(latest.get(u), u).to.equal(records.get(u)!.position.offset);
  });
});
