// The simulated shopper feed as a process (used by `npm start`): FEED_RATE events/s into the
// purchases topic until stopped (SIGTERM/SIGINT) or FEED_MAX_EVENTS are sent.
import { readFeedConfig } from './config';
import { startFeed } from './feed';
import { createKafka, createProducer } from '../common/kafka/client';
import { ensureTopics } from '../common/kafka/topics';
import { logger } from '../common/logger';
import { ConfigError } from '../common/errors';

const log = logger('shopper-feed');

async function main(): Promise<void> {
  const config = readFeedConfig();
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-feed`);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic: config.TOPIC_PURCHASES, partitions: config.PURCHASES_PARTITIONS }]);
  await admin.disconnect();
  const producer = createProducer(kafka);
  await producer.connect();
  const feed = startFeed(producer, config);
  log.info(
    { rate: config.FEED_RATE, shoppers: config.FEED_SHOPPERS, topic: config.TOPIC_PURCHASES },
    'feed started',
  );
  const report = setInterval(() => log.info({ sent: feed.sent() }, 'feed progress'), 10_000);
  report.unref();
  const stop = () => void feed.stop();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const sent = await feed.done;
  await producer.disconnect();
  log.info({ sent }, 'feed stopped');
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else log.fatal({ err }, 'shopper feed failed');
  process.exit(1);
});
