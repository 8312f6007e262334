// A burst of bad messages, thousands in one record batch: their dead letters (each the original
// plus reason headers) are more than a broker takes in one record batch, yet all must be written
// and the partition must go on. Regression test: they were sent in one request, refused as too
// large, and retried forever.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { waitFor } from '../../helpers/wait';
import { prng } from '../../helpers/events';
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
});
