// `npm run bench`: every benchmark against the local Kafka + Redis, each printed beside a
// baseline measured in the same run. BENCH_EVENTS and BENCH_PROFILES scale the runs.
import { createKafka } from '../services/common/kafka/client';
import { createRedis } from '../services/common/redis/client';
import { deleteByPrefix } from '../test/helpers/redis';
import { measureUpdaterThroughput, produceBenchEvents } from './updater-throughput';
import { measureBytesPerProfile } from './profile-memory';
import { measureProfileStoreCeiling } from './redis-profile-ceiling';
import { DEFAULT_PROFILE_BUCKETS } from '../services/common/redis/keys';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const PROFILES = Number(process.env.BENCH_PROFILES ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);

async function main() {
  const kafka = createKafka(brokers, 'creditscore-bench');
  const admin = kafka.admin();
  await admin.connect();
  const redis = createRedis(redisUrl, { name: 'bench' });
  const run = Date.now().toString(36);
  const topic = `bench-purchases-${run}`;
  const prefix = `bench${run}`;
  try {
    console.log(`# feature-updater throughput: ${EVENTS} events, ${USERS} users, 6 partitions`);
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
    await deleteByPrefix(redis, prefix);
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
    await deleteByPrefix(redis, `${prefix}c`);

    // The production bucket count sized for 100 million profiles (~95 per bucket); at 1 million
    // profiles the same ~95 per bucket needs 2^14 buckets.
    const buckets = Math.max(1, Math.round(PROFILES / 95));
    console.log(`\n# bytes per profile: ${PROFILES} profiles, ${buckets} buckets, user ids of 15 characters`);
    const bytes = await measureBytesPerProfile(redis, PROFILES, `${prefix}m`, buckets);
    console.log(`Redis used_memory delta per profile: ${bytes.toFixed(1)} bytes  (target <= 256)`);
    await deleteByPrefix(redis, `${prefix}m`);
  } finally {
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`, `${topic}.changed`] }).catch(() => undefined);
    await admin.disconnect();
    redis.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
