// A Kafka-only stand-in for one pipeline stage, for the freshness ceiling: consumes RELAY_FROM and
// produces every message unchanged to RELAY_TO, batch by batch, with the product's producer
// (idempotent, acks from all replicas) and RELAY_CONCURRENCY partitions at once, as the updater
// and the scorer do, but with no decoding, no Redis and no scoring. Run as a child process by
// freshness.ts: node dist/bench/freshness/relay.js
import { createKafka, createProducer } from '../../services/common/kafka/client';

async function main() {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is required`);
    return v;
  };
  const kafka = createKafka(env('KAFKA_BROKERS').split(','), 'creditscore-bench-relay');
  const producer = createProducer(kafka);
  await producer.connect();
  const consumer = kafka.consumer({ groupId: env('RELAY_GROUP') });
  await consumer.connect();
  await consumer.subscribe({ topic: env('RELAY_FROM'), fromBeginning: true });
  const to = env('RELAY_TO');
  await consumer.run({
    partitionsConsumedConcurrently: Number(process.env.RELAY_CONCURRENCY ?? 2),
    eachBatch: async ({ batch }) => {
      await producer.send({
        topic: to,
        acks: -1,
        messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
      });
    },
  });
  const stop = () => {
    void consumer
      .disconnect()
      .then(() => producer.disconnect())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
