// The updater's pipeline metrics (names follow Prometheus conventions: *_total counters, seconds).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchPlan } from './plan-batch';
import {
  freshnessHistogram,
  hopLatency,
  redisLatency,
  type HopLatency,
} from '../common/ops/pipeline-metrics';

export class UpdaterMetrics {
  private readonly events: Counter<'outcome'>;
  private readonly deadLetters: Counter<'reason'>;
  private readonly batchSize: Histogram;
  private readonly batchSeconds: Histogram;
  private readonly pruned: Counter;
  /** Redis call latency by operation (see timed-stores.ts). */
  readonly redis: ReturnType<typeof redisLatency>;
  private readonly freshness: Histogram;
  /** Purchase events' age when their batch reaches the handler. */
  readonly hops: HopLatency;
  private readonly assigned: Gauge;

  constructor(registry: Registry) {
    this.redis = redisLatency(registry);
    this.freshness = freshnessHistogram(registry, 'features');
    this.hops = hopLatency(registry);
    this.assigned = new Gauge({
      name: 'creditscore_updater_assigned_partitions',
      help: 'Partitions of the purchases topic assigned to this instance',
      registers: [registry],
    });
    this.events = new Counter({
      name: 'creditscore_updater_events_total',
      help: 'Purchase events consumed, by outcome (applied, duplicate, too_late, already_applied, invalid)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'creditscore_dead_letters_total',
      help: 'Messages sent to the dead-letter topic, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'creditscore_updater_batch_size',
      help: 'Messages per processed partition batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'creditscore_updater_batch_seconds',
      help: 'Time to process one partition batch (decode, Redis, produce)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.pruned = new Counter({
      name: 'creditscore_profiles_expired_total',
      help: 'Inactive profiles deleted by the expiry sweep',
      registers: [registry],
    });
  }

  recordPruned(count: number): void {
    this.pruned.inc(count);
  }

  recordBatch(plan: BatchPlan, seconds: number): void {
    const c = plan.counts;
    this.events.inc({ outcome: 'applied' }, c.applied);
    this.events.inc({ outcome: 'duplicate' }, c.duplicate);
    this.events.inc({ outcome: 'too_late' }, c.tooLate);
    this.events.inc({ outcome: 'already_applied' }, c.alreadyApplied);
    this.events.inc({ outcome: 'invalid' }, c.invalid);
    for (const d of plan.deadLetters) this.deadLetters.inc({ reason: d.reason });
    this.batchSize.observe(c.applied + c.duplicate + c.tooLate + c.alreadyApplied + c.invalid);
    this.batchSeconds.observe(seconds);
  }

  /** Event-to-features freshness: each message's Kafka timestamp to its batch being durable. */
  recordFreshness(kafkaTimestampsMs: number[], nowMs: number): void {
    for (const t of kafkaTimestampsMs) if (t > 0) this.freshness.observe(Math.max(0, (nowMs - t) / 1000));
  }

  setAssignedPartitions(count: number): void {
    this.assigned.set(count);
  }
}
