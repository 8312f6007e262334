// Services start side by side and each ensures the topics it uses: whichever creates a topic,
// every caller must get it back only once all partitions have leaders, or its first produce or
// group join fails with "This server does not host this topic-partition".
import { expect } from 'chai';
import { ensureTopics } from '../../../services/common/kafka/topics';
import { testKafka, withKafka } from '../../helpers/kafka';
import { uniqueName } from '../../helpers/names';

describe('ensureTopics (real broker)', function () {
  const k = withKafka();
  const made: string[] = [];
  after(async () => {
    await k.admin.deleteTopics({ topics: made }).catch(() => undefined);
  });

  it('returns to every concurrent caller only when each partition accepts writes', async function () {
    const topic = uniqueName('ensure');
    made.push(topic);
    const spec = [{ topic, partitions: 6 }];
    const admins = [testKafka().admin(), testKafka().admin()];
    await Promise.all(admins.map((a) => a.connect()));
    // No retries: a partition without a leader must fail the send, not be waited out by it.
    const producer = testKafka().producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      const created = await Promise.all(
        admins.map(async (a) => {
          const made = await ensureTopics(a, spec);
          const result = await producer.send({
            topic,
            acks: -1,
            messages: Array.from({ length: 6 }, (_, partition) => ({ partition, value: 'x' })),
          });
          return { made, partitions: result.map((r) => r.partition).sort() };
        }),
      );
      // Exactly one caller created it (or both saw it missing and one lost the race).
      expect(created.some((c) => c.made.includes(topic))).to.equal(true);
      for (const c of created) expect(c.partitions).to.deep.equal([0, 1, 2, 3, 4, 5]);
    } finally {
      await producer.disconnect();
      await Promise.all(admins.map((a) => a.disconnect()));
    }
  });
});
