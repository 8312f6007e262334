// Dead letters are the original messages plus reason headers, so they are larger than what the
// purchases topic took: a burst of thousands in one record batch, or one message at the broker's
// size limit, must still be dead-lettered and the partition go on. Regression tests: both were
// refused by the broker as too large and retried forever.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { waitFor } from '../../helpers/wait';
import { prng } from '../../helpers/events';
import { uniqueName } from '../../helpers/names';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { DLQ_HEADERS } from '../../../services/common/kafka/dead-letter';

describe('feature-updater: a burst of bad messages (real Kafka + Redis)', function () {
  this.timeout(180_000);
  const k = withKafka();
  const r = withRedis();

  it('dead-letters 8,000 bad messages of one record batch and moves on', async () => {
    const s = await newUpdaterSetup(k, r, 1);
    const rnd = prng(51);
    // ~400 KB in one send (one record batch); their dead letters come to over 2 MB.
    const bad = Array.from({ length: 8_000 }, (_, i) => ({
      key: `burst-${i}`,
      value: Buffer.from(Array.from({ length: 40 }, () => Math.floor(rnd() * 0xc3))),
    }));
    await k.producer.send({ topic: s.purchases, acks: -1, messages: bad });
    const updater = await startUpdaterInProcess(s);
    try {
      await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
        what: 'the burst to be consumed',
        timeoutMs: 120_000,
      });
    } finally {
      await updater.stop();
    }
    const dead = await k.readAll(s.deadLetters, bad.length, 120_000);
    const offsets = new Set(dead.map((m) => m.headers![DLQ_HEADERS.offset]!.toString()));
    expect(offsets.size).to.equal(bad.length);
    expect(new Set(dead.map((m) => m.headers![DLQ_HEADERS.reason]!.toString()))).to.deep.equal(
      new Set(['bad_magic']),
    );
  });

  it('dead-letters a message at the broker size limit whole, into the dead-letter topic it creates', async () => {
    // The updater creates its dead-letter topic itself here, as in a fresh deployment.
    const s = { ...(await newUpdaterSetup(k, r, 1)), deadLetters: uniqueName('dlq-own') };
    const limit = 2 * 1024 * 1024; // message.max.bytes of infra/kafka/server.properties.template
    const value = Buffer.alloc(limit - 200, 7);
    await k.producer.send({ topic: s.purchases, acks: -1, messages: [{ key: 'big', value }] });
    const updater = await startUpdaterInProcess(s);
    try {
      await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
        what: 'the message to be consumed',
        timeoutMs: 60_000,
      });
      const [dead] = await k.readAll(s.deadLetters, 1);
      expect(dead!.headers![DLQ_HEADERS.reason]!.toString()).to.equal('oversized');
      expect(Buffer.compare(dead!.value!, value)).to.equal(0);
    } finally {
      await updater.stop();
      await k.admin.deleteTopics({ topics: [s.deadLetters] }).catch(() => undefined);
    }
  });
});
