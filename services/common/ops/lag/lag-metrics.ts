// The lag report as Prometheus series, under the names kafka_exporter and kafka-lag-exporter users
// already graph and alert on (and KEDA's Kafka scaler mirrors): kafka_consumergroup_lag{consumergroup,
// topic,partition}, its per-topic sum, lag in seconds, offsets and members; plus the Burrow-style
// status as a state set (one series per status, 1 for the current one) and as a severity number.
import { Counter, Gauge, type Registry } from 'prom-client';
import { LAG_STATUSES, statusSeverity } from './lag-status';
import type { LagReport } from './lag-monitor';

type PartitionLabels = 'consumergroup' | 'topic' | 'partition';

export class LagMetrics {
  private readonly lag: Gauge<PartitionLabels>;
  private readonly lagSum: Gauge<'consumergroup' | 'topic'>;
  private readonly lagSeconds: Gauge<PartitionLabels>;
  private readonly lagSecondsMax: Gauge<'consumergroup'>;
  private readonly currentOffset: Gauge<PartitionLabels>;
  private readonly topicOffset: Gauge<'topic' | 'partition'>;
  private readonly oldestOffset: Gauge<'topic' | 'partition'>;
  private readonly members: Gauge<'consumergroup'>;
  private readonly status: Gauge<'consumergroup' | 'status'>;
  private readonly severity: Gauge<'consumergroup'>;
  private readonly partitionSeverity: Gauge<PartitionLabels>;
  private readonly pollErrors: Counter<'consumergroup'>;
  private readonly lastPoll: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    const partitionLabels: PartitionLabels[] = ['consumergroup', 'topic', 'partition'];
    this.lag = new Gauge({
      name: 'kafka_consumergroup_lag',
      help: 'Log-end offset minus the group committed offset, per partition (kafka_exporter convention)',
      labelNames: partitionLabels,
      registers,
    });
    this.lagSum = new Gauge({
      name: 'kafka_consumergroup_lag_sum',
      help: 'kafka_consumergroup_lag summed over the partitions of a topic',
      labelNames: ['consumergroup', 'topic'],
      registers,
    });
    this.lagSeconds = new Gauge({
      name: 'kafka_consumergroup_lag_seconds',
      help: 'Estimated age of the oldest unconsumed message (kafka-lag-exporter interpolation)',
      labelNames: partitionLabels,
      registers,
    });
    this.lagSecondsMax = new Gauge({
      name: 'kafka_consumergroup_lag_seconds_max',
      help: 'kafka_consumergroup_lag_seconds, the worst partition of the group',
      labelNames: ['consumergroup'],
      registers,
    });
    this.currentOffset = new Gauge({
      name: 'kafka_consumergroup_current_offset',
      help: 'The group committed offset per partition (absent when it never committed)',
      labelNames: partitionLabels,
      registers,
    });
    this.topicOffset = new Gauge({
      name: 'kafka_topic_partition_current_offset',
      help: 'Log-end offset (high watermark) of a partition',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.oldestOffset = new Gauge({
      name: 'kafka_topic_partition_oldest_offset',
      help: 'Log-start offset of a partition',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.members = new Gauge({
      name: 'kafka_consumergroup_members',
      help: 'Members of the consumer group',
      labelNames: ['consumergroup'],
      registers,
    });
    this.status = new Gauge({
      name: 'creditscore_consumergroup_status',
      help: `Burrow-style group status, 1 for the current one (${LAG_STATUSES.join(', ')})`,
      labelNames: ['consumergroup', 'status'],
      registers,
    });
    this.severity = new Gauge({
      name: 'creditscore_consumergroup_status_severity',
      help: 'Group status as a number, higher is worse: NOTFOUND -1, OK 0, WARN 1, REWIND 2, STALL 3, STOP 4',
      labelNames: ['consumergroup'],
      registers,
    });
    this.partitionSeverity = new Gauge({
      name: 'creditscore_consumergroup_partition_status_severity',
      help: 'Per-partition status as a number (same scale as creditscore_consumergroup_status_severity)',
      labelNames: partitionLabels,
      registers,
    });
    this.pollErrors = new Counter({
      name: 'creditscore_lag_poll_errors_total',
      help: 'Lag measurements of a group that failed (Kafka unreachable, group coordinator moving)',
      labelNames: ['consumergroup'],
      registers,
    });
    this.lastPoll = new Gauge({
      name: 'creditscore_lag_last_poll_timestamp_seconds',
      help: 'When the lag was last measured (Unix seconds)',
      registers,
    });
  }

  /** Replaces every series with the report's: partitions that went away disappear. */
  update(report: LagReport): void {
    for (const g of [this.lag, this.lagSum, this.lagSeconds, this.currentOffset, this.partitionSeverity])
      g.reset();
    for (const g of [
      this.lagSecondsMax,
      this.topicOffset,
      this.oldestOffset,
      this.members,
      this.status,
      this.severity,
    ])
      g.reset();
    const topics = new Set<string>();
    for (const g of report.groups) {
      const consumergroup = g.group;
      if (g.error) this.pollErrors.inc({ consumergroup });
      const sums = new Map<string, number>();
      for (const p of g.partitions) {
        const labels = { consumergroup, topic: p.topic, partition: String(p.partition) };
        this.lag.set(labels, p.lag);
        this.lagSeconds.set(labels, p.lagSeconds);
        this.partitionSeverity.set(labels, statusSeverity(p.status));
        if (p.committed !== null) this.currentOffset.set(labels, p.committed);
        sums.set(p.topic, (sums.get(p.topic) ?? 0) + p.lag);
        const tp = `${p.topic}/${p.partition}`;
        if (!topics.has(tp)) {
          topics.add(tp);
          this.topicOffset.set({ topic: p.topic, partition: String(p.partition) }, p.end);
          this.oldestOffset.set({ topic: p.topic, partition: String(p.partition) }, p.start);
        }
      }
      for (const [topic, sum] of sums) this.lagSum.set({ consumergroup, topic }, sum);
      this.lagSecondsMax.set({ consumergroup }, g.lagSecondsMax);
      this.members.set({ consumergroup }, g.members);
      for (const s of LAG_STATUSES) this.status.set({ consumergroup, status: s }, s === g.status ? 1 : 0);
      this.severity.set({ consumergroup }, statusSeverity(g.status));
    }
    this.lastPoll.set(report.at / 1000);
  }
}
