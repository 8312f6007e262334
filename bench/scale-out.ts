// Scaling benchmark: 1, 2, 3 ... instances (child processes in one consumer group) of the
// feature-updater draining a purchases backlog, and of the scorer draining a features.changed
// backlog, on 12-partition topics; each figure beside the one-instance figure of the same run.
// The backlog is held in an open transaction until the group has settled and drained a warm-up
// (held-backlog.ts), so the clock runs from its release to the group's last commit: no process
// start-up, no rebalance, no JIT warm-up in the figure.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Admin, Kafka } from 'kafkajs';
import type { RedisClient } from '../services/common/redis/client';
import { ensureTopics } from '../services/common/kafka/topics';
import { purchaseEventCodec, featuresChangedCodec } from '../services/common/events/event-codecs';
import { latestEventTimeMs, type ProfileState } from '../services/common/features';
import { keyBuilder } from '../services/common/redis/keys';
import { deleteByPrefix } from '../test/helpers/redis';
import { offlineReplay, storeProfiles } from '../test/helpers/pipeline';
import { updaterEnv } from '../test/helpers/updater';
import {
  metricValue,
  startInstances,
  stopInstances,
  waitForSpread,
  whileAlive,
  type Instance,
} from '../test/helpers/fleet';
import { scorerEnv } from '../test/integration/scorer/scorer-fixture';
import { holdBacklog, type HeldBacklog } from './held-backlog';
import { benchEvent, waitForCommitted } from './updater-throughput';

export interface ScaleRow {
  service: 'feature-updater' | 'scorer';
  instances: number;
  /** Events (updater) or notices, one per shopper, each giving a score (scorer). */
  messages: number;
  seconds: number;
  perSec: number;
  /** perSec over the one-instance perSec of the same run. */
  ratio: number;
  /** CPU the instances used while draining, in cores (CPU seconds over wall seconds). */
  cores: number;
  /** Work done by each instance: events applied or scores computed. */
  shares: number[];
  /** CPU of the whole machine busy while draining, in cores (broker, Redis, anything else). */
  machine: number;
  /** 1-minute load average when the drain started (the machine is shared). */
  load: number;
}

export interface ScaleOptions {
  kafka: Kafka;
  admin: Admin;
  redis: RedisClient;
  redisUrl: string;
  /** Unique per run (topic, group and key names). */
  run: string;
  instances: number[];
  partitions: number;
  events: number;
  users: number;
  modelsDir: string;
  onRow?: (row: ScaleRow) => void;
}

interface Drain {
  seconds: number;
  cores: number;
  machine: number;
  load: number;
}

/** Busy and total CPU time of the whole machine so far, in seconds (Linux /proc/stat; else NaN). */
function machineCpu(): { busy: number; total: number } {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const t = ticks.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
    const total = t.reduce((a, b) => a + b, 0) / 100; // USER_HZ is 100 on Linux
    return { busy: total - (t[3]! + t[4]!) / 100, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

const cpuSeconds = async (instances: Instance[]) =>
  (await Promise.all(instances.map((i) => metricValue(i, 'process_cpu_seconds_total')))).reduce(
    (a, b) => a + b,
    0,
  );

/**
 * Settles the group, lets it drain the warm-up messages, releases the held backlog and times the
 * group to its last commit. `work` reads what one instance has done (a counter on its /metrics).
 */
async function timeDrain(
  admin: Admin,
  instances: Instance[],
  backlog: HeldBacklog,
  group: { id: string; topic: string; partitions: number },
  work: (i: Instance) => Promise<number>,
): Promise<Drain & { shares: number[] }> {
  await waitForSpread(instances, group.partitions, `${instances.length} instances of ${group.id}`, 180_000);
  await whileAlive(instances, waitForCommitted(admin, group.id, group.topic, backlog.warmUp));
  const [cpu0, work0] = await Promise.all([cpuSeconds(instances), Promise.all(instances.map(work))]);
  const load = loadavg()[0]!;
  const m0 = machineCpu();
  const t0 = performance.now();
  await backlog.release();
  await whileAlive(instances, waitForCommitted(admin, group.id, group.topic, backlog.warmUp + backlog.count));
  const seconds = (performance.now() - t0) / 1000;
  const m1 = machineCpu();
  const [cpu1, work1] = await Promise.all([cpuSeconds(instances), Promise.all(instances.map(work))]);
  return {
    seconds,
    cores: (cpu1 - cpu0) / seconds,
    machine: ((m1.busy - m0.busy) / (m1.total - m0.total)) * cpus().length,
    load,
    shares: work1.map((w, i) => w - work0[i]!),
  };
}

/** Times the instances draining the backlog, then stops them and deletes the run's topics and keys. */
async function drainThenClean(
  o: ScaleOptions,
  run: {
    service: ScaleRow['service'];
    instances: Instance[];
    backlog: HeldBacklog;
    group: { id: string; topic: string };
    work: (i: Instance) => Promise<number>;
    topics: string[];
    keyPrefix: string;
  },
): Promise<Omit<ScaleRow, 'ratio'>> {
  try {
    const d = await timeDrain(
      o.admin,
      run.instances,
      run.backlog,
      { ...run.group, partitions: o.partitions },
      run.work,
    );
    return {
      service: run.service,
      instances: run.instances.length,
      messages: run.backlog.count,
      perSec: run.backlog.count / d.seconds,
      ...d,
    };
  } finally {
    await stopInstances(run.instances);
    await run.backlog.abort();
    await o.admin.deleteTopics({ topics: run.topics }).catch(() => undefined);
    await deleteByPrefix(o.redis, run.keyPrefix);
  }
}

/** A fifth of the timed amount first, untimed: JIT compilation and first connections. */
const warmUpFor = (count: number) => Math.max(1, Math.round(count / 5));

async function updaterRun(o: ScaleOptions, n: number): Promise<Omit<ScaleRow, 'ratio'>> {
  const name = `bench-scale-${o.run}-u${n}`;
  const s = {
    purchases: `${name}-purchases`,
    deadLetters: `${name}-dlq`,
    featuresChanged: `${name}-changed`,
    groupId: `${name}-group`,
    keyPrefix: `bs${o.run}u${n}`,
    redisUrl: o.redisUrl,
  };
  await ensureTopics(o.admin, [
    { topic: s.purchases, partitions: o.partitions },
    { topic: s.featuresChanged, partitions: o.partitions },
    { topic: s.deadLetters, partitions: 1 },
  ]);
  const codec = purchaseEventCodec();
  const backlog = await holdBacklog(o.kafka, {
    topic: s.purchases,
    warmUp: warmUpFor(o.events),
    count: o.events,
    message: (i) => {
      const e = benchEvent(i, o.users);
      return { key: e.userId, value: codec.encode(e) };
    },
    transactionalId: name,
  });
  const instances = await startInstances('feature-updater/main.js', n, updaterEnv(s, { LOG_LEVEL: 'warn' }));
  return drainThenClean(o, {
    service: 'feature-updater',
    instances,
    backlog,
    group: { id: s.groupId, topic: s.purchases },
    work: (i) => metricValue(i, 'creditscore_updater_events_total', { outcome: 'applied' }),
    topics: [s.purchases, s.featuresChanged, s.deadLetters],
    keyPrefix: s.keyPrefix,
  });
}

/** One notice per shopper: the first ones warm the group up, the rest are timed. */
async function scorerRun(
  o: ScaleOptions,
  n: number,
  states: Map<string, ProfileState>,
): Promise<Omit<ScaleRow, 'ratio'>> {
  const name = `bench-scale-${o.run}-s${n}`;
  const s = {
    featuresChanged: `${name}-changed`,
    scores: `${name}-scores`,
    decisions: `${name}-decisions`,
    groupId: `${name}-group`,
    keyPrefix: `bs${o.run}s${n}`,
    modelsDir: o.modelsDir,
    redisUrl: o.redisUrl,
  };
  await storeProfiles(o.redis, keyBuilder(s.keyPrefix), states);
  await ensureTopics(o.admin, [{ topic: s.featuresChanged, partitions: o.partitions }]);
  const users = [...states];
  const warmUp = warmUpFor(users.length);
  const codec = featuresChangedCodec();
  const backlog = await holdBacklog(o.kafka, {
    topic: s.featuresChanged,
    warmUp,
    count: users.length - warmUp,
    message: (i) => {
      const [userId, state] = users[i]!;
      const value = codec.encode({
        userId,
        featureVersion: i,
        lastEventTime: latestEventTimeMs(state)!,
        updatedAt: Date.now(),
        sourcePartition: 0,
        sourceOffset: i,
      });
      return { key: userId, value };
    },
    transactionalId: name,
  });
  const instances = await startInstances(
    'scorer/main.js',
    n,
    // The production model poll (the test fixture polls every 100 ms).
    scorerEnv(s, {
      FEATURES_CHANGED_PARTITIONS: String(o.partitions),
      MODEL_POLL_MS: '1000',
      LOG_LEVEL: 'warn',
    }),
    { grpc: true },
  );
  return drainThenClean(o, {
    service: 'scorer',
    instances,
    backlog,
    group: { id: s.groupId, topic: s.featuresChanged },
    work: (i) => metricValue(i, 'creditscore_scorer_scores_total', { outcome: 'written' }),
    topics: [s.featuresChanged, s.scores, s.decisions],
    keyPrefix: s.keyPrefix,
  });
}

export async function measureScaleOut(o: ScaleOptions): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const add = (row: Omit<ScaleRow, 'ratio'>) => {
    // The latest one-instance figure: BENCH_SCALE_INSTANCES=1,2,3,1,2,3 repeats rounds, each
    // against its own baseline.
    const base =
      row.instances === 1
        ? row.perSec
        : ([...rows].reverse().find((r) => r.service === row.service && r.instances === 1)?.perSec ??
          row.perSec);
    const full = { ...row, ratio: row.perSec / base };
    rows.push(full);
    o.onRow?.(full);
  };
  for (const n of o.instances) add(await updaterRun(o, n));
  // Every shopper of the updater's events (warm-up included) has a profile to score.
  const states = offlineReplay(
    Array.from({ length: warmUpFor(o.events) + o.events }, (_, i) => benchEvent(i, o.users)),
  );
  for (const n of o.instances) add(await scorerRun(o, n, states));
  return rows;
}

export const SCALE_HEADER =
  "service          instances  messages   seconds   per second   vs 1   instances' CPU   per CPU s   machine CPU   share per instance     load";

export function scaleLine(r: ScaleRow): string {
  const total = r.shares.reduce((a, b) => a + b, 0) || 1;
  const shares = r.shares.map((s) => `${Math.round((100 * s) / total)}%`).join('/');
  return [
    r.service.padEnd(16),
    String(r.instances).padStart(9),
    String(r.messages).padStart(9),
    r.seconds.toFixed(2).padStart(9),
    Math.round(r.perSec).toLocaleString('en-US').padStart(12),
    r.ratio.toFixed(2).padStart(6),
    r.cores.toFixed(2).padStart(16),
    Math.round(r.perSec / r.cores)
      .toLocaleString('en-US')
      .padStart(11),
    r.machine.toFixed(2).padStart(13),
    `  ${shares}`.padEnd(22),
    r.load.toFixed(1).padStart(6),
  ].join(' ');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** With repeated rounds: per service and N, the median rate, ratio (within its round) and rate per CPU-second. */
export function scaleSummary(rows: ScaleRow[]): string[] {
  const groups = new Map<string, ScaleRow[]>();
  for (const r of rows) {
    const key = `${r.service} ${r.instances}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([key, rs]) => {
    const [service, n] = key.split(' ');
    return [
      service!.padEnd(16),
      n!.padStart(9),
      `  runs ${rs.length}`,
      `  median ${Math.round(median(rs.map((r) => r.perSec))).toLocaleString('en-US')}/s`,
      `  vs 1 ${median(rs.map((r) => r.ratio)).toFixed(2)} (${rs.map((r) => r.ratio.toFixed(2)).join(', ')})`,
      `  per CPU s ${Math.round(median(rs.map((r) => r.perSec / r.cores))).toLocaleString('en-US')}`,
    ].join('');
  });
}
