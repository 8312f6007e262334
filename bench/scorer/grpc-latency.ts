// gRPC benchmarks of the scorer, each beside a ceiling measured in the same run, load from ghz:
//   1. GetScore at 64 concurrent calls vs a bare grpc-js server answering GetScore with a constant
//      (same process, same contract and serializers; no auth, no Redis): requests/s, p50, p99;
//      target >= 80% of the bare server. Runs alternate bare/scorer BENCH_REPEAT times; medians.
//   2. p50/p99 of GetScore and Decide at a fixed 1,000 requests/s (targets p99 2 ms / 5 ms), beside
//      the bare server at the same rate and beside the same bare server doing only the Redis round
//      trips the method needs (GetScore: one read; Decide: a read, then a write), the floor of any
//      handler that keeps its state in Redis. Every decision answered must be in the audit topic:
//      the run counts the topic's records afterwards (MISSING RECORDS if any lack).
// `npm run bench -- grpc`. BENCH_REPEAT (3), BENCH_GRPC_CALLS (40,000 per saturation run),
// BENCH_SECONDS (10 per fixed-rate run) scale it.
import * as grpc from '@grpc/grpc-js';
import { keyBuilder } from '../../services/common/redis/keys';
import { loadScoringContract } from '../../services/common/proto/contract';
import { ScoreStore } from '../../services/scorer/score-store';
import { hashApiKey } from '../../services/scorer/grpc/api-keys';
import { deleteByPrefix } from '../../test/helpers/redis';
import { API_KEY, startScorerInProcess, tinyRegistry } from '../../test/integration/scorer/scorer-fixture';
import type { Benchmark } from '../bench-context';
import { fmtInt, percentile } from '../stats';
import { checkGhz, ghzLine, runGhz, type GhzCall, type GhzResult } from './ghz';
import type { Admin } from 'kafkajs';
import type { RedisClient } from '../../services/common/redis/client';
import { whenReady } from '../../services/common/redis/client';
import { createServingRedis } from '../../services/scorer/serving-redis';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const CALLS = Number(process.env.BENCH_GRPC_CALLS ?? 40_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USER = 'bench-u1';

const median = (xs: number[]) => percentile([...xs], 50);

/** The per-field median of several runs (each figure its own median). */
function medianOf(runs: GhzResult[]): GhzResult {
  const m = (f: (r: GhzResult) => number) => median(runs.map(f));
  return {
    rps: m((r) => r.rps),
    count: m((r) => r.count),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    serverCores: m((r) => r.serverCores),
    ghzCores: m((r) => r.ghzCores),
    codes: runs.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.codes)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
    errors: runs.reduce<Record<string, number>>((acc, r) => {
      for (const [k, v] of Object.entries(r.errors ?? {})) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
  };
}

/**
 * A grpc-js server answering GetScore and Decide with constants: the ceiling of any handler here.
 * With `redis`, each call first makes the Redis round trips its method needs and nothing else
 * (GetScore: one HGET; Decide: a GET, then a SET NX), through a client set up as the API's.
 */
async function startBareServer(modelVersion: string, redis?: RedisClient) {
  const constant = {
    score: {
      userId: USER,
      points: 680,
      probabilityOfDefault: 0.01,
      reasons: [
        { code: 'RC01', text: 'Many orders returned recently' },
        { code: 'RC03', text: 'Much shopping late at night' },
      ],
      modelVersion,
      featureVersion: 1,
      asOfMs: Date.now(),
      updatedAtMs: Date.now(),
    },
  };
  const decision = {
    decisionId: '00000000-0000-0000-0000-000000000000',
    outcome: 'OUTCOME_APPROVE',
    approvedAmountMinor: 12_000,
    creditLimitMinor: 800_000,
    currency: 'CNY',
    reasons: [],
    score: constant.score,
    thinFile: false,
    policyVersion: 'bench',
    decidedAtMs: Date.now(),
    maxInstalments: 12,
  };
  const answer =
    <T>(value: T, work?: (req: Record<string, string>) => Promise<unknown>) =>
    (call: { request: Record<string, string> }, cb: grpc.sendUnaryData<T>) => {
      if (!work) return cb(null, value);
      work(call.request).then(
        () => cb(null, value),
        (err: Error) => cb({ code: grpc.status.UNAVAILABLE, details: err.message }),
      );
    };
  const keys = keyBuilder(`bare${Date.now().toString(36)}`);
  const server = new grpc.Server();
  server.addService(loadScoringContract().grpcObject.creditscore.v1.CreditScoreService.service, {
    GetScore: answer(
      constant,
      redis && ((req) => redis.hgetBuffer(keys.scoreBucket(req.userId!), req.userId!)),
    ),
    Decide: answer(
      decision,
      redis &&
        (async (req) => {
          const key = keys.decision(req.orderId!);
          await redis.get(key);
          await redis.set(key, JSON.stringify(decision), 'PX', 60_000, 'NX');
        }),
    ),
  });
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
  );
  return {
    port,
    stop: async () => {
      server.forceShutdown();
      if (redis) await deleteByPrefix(redis, keys.prefix);
    },
  };
}

/** Messages in a topic (sum of its partitions' high watermarks; the topic is written only here). */
async function messagesIn(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

export const grpcBenchmark: Benchmark = {
  name: 'grpc',
  what: 'scorer GetScore vs a bare grpc-js server (ghz, 64 concurrent); GetScore and Decide p99 at 1,000/s',
  async run({ admin, redis, redisUrl, run }) {
    checkGhz();
    const prefix = `bsc${run}`;
    const registry = await tinyRegistry();
    const topics = {
      featuresChanged: `bench-changed-${run}`,
      scores: `bench-scores-${run}`,
      decisions: `bench-decisions-${run}`,
    };
    const scorer = await startScorerInProcess(
      { ...topics, groupId: `bench-scorer-${run}`, keyPrefix: prefix, modelsDir: registry.dir, redisUrl },
      {
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
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
        userId: USER,
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
    const bare = await startBareServer(registry.first);
    const bareRedisClient = createServingRedis(redisUrl, 1_000);
    await whenReady(bareRedisClient);
    const bareRedis = await startBareServer(registry.first, bareRedisClient);
    const get = (port: number, extra: Partial<GhzCall> = {}): GhzCall => ({
      port,
      method: 'GetScore',
      data: JSON.stringify({ user_id: USER }),
      apiKey: API_KEY.all,
      concurrency: 64,
      total: CALLS,
      ...extra,
    });
    try {
      console.log(
        `# GetScore, 64 concurrent calls over 4 connections, ${CALLS} calls per run, ${REPEAT} alternating runs each (ghz)`,
      );
      // Warm-up (JIT, connections, Redis scripts loaded): not measured.
      await runGhz(get(bare.port, { total: 5_000 }));
      await runGhz(get(scorer.grpcPort, { total: 5_000 }));
      const bareRuns: GhzResult[] = [];
      const realRuns: GhzResult[] = [];
      for (let i = 0; i < REPEAT; i++) {
        bareRuns.push(await runGhz(get(bare.port)));
        realRuns.push(await runGhz(get(scorer.grpcPort)));
      }
      for (const [i, r] of bareRuns.entries()) console.log(ghzLine(`  run ${i + 1} bare grpc-js`, r));
      for (const [i, r] of realRuns.entries()) console.log(ghzLine(`  run ${i + 1} scorer GetScore`, r));
      const b = medianOf(bareRuns);
      const s = medianOf(realRuns);
      console.log(ghzLine('bare grpc-js server (median)', b));
      console.log(ghzLine('scorer GetScore (median)', s));
      const ratios = realRuns.map((r, i) => r.rps / bareRuns[i]!.rps);
      console.log(
        `ratio scorer / bare: ${(s.rps / b.rps).toFixed(2)} of medians; per run ${ratios.map((x) => x.toFixed(2)).join(', ')}  (target >= 0.80)`,
      );

      const fixedTotal = 1_000 * SECONDS;
      console.log(`\n# fixed rate 1,000 req/s, ${SECONDS} s per run, ${REPEAT} runs each (ghz, 32 workers)`);
      const fixed = (c: GhzCall) => ({ ...c, concurrency: 32, rate: 1_000, total: fixedTotal });
      const decide = {
        ...get(scorer.grpcPort),
        method: 'Decide',
        data:
          '{"user_id":"bench-u1","order_id":"bench-{{.UUID}}","amount_minor":12000,' +
          '"currency":"CNY","merchant_id":"m-1","instalments":3}',
      };
      const bareDecide = { ...decide, port: bareRedis.port };
      const audited = await messagesIn(admin, topics.decisions);
      const runs = {
        bare: [] as GhzResult[],
        bareRead: [] as GhzResult[],
        get: [] as GhzResult[],
        bareReadWrite: [] as GhzResult[],
        decide: [] as GhzResult[],
      };
      for (let i = 0; i < REPEAT; i++) {
        runs.bare.push(await runGhz(fixed(get(bare.port))));
        runs.bareRead.push(await runGhz(fixed(get(bareRedis.port))));
        runs.get.push(await runGhz(fixed(get(scorer.grpcPort))));
        runs.bareReadWrite.push(await runGhz(fixed(bareDecide)));
        runs.decide.push(await runGhz(fixed(decide)));
      }
      const names: Record<keyof typeof runs, string> = {
        bare: 'bare @1000/s',
        bareRead: 'bare + Redis read @1000/s',
        get: 'GetScore @1000/s',
        bareReadWrite: 'bare + read, write @1000/s',
        decide: 'Decide @1000/s',
      };
      for (const [k, name] of Object.entries(names))
        for (const [i, r] of runs[k as keyof typeof runs].entries())
          console.log(ghzLine(`  run ${i + 1} ${name}`, r));
      console.log(ghzLine('bare grpc-js @1000/s (median)', medianOf(runs.bare)) + '  (ceiling)');
      console.log(
        ghzLine('bare + 1 Redis read (median)', medianOf(runs.bareRead)) + '  (floor of a Redis read)',
      );
      console.log(ghzLine('GetScore @1000/s (median)', medianOf(runs.get)) + '  (target p99 < 2 ms)');
      console.log(
        ghzLine('bare + read, then write (median)', medianOf(runs.bareReadWrite)) + '  (floor of Decide)',
      );
      console.log(ghzLine('Decide @1000/s (median)', medianOf(runs.decide)) + '  (target p99 < 5 ms)');

      // Every decision answered must be in the audit topic (Decide answers after the broker's ack).
      const decided = runs.decide.reduce((n, r) => n + (r.codes.OK ?? 0), 0);
      const lastAnswer = performance.now();
      let inTopic = 0;
      while ((inTopic = (await messagesIn(admin, topics.decisions)) - audited) < decided) {
        if (performance.now() - lastAnswer > 120_000) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      console.log(
        `audit topic: ${fmtInt(inTopic)} records for ${fmtInt(decided)} decisions answered` +
          (inTopic >= decided
            ? `, the last appended within ${fmtInt(performance.now() - lastAnswer)} ms of the last answer`
            : '  MISSING RECORDS'),
      );
    } finally {
      await bare.stop();
      await bareRedis.stop();
      bareRedisClient.disconnect();
      await scorer.stop();
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
      await deleteByPrefix(redis, prefix);
      registry.remove();
    }
  },
};
