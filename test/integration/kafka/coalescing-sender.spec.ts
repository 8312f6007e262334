// The coalescing sender against a real broker: concurrent sends share produce requests, a send
// larger than a request may hold is split in order, each resolves only once its messages are in
// the topic, and a failed request rejects every send in it.
import { expect } from 'chai';
import { createProducer } from '../../../services/common/kafka/client';
import { CoalescingSender, messageBytes } from '../../../services/common/kafka/coalescing-sender';
import { DependencyError } from '../../../services/common/errors';
import { testKafka, withKafka } from '../../helpers/kafka';

describe('coalescing sender (real Kafka)', function () {
  this.timeout(120_000);
  const k = withKafka();

  async function countingProducer() {
    const producer = createProducer(testKafka());
    await producer.connect();
    const counter = { requests: 0 };
    const stop = producer.on(producer.events.REQUEST, (e) => {
      if (e.payload.apiName === 'Produce') counter.requests++;
    });
    return { producer, counter, close: async () => (stop(), await producer.disconnect()) };
  }

  it('sends 300 concurrent sends to two topics in a few requests, each acknowledged before it resolves', async () => {
    const [a, b] = [await k.topic('coalesce-a', 3), await k.topic('coalesce-b', 2)];
    const { producer, counter, close } = await countingProducer();
    try {
      const sender = new CoalescingSender(producer);
      const keys = Array.from({ length: 300 }, (_, i) => `order-${i}`);
      await Promise.all(
        keys.map((key, i) => sender.send(i % 2 ? b : a, [{ key, value: Buffer.from(`value of ${key}`) }])),
      );
      // One more, alone, once the others are done: it is not held back waiting for company.
      await sender.send(a, [{ key: 'order-last', value: Buffer.from('value of order-last') }]);

      expect(counter.requests).to.be.within(2, 10);
      // Resolved means acknowledged: every message is readable already.
      const stored = [...(await k.readAll(a, 151)), ...(await k.readAll(b, 150))];
      expect(stored.map((m) => m.key!.toString()).sort()).to.deep.equal([...keys, 'order-last'].sort());
      for (const m of stored) expect(m.value!.toString()).to.equal(`value of ${m.key!.toString()}`);
    } finally {
      await close();
    }
  });

  it('splits a send larger than a request may hold, keeping its order', async () => {
    const topic = await k.topic('coalesce-big', 1);
    const { producer, counter, close } = await countingProducer();
    try {
      const sender = new CoalescingSender(producer, { maxMessages: 100 });
      const messages = Array.from({ length: 1_050 }, (_, i) => ({
        key: `k${i}`,
        value: Buffer.from(String(i)),
      }));
      await sender.send(topic, messages);
      expect(counter.requests).to.equal(11);
      const stored = await k.readAll(topic, messages.length);
      expect(stored.map((m) => m.value!.toString())).to.deep.equal(messages.map((m) => m.value.toString()));
    } finally {
      await close();
    }
  });

  it('keeps each request under its byte cap (the broker refuses a record batch over message.max.bytes)', async () => {
    const topic = await k.topic('coalesce-bytes', 1);
    const { producer, counter, close } = await countingProducer();
    try {
      const sender = new CoalescingSender(producer, { maxBytes: 10_000 });
      // 100 messages of 1,000-byte values: messageBytes counts each as 1,034 or 1,035 (key "k0".."k99"
      // plus 32 of overhead), so 9 fit under 10,000 bytes and 100 need 12 requests.
      const messages = Array.from({ length: 100 }, (_, i) => ({
        key: `k${i}`,
        value: Buffer.alloc(1_000, i),
      }));
      expect(messageBytes(messages[0]!)).to.equal(1_034);
      await sender.send(topic, messages);
      expect(counter.requests).to.equal(12);
      const stored = await k.readAll(topic, messages.length);
      expect(stored.map((m) => m.key!.toString())).to.deep.equal(messages.map((m) => m.key));
    } finally {
      await close();
    }
  });

  it('rejects every send of a failed request with a retriable DependencyError naming the topic', async () => {
    const topic = await k.topic('coalesce-fail');
    const producer = createProducer(testKafka()); // never connected: every request fails
    const sender = new CoalescingSender(producer);
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) => sender.send(topic, [{ key: `o-${i}`, value: Buffer.from('x') }])),
    );
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    for (const r of results) {
      const err = (r as PromiseRejectedResult).reason as DependencyError;
      expect(err).to.be.instanceOf(DependencyError);
      expect(err.retriable).to.equal(true);
      expect(err.message).to.include(topic);
    }
    // The sender is usable again afterwards.
    await producer.connect();
    try {
      await sender.send(topic, [{ key: 'o-4', value: Buffer.from('y') }]);
      expect((await k.readAll(topic, 1)).map((m) => m.key!.toString())).to.deep.equal(['o-4']);
    } finally {
      await producer.disconnect();
    }
  });
});
