// `npm run bench`: every benchmark against the local Kafka + Redis, each printed beside a
// baseline measured in the same run. `npm run bench -- scale` (or BENCH_ONLY=scale) runs only the
// named ones: updater, memory, scale. BENCH_EVENTS, BENCH_USERS, BENCH_PROFILES, BENCH_SCALE_*
// scale the runs.
import type { Admin, Kafka } from 'kafkajs';
import type { Redis } from 'ioredis';
import { createKafka } from '../services/common/kafka/client';
import { createRedis } from '../services/common/redis/client';
import { deleteByPrefix } from '../test/helpers/redis';
import { tinyRegistry } from '../test/integration/scorer/scorer-fixture';
import { measureUpdaterThroughput, produceBenchEvents } from './updater-throughput';
import { measureBytesPerProfile } from './profile-memory';
import { measureScaleOut, scaleLine, scaleSummary, SCALE_HEADER } from './scale-out';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const PROFILES = Number(process.env.BENCH_PROFILES ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SCALE_EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 200_000);
const SCALE_USERS = Number(process.env.BENCH_SCALE_USERS ?? 50_000);
const SCALE_INSTANCES = (process.env.BENCH_SCALE_INSTANCES ?? '1,2,3').split(',').map(Number);
const SCALE_PARTITIONS = 12;

interface Context {
  kafka: Kafka;
  admin: Admin;
  redis: Redis;
  run: string;
}

async function updaterBench({ kafka, admin, redis, run }: Context) {
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
  } finally {
    await deleteByPrefix(redis, prefix);
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`, `${topic}.changed`] }).catch(() => undefined);
  }
}

async function memoryBench({ redis, run }: Context) {
  const prefix = `bench${run}m`;
  // The production bucket count sized for 100 million profiles (~95 per bucket); at 1 million
  // profiles the same ~95 per bucket needs 2^14 buckets.
  const buckets = Math.max(1, Math.round(PROFILES / 95));
  console.log(`# bytes per profile: ${PROFILES} profiles, ${buckets} buckets, user ids of 15 characters`);
  try {
    const bytes = await measureBytesPerProfile(redis, PROFILES, prefix, buckets);
    console.log(`Redis used_memory delta per profile: ${bytes.toFixed(1)} bytes  (target <= 256)`);
  } finally {
    await deleteByPrefix(redis, prefix);
  }
}

async function scaleBench({ kafka, admin, redis, run }: Context) {
  console.log(
    `# scale-out: instances (processes, one consumer group) draining a backlog on ${SCALE_PARTITIONS}-partition topics;` +
      `\n# updater: ${SCALE_EVENTS} events over ${SCALE_USERS} shoppers; scorer: one features.changed notice per shopper` +
      ' (tiny test model);' +
      '\n# timed from the backlog release to the last commit, after an untimed warm-up of a fifth as much',
  );
  console.log(SCALE_HEADER);
  const registry = await tinyRegistry();
  try {
    const rows = await measureScaleOut({
      kafka,
      admin,
      redis,
      redisUrl,
      run,
      instances: SCALE_INSTANCES,
      partitions: SCALE_PARTITIONS,
      events: SCALE_EVENTS,
      users: SCALE_USERS,
      modelsDir: registry.dir,
      onRow: (row) => console.log(scaleLine(row)),
    });
    if (rows.length > new Set(rows.map((r) => `${r.service} ${r.instances}`)).size) {
      console.log('\n# medians over the rounds');
      for (const line of scaleSummary(rows)) console.log(line);
    }
  } finally {
    registry.remove();
  }
}

const BENCHMARKS: Record<string, (ctx: Context) => Promise<void>> = {
  updater: updaterBench,
  memory: memoryBench,
  scale: scaleBench,
};

function selected(): string[] {
  const asked = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ?? '').split(',')]
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0)
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  return asked.length > 0 ? asked : Object.keys(BENCHMARKS);
}

async function main() {
  const names = selected();
  const kafka = createKafka(brokers, 'creditscore-bench');
  const admin = kafka.admin();
  await admin.connect();
  const redis = createRedis(redisUrl, { name: 'bench' });
  const ctx = { kafka, admin, redis, run: Date.now().toString(36) };
  try {
    for (const [i, name] of names.entries()) {
      if (i > 0) console.log('');
      await BENCHMARKS[name]!(ctx);
    }
  } finally {
    await admin.disconnect();
    redis.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
