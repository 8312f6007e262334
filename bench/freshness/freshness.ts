// Event-to-score freshness with purchase events flowing at a steady rate (5,000/s) through the real
// feature-updater and scorer, each a child process as in production, beside a Kafka-only ceiling
// measured in the same run at the same rate.
//
// Definition. Every event is handed to a kafkajs producer at a known moment, its send time (see
// paced-producer.ts); its eventTime is that moment in whole seconds (the state's resolution), and a
// shopper gets at most one event per BENCH_FRESHNESS_USERS / rate seconds, so (user id, eventTime)
// names one event. A score names the event it reflects by (user id, asOfMs). For each event sent in
// the measured window:
//   - stored:  the score's scoredAt (the scorer's clock just after the Redis compare-and-set, carried
//              on the scores topic) minus the send time;
//   - on the topic: the moment a plain consumer in this process reads the score from the scores
//              topic minus the send time (one hop after stored; the path WatchScores starts from);
//   - visible: the moment the score arrives on a WatchScores stream minus the send time, read by a
//              client process of its own (watch-sink.ts). This is the freshness figure (target p99
//              < 100 ms).
// Ceiling: the same events, at the same rate, through Kafka alone: 1 hop (produce -> consume), and
// the pipeline's 3 hops with two relay processes (relay.ts) in place of the updater and scorer.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Kafka } from 'kafkajs';
import { purchaseEventCodec } from '../../services/common/events/event-codecs';
import { CATEGORIES, PAYMENT_METHODS, type PurchaseEvent } from '../../services/common/events/purchase-event';
import { projectPath } from '../../services/common/paths';
import { scoreUpdatedCodec } from '../../services/scorer/scorer-events';
import { freePort, startService, stopService, type ServiceProcess } from '../../test/helpers/processes';
import { updaterEnv } from '../../test/helpers/updater';
import { waitFor } from '../../test/helpers/wait';
import { deleteByPrefix } from '../../test/helpers/redis';
import { API_KEY, scorerEnv } from '../../test/integration/scorer/scorer-fixture';
import type { Benchmark, BenchContext } from '../bench-context';
import { benchModel } from '../bench-model';
import { fmtInt, fmtMs, percentile } from '../stats';
import { startPacedProducer } from './paced-producer';
import { hopLines, metricsText } from './hop-metrics';

const RATE = Number(process.env.BENCH_FRESHNESS_RATE ?? 5_000);
const SECONDS = Number(process.env.BENCH_FRESHNESS_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_FRESHNESS_WARMUP_SECONDS ?? 5);
const USERS = Number(process.env.BENCH_FRESHNESS_USERS ?? 50_000);
const PARTITIONS = 6;
/** How long to wait after the last send for the last scores. */
const DRAIN_MS = 30_000;

const codec = purchaseEventCodec();
const scoreCodec = scoreUpdatedCodec();

function freshEvent(run: string, seq: number): PurchaseEvent {
  return {
    eventId: `f${run}-${seq}`,
    userId: `fresh-${run}-${seq % USERS}`,
    eventTime: Math.floor(Date.now() / 1000) * 1000,
    type: 'ORDER',
    orderId: `fo${run}-${seq}`,
    amountMinor: 1_000 + ((seq * 131) % 90_000),
    currency: 'CNY',
    itemCount: 1 + (seq % 4),
    category: CATEGORIES[seq % CATEGORIES.length]!,
    merchantId: `m${seq % 500}`,
    paymentMethod: PAYMENT_METHODS[seq % PAYMENT_METHODS.length]!,
    channel: 'APP',
    deviceId: `d${seq % 3}`,
    timeZone: null,
  };
}

interface Latencies {
  samples: number[];
  /** Events sent in the window whose arrival was never seen. */
  missing: number;
}

/**
 * Paces events into `topic` for the warm-up and the measured window, then waits for the awaited
 * arrivals. `expect(event, at)` is called for each event sent in the window; `pending()` counts
 * the arrivals still awaited.
 */
async function paceAndDrain(opts: {
  kafka: Kafka;
  topic: string;
  run: string;
  expect: (event: PurchaseEvent, atMs: number) => void;
  pending: () => number;
  /** Processes whose CPU use over the window is reported, by name (this one is always included). */
  processes: Record<string, number>;
}): Promise<{ achievedRate: number; cores: Record<string, number> }> {
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let inWindow = 0;
  const producer = await startPacedProducer({
    kafka: opts.kafka,
    topic: opts.topic,
    ratePerSec: RATE,
    make: (seq) => freshEvent(opts.run, seq),
    encode: (e) => ({ key: e.userId, value: codec.encode(e) }),
    onSent: (e, at) => {
      if (at < windowStart || at >= windowEnd) return;
      inWindow++;
      opts.expect(e, at);
    },
  });
  const began = performance.now();
  windowStart = began + WARMUP_SECONDS * 1000;
  windowEnd = windowStart + SECONDS * 1000;
  await sleep(windowStart - performance.now());
  const before = cpuSeconds(opts.processes);
  await sleep(windowEnd - performance.now());
  const after = cpuSeconds(opts.processes);
  await producer.stop();
  const drainUntil = performance.now() + DRAIN_MS;
  while (opts.pending() > 0 && performance.now() < drainUntil) await sleep(50);
  const cores = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k]! - before[k]!) / SECONDS]));
  return { achievedRate: inWindow / SECONDS, cores };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** CPU seconds used so far by each process (Linux /proc), and by this one as "bench". */
function cpuSeconds(pids: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    out[name] = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in ticks of 10 ms
  }
  const self = process.cpuUsage();
  out.bench = (self.user + self.system) / 1e6;
  return out;
}

const coresLine = (cores: Record<string, number>) =>
  `  CPU over the window, in cores: ${Object.entries(cores)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}`;

function report(name: string, l: Latencies, note = ''): string {
  const count = l.samples.length;
  const p50 = percentile(l.samples, 50);
  const p99 = percentile(l.samples, 99);
  const max = percentile(l.samples, 100);
  return (
    `${name.padEnd(58)} p50 ${fmtMs(p50).padStart(9)}  p99 ${fmtMs(p99).padStart(9)}  max ${fmtMs(max).padStart(9)}` +
    `  (${fmtInt(count)} events${l.missing > 0 ? `, ${fmtInt(l.missing)} NEVER SEEN` : ''})${note}`
  );
}

function spawnRelay(env: Record<string, string>): { child: ChildProcess; exited: Promise<unknown> } {
  const child = spawn(process.execPath, [projectPath('dist', 'bench', 'freshness', 'relay.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, exited: new Promise((r) => child.once('exit', r)) };
}

/** Produce -> consume (1 hop) and produce -> relay -> relay -> consume (3 hops), in one run. */
async function measureKafkaCeiling(
  ctx: BenchContext,
): Promise<{ oneHop: Latencies; threeHops: Latencies; achievedRate: number; cores: Record<string, number> }> {
  const names = [0, 1, 2].map((i) => `bench-relay${i}-${ctx.run}`);
  await ctx.admin.createTopics({
    topics: names.map((topic) => ({ topic, numPartitions: PARTITIONS })),
    waitForLeaders: true,
  });
  const relays = [
    spawnRelay({
      KAFKA_BROKERS: ctx.brokers.join(','),
      RELAY_FROM: names[0]!,
      RELAY_TO: names[1]!,
      RELAY_GROUP: `bench-relay0-${ctx.run}`,
      RELAY_CONCURRENCY: '6', // as the updater (UPDATER_PARTITIONS_CONCURRENTLY)
    }),
    spawnRelay({
      KAFKA_BROKERS: ctx.brokers.join(','),
      RELAY_FROM: names[1]!,
      RELAY_TO: names[2]!,
      RELAY_GROUP: `bench-relay1-${ctx.run}`,
      RELAY_CONCURRENCY: '6', // as the scorer (SCORER_PARTITIONS_CONCURRENTLY)
    }),
  ];
  // Send times by user id, per destination (a user has one event in flight at a time).
  const awaited = [new Map<string, number>(), new Map<string, number>()];
  const results: Latencies[] = [
    { samples: [], missing: 0 },
    { samples: [], missing: 0 },
  ];
  let probes = 0;
  let achievedRate = NaN;
  let cores: Record<string, number> = {};
  const consumer = ctx.kafka.consumer({ groupId: `bench-relay-sink-${ctx.run}`, maxWaitTimeInMs: 100 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [names[0]!, names[2]!], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 2 * PARTITIONS,
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        const i = batch.topic === names[0] ? 0 : 1;
        for (const m of batch.messages) {
          const key = m.key!.toString();
          if (key.startsWith('probe') && i === 1) probes++;
          const sent = awaited[i]!.get(key);
          if (sent === undefined) continue;
          awaited[i]!.delete(key);
          results[i]!.samples.push(now - sent);
        }
      },
    });
    // Both relays have joined their groups once a probe makes it through all three hops.
    const producer = ctx.kafka.producer();
    await producer.connect();
    await waitFor(
      async () => {
        await producer.send({ topic: names[0]!, messages: [{ key: `probe-${Date.now()}`, value: 'p' }] });
        return probes > 0;
      },
      { what: 'the relays to pass a probe through', timeoutMs: 90_000, intervalMs: 500 },
    );
    await producer.disconnect();
    ({ achievedRate, cores } = await paceAndDrain({
      kafka: ctx.kafka,
      topic: names[0]!,
      run: `${ctx.run}k`,
      expect: (e, at) => {
        awaited[0]!.set(e.userId, at);
        awaited[1]!.set(e.userId, at);
      },
      pending: () => awaited[0]!.size + awaited[1]!.size,
      processes: { relay1: relays[0]!.child.pid!, relay2: relays[1]!.child.pid! },
    }));
    results[0]!.missing = awaited[0]!.size;
    results[1]!.missing = awaited[1]!.size;
  } finally {
    await consumer.disconnect();
    for (const r of relays) r.child.kill('SIGTERM');
    await Promise.all(relays.map((r) => r.exited));
    await ctx.admin.deleteTopics({ topics: names }).catch(() => undefined);
  }
  return { oneHop: results[0]!, threeHops: results[1]!, achievedRate, cores };
}

/** The WatchScores client process (watch-sink.ts). */
function startSink(address: string) {
  const child = fork(projectPath('dist', 'bench', 'freshness', 'watch-sink.js'), [], {
    env: { ...process.env, SINK_ADDRESS: address, SINK_API_KEY: API_KEY.all },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let probed = false;
  let failure: string | undefined;
  let pending: ((a: [string, number][]) => void) | undefined;
  child.on('message', (m: { probe?: boolean; arrivals?: [string, number][]; error?: string }) => {
    if (m.probe) probed = true;
    if (m.error) failure = m.error;
    if (m.arrivals) pending?.(m.arrivals);
  });
  const check = () => {
    if (failure) throw new Error(`the WatchScores stream failed: ${failure}`);
  };
  return {
    pid: child.pid!,
    probed: () => (check(), probed),
    report: () =>
      new Promise<[string, number][]>((resolve) => {
        check();
        pending = resolve;
        child.send({ cmd: 'report' });
      }),
    stop: () => {
      if (child.connected) child.send({ cmd: 'stop' });
    },
  };
}

async function readyz(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
  } catch {
    return false;
  }
}

/** Purchases -> feature-updater -> features.changed -> scorer -> Redis + scores -> WatchScores. */
async function measurePipeline(ctx: BenchContext): Promise<{
  stored: Latencies;
  onTopic: Latencies;
  visible: Latencies;
  achievedRate: number;
  cores: Record<string, number>;
  hops: string[];
}> {
  const t = (name: string) => `bench-fresh-${name}-${ctx.run}`;
  const topics = {
    purchases: t('purchases'),
    dlq: t('dlq'),
    changed: t('changed'),
    scores: t('scores'),
    decisions: t('decisions'),
  };
  await ctx.admin.createTopics({
    topics: [
      { topic: topics.purchases, numPartitions: PARTITIONS },
      { topic: topics.dlq, numPartitions: 1 },
      { topic: topics.changed, numPartitions: PARTITIONS },
      {
        topic: topics.scores,
        numPartitions: PARTITIONS,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      { topic: topics.decisions, numPartitions: 1 },
    ],
    waitForLeaders: true,
  });
  const prefix = `bfr${ctx.run}`;
  const model = await benchModel();
  const [updaterAdmin, scorerAdmin, grpcPort] = [await freePort(), await freePort(), await freePort()];
  const services: ServiceProcess[] = [];
  let sink: ReturnType<typeof startSink> | undefined;
  const scoresConsumer = ctx.kafka.consumer({ groupId: `bench-fresh-sink-${ctx.run}`, maxWaitTimeInMs: 100 });
  // Send times by "<user id>|<eventTime>", wall-clock ms.
  const forWatch = new Map<string, number>();
  const forStored = new Map<string, number>();
  const stored: Latencies = { samples: [], missing: 0 };
  const onTopic: Latencies = { samples: [], missing: 0 };
  const visible: Latencies = { samples: [], missing: 0 };
  let achievedRate = NaN;
  let cores: Record<string, number> = {};
  let hops: string[] = [];
  try {
    services.push(
      startService(
        'feature-updater/main.js',
        updaterEnv(
          {
            purchases: topics.purchases,
            deadLetters: topics.dlq,
            featuresChanged: topics.changed,
            groupId: `bench-fresh-updater-${ctx.run}`,
            keyPrefix: prefix,
            redisUrl: ctx.redisUrl,
          },
          { ADMIN_PORT: String(updaterAdmin) },
        ),
      ),
      startService(
        'scorer/main.js',
        scorerEnv(
          {
            featuresChanged: topics.changed,
            scores: topics.scores,
            decisions: topics.decisions,
            groupId: `bench-fresh-scorer-${ctx.run}`,
            keyPrefix: prefix,
            modelsDir: model.dir,
            redisUrl: ctx.redisUrl,
          },
          {
            ADMIN_PORT: String(scorerAdmin),
            GRPC_PORT: String(grpcPort),
            MODEL_POLL_MS: '1000',
            // A measuring client that falls behind on a busy machine is measured, not disconnected.
            WATCH_MAX_BUFFERED: '10000000',
          },
        ),
      ),
    );
    await waitFor(async () => (await readyz(updaterAdmin)) && (await readyz(scorerAdmin)), {
      what: `the updater and the scorer to be ready\n${services.map((s) => s.output()).join('\n')}`,
      timeoutMs: 120_000,
      intervalMs: 200,
    });

    await scoresConsumer.connect();
    await scoresConsumer.subscribe({ topic: topics.scores, fromBeginning: true });
    await scoresConsumer.run({
      partitionsConsumedConcurrently: PARTITIONS,
      eachBatch: async ({ batch }) => {
        const now = performance.timeOrigin + performance.now();
        for (const m of batch.messages) {
          const s = scoreCodec.decode(m.value!);
          const key = `${s.userId}|${s.asOf}`;
          const sent = forStored.get(key);
          if (sent === undefined) continue;
          forStored.delete(key);
          stored.samples.push(s.scoredAt - sent);
          onTopic.samples.push(now - sent);
        }
      },
    });

    sink = startSink(`127.0.0.1:${grpcPort}`);
    // The whole path is open once a probe event comes back as a score on the stream.
    const probeProducer = ctx.kafka.producer();
    await probeProducer.connect();
    await waitFor(
      async () => {
        const e = {
          ...freshEvent(ctx.run, 0),
          userId: `probe-${Date.now()}`,
          eventId: `probe-${Date.now()}`,
        };
        await probeProducer.send({
          topic: topics.purchases,
          messages: [{ key: e.userId, value: codec.encode(e) }],
        });
        return sink!.probed();
      },
      { what: 'a probe event to come back as a score on WatchScores', timeoutMs: 90_000, intervalMs: 500 },
    );
    await probeProducer.disconnect();

    const wallOffset = performance.timeOrigin;
    ({ achievedRate, cores } = await paceAndDrain({
      kafka: ctx.kafka,
      topic: topics.purchases,
      run: ctx.run,
      expect: (e, at) => {
        const key = `${e.userId}|${e.eventTime}`;
        forWatch.set(key, wallOffset + at);
        forStored.set(key, wallOffset + at);
      },
      pending: () => forStored.size,
      processes: { updater: services[0]!.child.pid!, scorer: services[1]!.child.pid!, watcher: sink.pid },
    }));
    stored.missing = onTopic.missing = forStored.size;
    // The scores are on the topic: collect what the stream delivered, until it has them all too.
    const drainUntil = performance.now() + DRAIN_MS;
    for (;;) {
      for (const [key, at] of await sink.report()) {
        const sent = forWatch.get(key);
        if (sent === undefined) continue;
        forWatch.delete(key);
        visible.samples.push(at - sent);
      }
      if (forWatch.size === 0 || performance.now() >= drainUntil) break;
      await sleep(200);
    }
    visible.missing = forWatch.size;
    hops = hopLines(await metricsText(updaterAdmin), await metricsText(scorerAdmin));
  } finally {
    sink?.stop();
    await scoresConsumer.disconnect().catch(() => undefined);
    await Promise.all(services.map((s) => stopService(s)));
    await ctx.admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await deleteByPrefix(ctx.redis, prefix);
  }
  return { stored, onTopic, visible, achievedRate, cores, hops };
}

export const freshnessBenchmark: Benchmark = {
  name: 'freshness',
  what: `event-to-score freshness at ${RATE} events/s through the updater + scorer processes vs Kafka alone`,
  async run(ctx) {
    console.log(
      `# event-to-score freshness: ${fmtInt(RATE)} events/s for ${SECONDS} s (after ${WARMUP_SECONDS} s warm-up), ` +
        `${fmtInt(USERS)} shoppers, ${PARTITIONS} partitions; latency from the producer's send`,
    );
    const ceiling = await measureKafkaCeiling(ctx);
    console.log(report('Kafka alone, 1 hop (produce -> consume)', ceiling.oneHop));
    console.log(report('Kafka alone, 3 hops (produce -> relay -> relay -> consume)', ceiling.threeHops));
    console.log(`  (events sent in the window: ${fmtInt(ceiling.achievedRate)}/s)`);
    console.log(coresLine(ceiling.cores));
    const pipeline = await measurePipeline(ctx);
    console.log(report('pipeline: score stored (scoredAt on the scores topic)', pipeline.stored));
    console.log(report('pipeline: score read from the scores topic (plain consumer)', pipeline.onTopic));
    console.log(
      report('pipeline: score on WatchScores (freshness)', pipeline.visible, '  (target p99 < 100 ms)'),
    );
    console.log(`  (events sent in the window: ${fmtInt(pipeline.achievedRate)}/s)`);
    console.log(coresLine(pipeline.cores));
    console.log("  per hop, from the services' metrics (whole run):");
    for (const line of pipeline.hops) console.log(line);
  },
};
