// gRPC benchmarks of the scorer, each beside a ceiling measured in the same run, load from ghz
// (`go install github.com/bojand/ghz/cmd/ghz@latest`; GHZ=path overrides ~/go/bin/ghz):
//   1. GetScore at 64 concurrent calls vs a bare grpc-js server answering GetScore with a constant
//      (no auth, no Redis): requests/s, p50, p99; target >= 80% of the bare server.
//   2. p99 of GetScore and Decide at a fixed 1,000 requests/s (targets 2 ms / 5 ms).
// Run: npx tsc -p tsconfig.json && node dist/bench/scorer/grpc-latency.js
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createKafka } from '../../services/common/kafka/client';
import { createRedis } from '../../services/common/redis/client';
import { keyBuilder } from '../../services/common/redis/keys';
import { loadScoringContract } from '../../services/common/proto/contract';
import { ScoreStore } from '../../services/scorer/score-store';
import { hashApiKey } from '../../services/scorer/grpc/api-keys';
import { deleteByPrefix } from '../../test/helpers/redis';
import { API_KEY, startScorerInProcess, tinyRegistry } from '../../test/integration/scorer/scorer-fixture';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
const ghz = process.env.GHZ ?? join(homedir(), 'go', 'bin', 'ghz');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface GhzReport {
  rps: number;
  count: number;
  latencyDistribution: { percentage: number; latency: number }[] | null;
  errorDistribution?: Record<string, number>;
  statusCodeDistribution: Record<string, number>;
}

// Asynchronous on purpose: the servers under test run in this process and must keep serving.
async function runGhz(port: number, call: string, data: string, extra: string[]): Promise<GhzReport> {
  const { stdout: out } = await promisify(execFile)(
    ghz,
    [
      '--insecure',
      '--proto',
      'proto/creditscore/v1/scoring.proto',
      '--import-paths',
      'proto',
      '--call',
      `creditscore.v1.CreditScoreService.${call}`,
      '-d',
      data,
      '-m',
      JSON.stringify({ authorization: `Bearer ${API_KEY.all}` }),
      '-z',
      `${SECONDS}s`,
      '--connections',
      '4',
      '--format',
      'json',
      ...extra,
      `127.0.0.1:${port}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out) as GhzReport;
}

const ms = (ns: number) => (ns / 1e6).toFixed(2);
const pct = (r: GhzReport, p: number) =>
  (r.latencyDistribution ?? []).find((d) => d.percentage === p)?.latency ?? NaN;
const line = (name: string, r: GhzReport) =>
  `${name.padEnd(34)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${ms(pct(r, 50))} ms  p99 ${ms(pct(r, 99))} ms  codes ${JSON.stringify(r.statusCodeDistribution)}${r.errorDistribution ? ` errors ${JSON.stringify(r.errorDistribution)}` : ''}`;

async function main() {
  if (!existsSync(ghz))
    throw new Error(`ghz not found at ${ghz}: go install github.com/bojand/ghz/cmd/ghz@latest`);
  const run = Date.now().toString(36);
  const prefix = `bsc${run}`;
  const kafka = createKafka(brokers, 'creditscore-bench');
  const admin = kafka.admin();
  await admin.connect();
  const registry = await tinyRegistry();
  const topics = {
    featuresChanged: `bench-changed-${run}`,
    scores: `bench-scores-${run}`,
    decisions: `bench-decisions-${run}`,
  };
  const redis = createRedis(redisUrl, { name: 'bench' });
  const scorer = await startScorerInProcess(
    { ...topics, groupId: `bench-scorer-${run}`, keyPrefix: prefix, modelsDir: registry.dir, redisUrl },
    {
      // The benchmark's key: every scope and no practical rate limit.
      API_KEYS: JSON.stringify([
        {
          id: 'bench',
          sha256: hashApiKey(API_KEY.all),
          scopes: ['scores:read', 'scores:watch', 'decisions:write'],
          ratePerSec: 1e9,
        },
      ]),
    },
  );
  // One scored shopper to read (GetScore) and to decide for.
  await new ScoreStore(redis, keyBuilder(prefix)).write([
    {
      userId: 'bench-u1',
      record: {
        partition: 0,
        featureVersion: 1,
        modelEpochMs: 1,
        modelVersion: registry.first,
        points: 680,
        probabilityOfDefault: 0.01,
        asOfMs: Date.now(),
        updatedAtMs: Date.now(),
        reasonCodes: ['RC01', 'RC03'],
      },
    },
  ]);
  const echo = new grpc.Server();
  const constant = {
    score: {
      userId: 'bench-u1',
      points: 680,
      probabilityOfDefault: 0.01,
      reasons: [
        { code: 'RC01', text: 'Many orders returned recently' },
        { code: 'RC03', text: 'Much shopping late at night' },
      ],
      modelVersion: registry.first,
      featureVersion: 1,
      asOfMs: Date.now(),
      updatedAtMs: Date.now(),
    },
  };
  echo.addService(loadScoringContract().grpcObject.creditscore.v1.CreditScoreService.service, {
    GetScore: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, constant),
  });
  const echoPort = await new Promise<number>((res, rej) =>
    echo.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  try {
    const get = '{"user_id":"bench-u1"}';
    console.log(`# GetScore, 64 concurrent calls, ${SECONDS} s each (ghz, 4 connections)`);
    const bare = await runGhz(echoPort, 'GetScore', get, ['-c', '64']);
    const real = await runGhz(scorer.grpcPort, 'GetScore', get, ['-c', '64']);
    console.log(line('bare grpc-js server (ceiling)', bare));
    console.log(line('scorer GetScore', real));
    console.log(`ratio scorer / bare: ${(real.rps / bare.rps).toFixed(2)} (target >= 0.80)`);

    console.log(`# fixed rate 1,000 req/s, ${SECONDS} s each`);
    const getFixed = await runGhz(scorer.grpcPort, 'GetScore', get, ['-c', '32', '-r', '1000']);
    console.log(line('GetScore @1000/s', getFixed) + '  (target p99 <= 2 ms)');
    const decide =
      '{"user_id":"bench-u1","order_id":"bench-{{.UUID}}","amount_minor":12000,"currency":"CNY","merchant_id":"m-1","instalments":3}';
    const decideFixed = await runGhz(scorer.grpcPort, 'Decide', decide, ['-c', '32', '-r', '1000']);
    console.log(line('Decide @1000/s', decideFixed) + '  (target p99 <= 5 ms)');
  } finally {
    echo.forceShutdown();
    await scorer.stop();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    registry.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
