// Bad input never stops the updater and is never lost: each bad message lands on the dead-letter
// topic with its original bytes and headers naming the reason and where it came from.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { makeEvent, randomEvents } from '../../helpers/events';
import { encodeEvent, offlineReplay, produceEvents } from '../../helpers/pipeline';
import {
  differingUsers,
  newUpdaterSetup,
  readStates,
  startUpdaterInProcess,
  startUpdaterProcess,
} from '../../helpers/updater';
import { stopService } from '../../helpers/processes';
import { DLQ_HEADERS } from '../../../services/common/kafka/dead-letter';

describe('feature-updater: bad input and shutdown (real Kafka + Redis)', () => {
  const k = withKafka();
  const r = withRedis();

  it('dead-letters every bad message with its reason and bytes; good ones land exactly once', async () => {
    const s = await newUpdaterSetup(k, r, 2);
    const users = uniqueName('u');
    const good = randomEvents({ seed: 21, users: 10, count: 400, userPrefix: users });
    const valid = encodeEvent(good[0]!);
    const late = makeEvent({
      eventId: `${users}-late`,
      userId: good[0]!.userId,
      eventTime: Date.UTC(2026, 7, 1),
    });
    // Over the API's 128 characters: features for it could never be read, so none are kept.
    const longUser = `${users}-`.padEnd(129, 'x');
    const bad: { key: string | null; value: Buffer | null; reason: string }[] = [
      { key: 'x', value: valid.subarray(0, valid.length - 5), reason: 'truncated' },
      { key: 'x', value: Buffer.concat([Buffer.from([0xc3, 0x02]), valid.subarray(2)]), reason: 'bad_magic' },
      {
        key: 'x',
        value: Buffer.concat([valid.subarray(0, 2), Buffer.alloc(8, 7), valid.subarray(10)]),
        reason: 'unknown_fingerprint',
      },
      { key: null, value: valid, reason: 'missing_key' },
      { key: 'someone-else', value: valid, reason: 'key_mismatch' },
      { key: 'x', value: Buffer.alloc(70_000, 1), reason: 'oversized' },
      { key: 'x', value: null, reason: 'missing_value' },
      {
        key: 'neg',
        value: encodeEvent(makeEvent({ userId: 'neg', amountMinor: -5 })),
        reason: 'negative_amount',
      },
      {
        key: 'fut',
        value: encodeEvent(makeEvent({ userId: 'fut', eventTime: Date.now() + 10 * 86_400_000 })),
        reason: 'future_timestamp',
      },
      {
        key: longUser,
        value: encodeEvent(makeEvent({ userId: longUser, eventId: `${users}-long` })),
        reason: 'bad_user_id',
      },
    ];
    // Good events first (so the late one is late), then the bad ones and the late one mixed in.
    await produceEvents(k.producer, s.purchases, good);
    await k.producer.send({
      topic: s.purchases,
      messages: [
        ...bad.map((b) => ({ key: b.key, value: b.value })),
        { key: late.userId, value: encodeEvent(late) },
      ],
    });
    const updater = await startUpdaterInProcess(s);
    try {
      await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, { what: 'drain' });
    } finally {
      await updater.stop();
    }

    const dead = await k.readAll(s.deadLetters, bad.length + 1);
    expect(dead).to.have.length(bad.length + 1, 'good + dead-lettered = sent');
    const reasons = dead.map((m) => m.headers![DLQ_HEADERS.reason]!.toString()).sort();
    expect(reasons).to.deep.equal([...bad.map((b) => b.reason), 'too_late'].sort());
    for (const m of dead) {
      const reason = m.headers![DLQ_HEADERS.reason]!.toString();
      expect(m.headers![DLQ_HEADERS.topic]!.toString()).to.equal(s.purchases);
      expect(Number(m.headers![DLQ_HEADERS.offset]!.toString())).to.be.at.least(0);
      expect(m.headers![DLQ_HEADERS.error]!.toString()).to.not.equal('');
      const original =
        reason === 'too_late' ? encodeEvent(late) : bad.find((b) => b.reason === reason)!.value;
      expect(m.value === null ? null : Buffer.from(m.value), reason).to.deep.equal(original);
    }
    const expected = offlineReplay(good);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
    expect([...(await readStates(r.redis, s.keys, [longUser])).keys()]).to.deep.equal([]);
  });

  it('SIGTERM finishes the batch in flight, commits and exits 0; a restart resumes', async () => {
    const s = await newUpdaterSetup(k, r, 2);
    const events = randomEvents({ seed: 22, users: 20, count: 3000, userPrefix: uniqueName('u') });
    await produceEvents(k.producer, s.purchases, events.slice(0, 1500));
    const p = startUpdaterProcess(s, { UPDATER_SESSION_TIMEOUT_MS: '6000' });
    await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
      what: 'first half applied',
    });
    expect(await stopService(p, 'SIGTERM'), p.output()).to.equal(0);
    await produceEvents(k.producer, s.purchases, events.slice(1500));
    const again = startUpdaterProcess(s, { UPDATER_SESSION_TIMEOUT_MS: '6000' });
    try {
      await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
        what: 'second half applied',
      });
    } finally {
      await stopService(again, 'SIGTERM');
    }
    const expected = offlineReplay(events);
    expect(differingUsers(expected, await readStates(r.redis, s.keys, expected.keys()))).to.deep.equal([]);
  });

  it('a bad setting stops start-up with a message naming it', async () => {
    const s = await newUpdaterSetup(k, r, 1);
    const p = startUpdaterProcess(s, { PURCHASES_PARTITIONS: '0' });
    expect(await p.exited).to.equal(1);
    expect(p.output()).to.match(/invalid configuration PURCHASES_PARTITIONS/);
  });
});
