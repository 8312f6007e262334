// The Decide audit appender against a real broker: concurrent appends share produce requests, each
// resolves only once its record is in the topic, and a failed request rejects every append in it.
import { expect } from 'chai';
import { createProducer } from '../../../services/common/kafka/client';
import { DependencyError } from '../../../services/common/errors';
import { AuditLog } from '../../../services/scorer/decide/audit-log';
import { testKafka, withKafka } from '../../helpers/kafka';

describe('audit log micro-batches (real Kafka)', function () {
  this.timeout(120_000);
  const k = withKafka();

  it('appends 300 concurrent records in fewer requests, each acknowledged before it resolves', async () => {
    const topic = await k.topic('audit', 3);
    const producer = createProducer(testKafka());
    await producer.connect();
    let produceRequests = 0;
    const counting = producer.on(producer.events.REQUEST, (e) => {
      if (e.payload.apiName === 'Produce') produceRequests++;
    });
    try {
      const audit = new AuditLog(producer, topic);
      const keys = Array.from({ length: 300 }, (_, i) => `order-${i}`);
      await Promise.all(keys.map((key) => audit.append(key, Buffer.from(`decision of ${key}`))));
      // One more, alone, once the others are done: it is not held back waiting for company.
      await audit.append('order-last', Buffer.from('decision of order-last'));

      expect(produceRequests).to.be.within(2, 10);
      // Resolved means acknowledged: every record is readable already.
      const stored = await k.readAll(topic, keys.length + 1);
      expect(stored.map((m) => m.key!.toString()).sort()).to.deep.equal([...keys, 'order-last'].sort());
      for (const m of stored) expect(m.value!.toString()).to.equal(`decision of ${m.key!.toString()}`);
    } finally {
      counting();
      await producer.disconnect();
    }
  });

  it('rejects every append of a failed request with a retriable DependencyError', async () => {
    const topic = await k.topic('audit');
    const producer = createProducer(testKafka()); // never connected: every send fails
    const audit = new AuditLog(producer, topic);
    const results = await Promise.allSettled([1, 2, 3].map((i) => audit.append(`o-${i}`, Buffer.from('x'))));
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    for (const r of results) {
      const err = (r as PromiseRejectedResult).reason as DependencyError;
      expect(err).to.be.instanceOf(DependencyError);
      expect(err.retriable).to.equal(true);
      expect(err.message).to.include(topic);
    }
  });
});
