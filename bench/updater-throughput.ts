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
import { deleteByPrefix } from '../test/helpers/redis';
import type { Benchmark } from './bench-context';
import { measureProfileStoreCeiling } from './redis-profile-ceiling';
import { DEFAULT_PROFILE_BUCKETS } from '../services/common/redis/keys';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);

export interface ThroughputResult {
  events: number;
  consumeOnlyPerSec: number;
  updaterPerSec: number;
  ratio: number;
  /** Mean events per partition batch the updater processed (from its own metrics). */
  meanBatchSize: number;
}

const codec = purchaseEventCodec();

/** The user of bench event i: spread over `users` ids so batches touch many profiles. */
export function benchEventUserId(i: number, users: number): string {
  return `user-${String((i * 7919) % users).padStart(10, '0')}`;
}

export function benchEvent(i: number, users: number): PurchaseEvent {
  return {
    eventId: `bench-e${i}`,
    userId: benchEventUserId(i, users),
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
  const meanBatchSize = await meanBatch(updater.adminPort);
  await updater.stop();
  const updaterPerSec = opts.total / seconds;
  return {
    events: opts.total,
    consumeOnlyPerSec,
    updaterPerSec,
    ratio: updaterPerSec / consumeOnlyPerSec,
    meanBatchSize,
  };
}

async function meanBatch(adminPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  // Every series carries the registry's default labels ({service="feature-updater"}).
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return value('creditscore_updater_batch_size_sum') / value('creditscore_updater_batch_size_count');
}

export const updaterBenchmark: Benchmark = {
  name: 'updater',
  what: `feature-updater events/s vs plain kafkajs consume + decode (BENCH_EVENTS=${EVENTS}, BENCH_USERS=${USERS})`,
  async run({ kafka, admin, brokers, redis, redisUrl, run }) {
    const topic = `bench-purchases-${run}`;
    const prefix = `bench${run}`;
    console.log(`# feature-updater throughput: ${EVENTS} events, ${USERS} users, 6 partitions`);
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
      await produceBenchEvents(kafka, topic, EVENTS, USERS);
      const t = await measureUpdaterThroughput({
        kafka,
        admin,
        brokers,
        redisUrl,
        topic,
        total: EVENTS,
        keyPrefix: prefix,
      });
      console.log(`consume+decode only (kafkajs baseline): ${Math.round(t.consumeOnlyPerSec)} events/s`);
      console.log(`feature-updater end to end:            ${Math.round(t.updaterPerSec)} events/s`);
      console.log(
        `ratio updater / baseline:              ${t.ratio.toFixed(2)}  (target >= 0.50; target rate >= 30000/s)`,
      );
      // Same users, same batch size, same Redis calls, nothing else: the bound Redis sets.
      const batchSize = Math.max(1, Math.round(t.meanBatchSize));
      const ceiling = await measureProfileStoreCeiling({
        redis,
        prefix: `${prefix}c`,
        buckets: DEFAULT_PROFILE_BUCKETS,
        events: EVENTS,
        users: USERS,
        batchSize,
        concurrency: 6,
      });
      console.log(
        `Redis profile read + CAS write only:   ${Math.round(ceiling)} events/s  (${batchSize} events/batch)`,
      );
      console.log(`ratio updater / Redis-only ceiling:    ${(t.updaterPerSec / ceiling).toFixed(2)}`);
    } finally {
      await deleteByPrefix(redis, prefix);
      await deleteByPrefix(redis, `${prefix}c`);
      await admin
        .deleteTopics({ topics: [topic, `${topic}.dlq`, `${topic}.changed`] })
        .catch(() => undefined);
    }
  },
};
