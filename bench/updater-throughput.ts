// Events per second through the feature-updater (decode, Redis read + compare-and-set write,
// features.changed, checkpoint, commit) beside the rate at which plain kafkajs only consumes and
// decodes the same topic, measured in the same run on the same broker.
import type { Admin, Kafka } from 'kafkajs';
import { createProducer } from '../services/common/kafka/client';
import { decodePurchaseEvent } from '../services/common/events/decode-purchase-event';
import { purchaseEventCodec } from '../services/common/events/event-codecs';
import { readUpdaterConfig } from '../services/feature-updater/config';
import { startFeatureUpdater } from '../services/feature-updater/service';
import type { PurchaseEvent } from '../services/common/events/purchase-event';
import { CATEGORIES, PAYMENT_METHODS } from '../services/common/events/purchase-event';

export interface ThroughputResult {
  events: number;
  consumeOnlyPerSec: number;
  updaterPerSec: number;
  ratio: number;
}

const codec = purchaseEventCodec();

export function benchEvent(i: number, users: number): PurchaseEvent {
  return {
    eventId: `bench-e${i}`,
    userId: `user-${String((i * 7919) % users).padStart(10, '0')}`,
    eventTime: Date.UTC(2026, 9, 1) + i * 50,
    type: i % 17 === 0 ? 'RETURN' : 'ORDER',
    orderId: `bench-o${i}`,
    amountMinor: 1_000 + ((i * 131) % 90_000),
    currency: 'CNY',
    itemCount: 1 + (i % 4),
    category: CATEGORIES[i % CATEGORIES.length]!,
    merchantId: `m${i % 500}`,
    paymentMethod: PAYMENT_METHODS[i % PAYMENT_METHODS.length]!,
    channel: 'APP',
    deviceId: `d${i % 3}`,
    timeZone: null,
  };
}

export async function produceBenchEvents(kafka: Kafka, topic: string, count: number, users: number) {
  const producer = createProducer(kafka);
  await producer.connect();
  const chunk = 5_000;
  for (let i = 0; i < count; i += chunk) {
    const messages = [];
    for (let j = i; j < Math.min(count, i + chunk); j++) {
      const e = benchEvent(j, users);
      messages.push({ key: e.userId, value: codec.encode(e) });
    }
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
}

/** Until the group's committed offsets on the topic add up to `total` (each partition from 0). */
export async function waitForCommitted(
  admin: Admin,
  groupId: string,
  topic: string,
  total: number,
): Promise<void> {
  for (;;) {
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]!.partitions.reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
    if (committed >= total) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Plain kafkajs: consume every message of the topic and decode + validate it, nothing else. */
async function consumeOnly(kafka: Kafka, topic: string, total: number): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-consume-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let started = 0;
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        if (started === 0) started = performance.now();
        for (const m of batch.messages) decodePurchaseEvent(m.value, m.key, Number(m.timestamp));
        seen += batch.messages.length;
        if (seen >= total) resolve(performance.now());
      },
    });
  });
  const ended = await done;
  await consumer.disconnect();
  return (total / (ended - started)) * 1000;
}

export async function measureUpdaterThroughput(opts: {
  kafka: Kafka;
  admin: Admin;
  brokers: string[];
  redisUrl: string;
  topic: string;
  total: number;
  keyPrefix: string;
}): Promise<ThroughputResult> {
  const consumeOnlyPerSec = await consumeOnly(opts.kafka, opts.topic, opts.total);

  const groupId = `bench-updater-${Date.now()}`;
  const config = readUpdaterConfig({
    KAFKA_BROKERS: opts.brokers.join(','),
    REDIS_URL: opts.redisUrl,
    REDIS_KEY_PREFIX: opts.keyPrefix,
    TOPIC_PURCHASES: opts.topic,
    TOPIC_PURCHASES_DLQ: `${opts.topic}.dlq`,
    TOPIC_FEATURES_CHANGED: `${opts.topic}.changed`,
    UPDATER_GROUP_ID: groupId,
    UPDATER_PARTITIONS_CONCURRENTLY: process.env.UPDATER_PARTITIONS_CONCURRENTLY,
    LOG_LEVEL: 'warn',
  });
  const started = performance.now();
  const updater = await startFeatureUpdater(config);
  await waitForCommitted(opts.admin, groupId, opts.topic, opts.total);
  const seconds = (performance.now() - started) / 1000;
  await updater.stop();
  const updaterPerSec = opts.total / seconds;
  return { events: opts.total, consumeOnlyPerSec, updaterPerSec, ratio: updaterPerSec / consumeOnlyPerSec };
}
