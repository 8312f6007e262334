// `npm run bench`: every benchmark against the local Kafka + Redis, each printed beside a ceiling or
// baseline measured in the same run. `npm run bench -- freshness rescore` (or BENCH_ONLY=freshness)
// runs only the named ones; `npm run bench -- --list` lists them. BENCH_* variables scale the runs.
import { createKafka } from '../services/common/kafka/client';
import { createRedis } from '../services/common/redis/client';
import type { Benchmark } from './bench-context';
import { updaterBenchmark } from './updater-throughput';
import { memoryBenchmark } from './profile-memory';
import { grpcBenchmark } from './scorer/grpc-latency';
import { freshnessBenchmark } from './freshness/freshness';
import { rescoreBenchmark } from './scorer/rescore-rate';
import { scaleBenchmark } from './scale-out-benchmark';

const BENCHMARKS: Benchmark[] = [
  updaterBenchmark,
  memoryBenchmark,
  grpcBenchmark,
  freshnessBenchmark,
  rescoreBenchmark,
  scaleBenchmark,
];

function selected(args: string[]): Benchmark[] {
  const names = args.length > 0 ? args : (process.env.BENCH_ONLY ?? '').split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) return BENCHMARKS;
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new Error(
      `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  return BENCHMARKS.filter((b) => names.includes(b.name));
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(10)} ${b.what}`);
    return;
  }
  const benchmarks = selected(args);
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
  const kafka = createKafka(brokers, 'creditscore-bench');
  const admin = kafka.admin();
  await admin.connect();
  const redis = createRedis(redisUrl, { name: 'bench' });
  const run = Date.now().toString(36);
  try {
    for (const [i, b] of benchmarks.entries()) {
      if (i > 0) console.log('');
      await b.run({ kafka, admin, redis, brokers, redisUrl, run });
    }
  } finally {
    await admin.disconnect();
    redis.disconnect();
  }
}

main().then(
  // A kafkajs or grpc-js timer left behind must not keep a finished run waiting.
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
