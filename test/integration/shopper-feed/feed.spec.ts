// The simulated feed produces valid, keyed purchase events that the updater accepts.
import { expect } from 'chai';
import { withKafka } from '../../helpers/kafka';
import { startFeed } from '../../../services/shopper-feed/feed';
import { readFeedConfig } from '../../../services/shopper-feed/config';
import { decodePurchaseEvent } from '../../../services/common/events/decode-purchase-event';

describe('shopper feed (real Kafka)', () => {
  const k = withKafka();

  it('sends FEED_MAX_EVENTS valid events keyed by user id, then stops', async () => {
    const topic = await k.topic('feed', 3);
    const config = readFeedConfig({
      TOPIC_PURCHASES: topic,
      FEED_RATE: '2000',
      FEED_SHOPPERS: '200',
      FEED_MAX_EVENTS: '500',
    });
    const feed = startFeed(k.producer, config);
    expect(await feed.done).to.equal(500);
    const messages = await k.readAll(topic, 500);
    expect(messages).to.have.length(500);
    const users = new Set<string>();
    for (const m of messages) {
      const d = decodePurchaseEvent(m.value, m.key, Number(m.timestamp));
      expect(d.ok, d.ok ? '' : d.error).to.equal(true);
      if (d.ok) users.add(d.event.userId);
    }
    expect(users.size).to.be.greaterThan(10);
  });
});
