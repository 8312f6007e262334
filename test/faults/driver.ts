// The fault-injection run: a private broker and Redis owned by the run, updaters and scorers as
// separate processes in their consumer groups, the seeded stream sent while members are killed,
// Redis and the broker crash and restart, and extra members come and go; then the verdict.
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';
import { keyBuilder } from '../../services/common/redis/keys';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../../services/common/features';
import { loadModelFromRegistry, readCurrentPointer } from '../../services/common/model/model-registry';
import { CreditScoreClient } from '../../services/client';
import { groupLag, kafkaContext } from '../helpers/kafka';
import {
  startPrivateKafka,
  startPrivateRedis,
  type AofMark,
  type PrivateKafka,
  type PrivateRedis,
} from '../helpers/processes';
import { uniqueName } from '../helpers/names';
import { waitFor } from '../helpers/wait';
import { updaterEnv } from '../helpers/updater';
import { Fleet, type FleetStats, type Member } from '../helpers/fleet';
import { API_KEY, scorerEnv, tinyRegistry } from '../integration/scorer/scorer-fixture';
import { faultSchedule, type FaultAction } from './schedule';
import { faultStream, SEQ_HEADER, streamLength, type StreamMessage, type StreamParams } from './stream';
import { computeVerdict, type Verdict } from './verdict';
import { runGrpcFuzz, type FuzzReport } from './grpc-fuzz';

export interface FaultRunParams {
  seed: number;
  /** Good (simulator) events. */
  events: number;
  /** Hostile messages mixed in. */
  hostile: number;
  /** SIGKILLs of an updater or scorer member, each followed by a restart. */
  kills: number;
  redisRestarts: number;
  brokerRestarts: number;
  /** Rounds of an extra updater and scorer joining and later leaving their groups. */
  rebalances: number;
  /** Members per group. */
  instances: number;
  partitions: number;
  /** gRPC fuzz calls against a scorer once the stream has drained (0 = none). */
  fuzzCalls: number;
  log: (line: string) => void;
}

export interface FaultRunReport {
  params: FaultRunParams;
  durationMs: number;
  hostileByKind: Record<string, number>;
  restarts: { redis: number; broker: number };
  extraMembers: { started: number; stopped: number };
  /** Every member reported not ready (503) while Redis / the broker was down. */
  notReadySeen: { redis: number; broker: number };
  /** Bytes of Redis's append-only log lost in its crash (the writes after the last "fsync"). */
  redisLostBytes: number;
  fleet: FleetStats;
  verdict?: Verdict;
  fuzz?: FuzzReport;
  failures: string[];
}

const HOUR_MS = 3_600_000;
const ALLOWED_LATENESS_HOURS = 168;
const CHUNK = 500;
const LARGE = 64 * 1024;

export async function runFaultSuite(p: FaultRunParams): Promise<FaultRunReport> {
  const started = Date.now();
  const log = (s: string) => p.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${s}`);
  const report: FaultRunReport = {
    params: p,
    durationMs: 0,
    hostileByKind: {},
    restarts: { redis: 0, broker: 0 },
    extraMembers: { started: 0, stopped: 0 },
    notReadySeen: { redis: 0, broker: 0 },
    redisLostBytes: 0,
    fleet: undefined as unknown as FleetStats,
    failures: [],
  };
  const cleanup: (() => Promise<unknown> | void)[] = [];
  try {
    const kafkaInfra = await startPrivateKafka();
    cleanup.push(() => kafkaInfra.destroy());
    const redisInfra = await startPrivateRedis();
    cleanup.push(() => redisInfra.destroy());
    log(`private broker ${kafkaInfra.brokers[0]}, private Redis ${redisInfra.url}`);
    // The driver's own client stays quiet: the broker restart is on purpose.
    const kafka = new Kafka({
      clientId: 'fault-driver',
      brokers: kafkaInfra.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
    });
    const k = kafkaContext(() => kafka);
    await k.open();
    cleanup.push(() => k.close());
    const registry = await tinyRegistry();
    cleanup.push(() => registry.remove());

    const keyPrefix = uniqueName('f').replace(/-/g, '').slice(0, 16);
    const topics = {
      purchases: await k.topic('purchases', p.partitions),
      deadLetters: await k.topic('purchases.dlq'),
      featuresChanged: await k.topic('features.changed', p.partitions),
      scores: await k.topic('scores', p.partitions, true),
      decisions: await k.topic('decisions'),
    };
    const groups = { updater: uniqueName('updater'), scorer: uniqueName('scorer') };
    const common = { keyPrefix, redisUrl: redisInfra.url, brokers: kafkaInfra.brokers };
    const fleet = new Fleet({
      updater: {
        entry: 'feature-updater/main.js',
        env: updaterEnv(
          { ...common, ...topics, groupId: groups.updater },
          { UPDATER_SESSION_TIMEOUT_MS: '6000', ALLOWED_LATENESS_HOURS: String(ALLOWED_LATENESS_HOURS) },
        ),
      },
      scorer: {
        entry: 'scorer/main.js',
        env: scorerEnv(
          { ...common, ...topics, groupId: groups.scorer, modelsDir: registry.dir },
          { SCORER_SESSION_TIMEOUT_MS: '6000' },
        ),
        grpc: true,
      },
    });
    report.fleet = fleet.stats;
    cleanup.push(() => fleet.killAll());
    for (let i = 0; i < p.instances; i++) {
      await fleet.start('updater');
      await fleet.start('scorer');
    }
    await fleet.waitAll(200, 'every member ready', 180_000);
    fleet.sampleMemory();
    log(`${p.instances} updaters and ${p.instances} scorers ready`);

    const streamParams: StreamParams = {
      seed: p.seed,
      events: p.events,
      hostile: p.hostile,
      allowedLatenessMs: ALLOWED_LATENESS_HOURS * HOUR_MS,
    };
    const total = streamLength(streamParams);
    // The producer stays at most `window` messages ahead of the updaters, so every fault lands
    // while the consumers are working near it rather than on an idle pipeline.
    const window = Math.max(2_000, Math.floor(total / 40));
    const schedule = faultSchedule({ ...p, messages: total });
    const extras: Member[] = [];
    let redisOutage: RedisOutage | undefined;

    const perform = async (a: FaultAction, pos: number) => {
      switch (a.type) {
        case 'kill': {
          // The extra members leave gracefully later: kill the group's own.
          const live = fleet.live(a.role).filter((m) => !extras.includes(m));
          const victim = live[Math.floor(a.pick * live.length)];
          if (!victim) return;
          await fleet.kill(victim);
          const env: Record<string, string> = a.selfKillAfterWrites
            ? { FAULT_KILL_AFTER_WRITES: String(a.selfKillAfterWrites) }
            : {};
          await fleet.start(a.role, env);
          log(
            `killed ${victim.name} at message ${pos}${a.selfKillAfterWrites ? ` (replacement armed)` : ''}`,
          );
          return;
        }
        case 'redis-restart':
          // Every member up first: one still starting would exit (start-up needs Redis and Kafka).
          await fleet.waitAll(200, 'every member ready before Redis goes down', 180_000);
          redisOutage = {
            mark: redisInfra.aofMark(),
            committed: await committed(k.admin, groups.updater, topics.purchases),
            crashAt: pos + Math.floor(window / 2),
            restartAt: pos + window,
            down: false,
            retries: new Map(),
          };
          log(`append-only log marked at message ${pos}: Redis will lose what it writes after this`);
          return;
        case 'broker-restart':
          await brokerOutage(kafkaInfra, fleet, report, log);
          return;
        case 'extra-start':
          extras.push(await fleet.start('updater'), await fleet.start('scorer'));
          report.extraMembers.started += 2;
          log(`extra updater and scorer started at message ${pos}`);
          return;
        case 'extra-stop':
          for (const m of extras.splice(0).filter((x) => !x.ended && !x.intended)) {
            await fleet.stop(m);
            report.extraMembers.stopped++;
          }
          log(`extra members stopped at message ${pos}`);
          return;
      }
    };

    const stream = faultStream(streamParams);
    let pos = 0;
    let next = 0;
    for (;;) {
      if (redisOutage && !redisOutage.down && pos >= redisOutage.crashAt)
        await crashRedis(redisOutage, redisInfra, fleet, report, log, () =>
          committed(k.admin, groups.updater, topics.purchases),
        );
      if (redisOutage?.down && pos >= redisOutage.restartAt) {
        await endRedisOutage(redisOutage, redisInfra, fleet, report, log);
        redisOutage = undefined;
      }
      // Faults wait for Redis to be back: a member starting without Redis exits (start-up checks).
      while (!redisOutage && next < schedule.length && schedule[next]!.at <= pos)
        await perform(schedule[next++]!, pos);
      if (!redisOutage?.down) await throttle(k.admin, groups.updater, topics.purchases, pos, window);
      const chunk = take(stream, CHUNK);
      if (chunk.length === 0) break;
      for (const m of chunk)
        if (m.kind !== 'good') report.hostileByKind[m.kind] = (report.hostileByKind[m.kind] ?? 0) + 1;
      await send(k.producer, topics.purchases, chunk);
      pos += chunk.length;
    }
    if (redisOutage && !redisOutage.down)
      await crashRedis(redisOutage, redisInfra, fleet, report, log, () =>
        committed(k.admin, groups.updater, topics.purchases),
      );
    if (redisOutage) await endRedisOutage(redisOutage, redisInfra, fleet, report, log);
    for (; next < schedule.length; next++) await perform(schedule[next]!, pos);
    log(`all ${total} messages sent; draining`);

    await waitFor(
      async () =>
        (await groupLag(k.admin, groups.updater, topics.purchases)) === 0 &&
        (await groupLag(k.admin, groups.scorer, topics.featuresChanged)) === 0,
      {
        what: 'both consumer groups to reach the end of their topics',
        timeoutMs: 20 * 60_000,
        intervalMs: 500,
      },
    );
    await fleet.waitAll(200, 'every member ready after the drain', 120_000);
    log('drained; computing the verdict');

    const pointer = (await readCurrentPointer(registry.dir))!;
    const model = await loadModelFromRegistry(registry.dir, FEATURE_NAMES, pointer.version, {
      featureSetVersion: FEATURE_SET_VERSION,
    });
    const redis = new Redis(redisInfra.url);
    const scorer = fleet.live('scorer')[0]!;
    const scores = new CreditScoreClient({
      address: `127.0.0.1:${scorer.grpcPort}`,
      apiKey: API_KEY.all,
      deadlineMs: 60_000,
    });
    try {
      report.verdict = await computeVerdict({
        kafka,
        topics,
        groups,
        redis,
        keys: keyBuilder(keyPrefix),
        model,
        scores,
        stream: streamParams,
        applyOptions: { allowedLatenessMs: ALLOWED_LATENESS_HOURS * HOUR_MS },
      });
      if (p.fuzzCalls > 0) {
        log(`gRPC fuzz: ${p.fuzzCalls} calls against ${scorer.name}`);
        const known = (await scores.batchGetScores([firstGoodUser(streamParams)])).scores[0]?.userId;
        report.fuzz = await runGrpcFuzz({
          address: `127.0.0.1:${scorer.grpcPort}`,
          adminPort: scorer.adminPort,
          seed: p.seed,
          calls: p.fuzzCalls,
          knownUser: known ?? firstGoodUser(streamParams),
        });
      }
    } finally {
      scores.close();
      redis.disconnect();
    }
    await fleet.shutdown();
    report.failures.push(...report.verdict.differences.map((d) => `${d.subject}: ${d.what}`));
    if (report.fuzz) report.failures.push(...report.fuzz.violations);
    return report;
  } catch (err) {
    report.failures.push(`the run stopped: ${(err as Error).stack ?? String(err)}`);
    return report;
  } finally {
    if (report.fleet) report.failures.push(...report.fleet.unexpected);
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    report.durationMs = Date.now() - started;
  }
}

function firstGoodUser(p: StreamParams): string {
  for (const m of faultStream(p)) if (m.kind === 'good') return m.event!.userId;
  throw new Error('the stream has no good event');
}

function take<T>(it: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

/** In order: runs of ordinary messages in one request, each large message in one of its own. */
async function send(producer: Producer, topic: string, chunk: StreamMessage[]) {
  let run: Message[] = [];
  const flush = async () => {
    if (run.length > 0) await producer.send({ topic, acks: -1, messages: run });
    run = [];
  };
  for (const m of chunk) {
    const message = { key: m.key, value: m.value, headers: { [SEQ_HEADER]: String(m.seq) } };
    if ((m.value?.length ?? 0) + (m.key?.length ?? 0) > LARGE) {
      await flush();
      run = [message];
      await flush();
    } else run.push(message);
  }
  await flush();
}

async function throttle(admin: Admin, group: string, topic: string, pos: number, window: number) {
  if (pos < window) return;
  await waitFor(async () => (await groupLag(admin, group, topic)) <= window, {
    what: `the updaters to come within ${window} messages of the producer`,
    timeoutMs: 10 * 60_000,
    intervalMs: 200,
  });
}

interface RedisOutage {
  /** Where the append-only log stood when the outage was planned: the crash cuts it back there. */
  mark?: AofMark;
  /** The updaters' committed offsets then (summed over partitions). */
  committed: number;
  crashAt: number;
  restartAt: number;
  down: boolean;
  /** Retries each updater had logged at the crash. */
  retries: Map<Member, number>;
}

/** Sum of a group's committed offsets over a topic's partitions. */
async function committed(admin: Admin, group: string, topic: string): Promise<number> {
  const [c] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return c!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/**
 * Once the updaters have committed batches whose Redis writes came after the mark, Redis is killed
 * and its log cut back to the mark: Kafka holds commits for writes Redis no longer has, the
 * situation of a machine crash with fsync every second.
 */
async function crashRedis(
  o: RedisOutage,
  redis: PrivateRedis,
  fleet: Fleet,
  report: FaultRunReport,
  log: (s: string) => void,
  progress: () => Promise<number>,
) {
  await waitFor(async () => (await progress()) > o.committed, {
    what: 'the updaters to commit batches written after the mark',
    timeoutMs: 300_000,
    intervalMs: 200,
  });
  report.redisLostBytes = await redis.crash(o.mark);
  for (const m of fleet.live('updater')) o.retries.set(m, m.retries());
  o.down = true;
  log(`Redis killed (-9) with the last ${report.redisLostBytes} bytes of its log lost; the stream goes on`);
}

/** Every member not ready and every updater retrying with backoff; then Redis comes back. */
async function endRedisOutage(
  o: RedisOutage,
  redis: PrivateRedis,
  fleet: Fleet,
  report: FaultRunReport,
  log: (s: string) => void,
) {
  await fleet.waitAll(503, 'every member to report not ready while Redis is down', 120_000);
  await waitFor(() => fleet.live('updater').every((m) => m.retries() - (o.retries.get(m) ?? 0) >= 2), {
    what: 'every updater to retry its batch with backoff',
    timeoutMs: 120_000,
    intervalMs: 200,
  });
  report.notReadySeen.redis = fleet.live().length;
  await redis.start();
  report.restarts.redis++;
  log('every member not ready and retrying without Redis; Redis restarted');
  await fleet.waitAll(200, 'every member ready again with Redis back', 240_000);
  log('every member ready again');
}

async function brokerOutage(
  broker: PrivateKafka,
  fleet: Fleet,
  report: FaultRunReport,
  log: (s: string) => void,
) {
  await fleet.waitAll(200, 'every member ready before the broker goes down', 180_000);
  await broker.crash();
  log('broker killed (-9)');
  await fleet.waitAll(503, 'every member to report not ready while the broker is down', 120_000);
  report.notReadySeen.broker = fleet.live().length;
  await broker.start();
  report.restarts.broker++;
  log('every member not ready without the broker; broker restarted');
  await fleet.waitAll(200, 'every member ready again with the broker back', 300_000);
  log('every member ready again');
}
