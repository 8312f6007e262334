// The harness itself: an Avro single-object record through the real broker, a value through the
// real Redis.
import { expect } from 'chai';
import { withKafka } from '../helpers/kafka';
import { withRedis } from '../helpers/redis';
import { makeEvent } from '../helpers/events';
import { encodeEvent } from '../helpers/pipeline';
import { purchaseEventCodec } from '../../services/common/events/event-codecs';

describe('smoke: real Kafka and Redis', () => {
  const k = withKafka();
  const r = withRedis();

  it('produces and consumes an Avro-encoded purchase event', async () => {
    const topic = await k.topic('smoke');
    const event = makeEvent({ eventId: 'smoke-1', userId: 'smoke-user', amountMinor: 239_900 });
    await k.producer.send({ topic, messages: [{ key: event.userId, value: encodeEvent(event) }] });
    const [message] = await k.readAll(topic, 1);
    expect(message!.value!.subarray(0, 2)).to.deep.equal(Buffer.from([0xc3, 0x01]));
    expect(purchaseEventCodec().decode(message!.value!)).to.deep.include(event);
  });

  it('round-trips a value through Redis', async () => {
    const key = `${r.prefix}:smoke`;
    await r.redis.set(key, 'hello', 'EX', 60);
    expect(await r.redis.get(key)).to.equal('hello');
  });
});
