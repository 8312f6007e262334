// Consumer lag measured on the real broker against backlogs of known size: the numbers, the
// Burrow-style status, the exported series, /readyz, the `lag` command, and the updater draining
// a backlog while the exporter watches.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { withKafka, testKafka } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { randomEvents } from '../../helpers/events';
import { produceEvents } from '../../helpers/pipeline';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { TEST_BROKERS } from '../../helpers/services';
import { projectPath } from '../../../services/common/paths';
import { fetchGroupLag } from '../../../services/common/ops/lag/consumer-lag';
import { LagMonitor } from '../../../services/common/ops/lag/lag-monitor';
import { parsePrometheusText, type Sample } from '../../../services/common/ops/prom-text';
import { startOpsService } from '../../../services/ops/service';
import { readOpsConfig } from '../../../services/ops/config';

const run = promisify(execFile);
const BACKLOG = [30, 20, 10]; // messages per partition

describe('consumer lag (real Kafka)', () => {
  const k = withKafka();
  const r = withRedis();
  let topic: string;

  before(async () => {
    topic = await k.topic('lag', BACKLOG.length);
    for (const [partition, n] of BACKLOG.entries())
      await k.producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: n }, (_, i) => ({ partition, key: `k${i}`, value: `m${i}` })),
      });
  });

  /** Commits offsets for a group with no members, as `kafka-consumer-groups --reset-offsets` does. */
  const commit = (groupId: string, offsets: Record<number, number>) =>
    k.admin.setOffsets({
      groupId,
      topic,
      partitions: Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: String(o) })),
    });
  const produce = (perPartition: number) =>
    k.producer.send({
      topic,
      acks: -1,
      messages: BACKLOG.flatMap((_, partition) =>
        Array.from({ length: perPartition }, () => ({ partition, value: 'more' })),
      ),
    });

  /** A group with commits on partitions 0 and 1 only: measured, then exported. */
  const knownGroup = uniqueName('lag-known');

  it('measures committed offsets against log ends: the lag is the known backlog', async () => {
    const group = knownGroup;
    await commit(group, { 0: 10, 1: 5 }); // partition 2: never committed
    const lag = await fetchGroupLag(k.admin, group, [topic]);
    expect(lag.partitions.map((p) => [p.partition, p.committed, p.end, p.lag])).to.deep.equal([
      [0, 10, 30, 20],
      [1, 5, 20, 15],
      [2, null, 10, 10], // no commit: everything retained is still to be read
    ]);
    expect(lag.members).to.equal(0);
  });

  it('follows Burrow: STALL, OK when caught up, WARN while lag grows, REWIND, STOP when the member leaves', async () => {
    const group = uniqueName('lag-status');
    const monitor = new LagMonitor({ admin: k.admin, groups: [{ group, topics: [topic] }], windowSize: 3 });
    // A member that reads but commits only what the test tells it to.
    const consumer = testKafka().consumer({ groupId: group });
    const commitAll = (offsets: number[]) =>
      consumer.commitOffsets(offsets.map((o, partition) => ({ topic, partition, offset: String(o) })));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await waitFor(async () => (await fetchGroupLag(k.admin, group, [topic])).state === 'Stable', {
        what: 'the consumer to join',
      });
      const ends = (await k.admin.fetchTopicOffsets(topic))
        .sort((a, b) => a.partition - b.partition)
        .map((e) => Number(e.high));
      await commitAll([ends[0]! - 20, ends[1]! - 15, ends[2]! - 10]);
      let report = await monitor.poll();
      expect(report.groups[0]!.status).to.equal('OK'); // an incomplete window is no evidence yet
      await monitor.poll();
      report = await monitor.poll();
      expect(report.groups[0]!.lagSum).to.equal(45);
      expect(report.groups[0]!.members).to.equal(1);
      expect(report.groups[0]!.status).to.equal('STALL');
      expect(report.groups[0]!.partitions.every((p) => p.owner?.clientId === 'creditscore-test')).to.equal(
        true,
      );

      await commitAll(ends);
      report = await monitor.poll();
      expect(report.groups[0]!.status).to.equal('OK');
      expect(report.groups[0]!.lagSum).to.equal(0);

      // Three polls in which the group advances by 1 per partition while 5 more arrive.
      for (let round = 1; round <= 3; round++) {
        await produce(5);
        await commitAll(ends.map((e) => e + round));
        report = await monitor.poll();
      }
      expect(report.groups[0]!.partitions.map((p) => p.lag)).to.deep.equal([12, 12, 12]);
      expect(report.groups[0]!.status).to.equal('WARN');

      await commitAll([1, 1, 1]);
      report = await monitor.poll();
      expect(report.groups[0]!.status).to.equal('REWIND');
    } finally {
      await consumer.disconnect();
    }
    // Nobody consumes any more and the offsets stay where they are: STOP.
    await waitFor(async () => (await fetchGroupLag(k.admin, group, [topic])).members === 0, {
      what: 'the member to leave',
    });
    await monitor.poll();
    await monitor.poll();
    const report = await monitor.poll();
    expect(report.groups[0]!.status).to.equal('STOP');
  });

  it('exports kafka_consumergroup_lag and the status on /metrics and /readyz; `lag` prints the same', async () => {
    const group = knownGroup; // committed 10 and 5 on partitions 0 and 1 in the first test
    const ends = await k.admin.fetchTopicOffsets(topic); // the topic has grown since
    const end = new Map(ends.map((e) => [e.partition, Number(e.high)]));
    const expected = { '0': end.get(0)! - 10, '1': end.get(1)! - 5, '2': end.get(2)! };
    const ops = await startOpsService(
      readOpsConfig({
        KAFKA_BROKERS: TEST_BROKERS.join(','),
        ADMIN_PORT: '0',
        LAG_GROUPS: `${group}=${topic}`,
        LAG_POLL_MS: '100',
        LAG_WINDOW: '3',
        SCRAPE_TARGETS: 'nothing=http://127.0.0.1:9/metrics',
      }),
    );
    try {
      const base = `http://127.0.0.1:${ops.adminPort}`;
      const samples = await waitFor(
        async () => {
          const s = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
          return (
            value(s, 'creditscore_consumergroup_status', { consumergroup: group, status: 'STOP' }) === 1 && s
          );
        },
        { what: 'the exporter to report STOP' },
      );
      const lagByPartition = Object.fromEntries(
        samples
          .filter((s) => s.name === 'kafka_consumergroup_lag' && s.labels.consumergroup === group)
          .map((s) => [s.labels.partition, s.value]),
      );
      expect(lagByPartition).to.deep.equal(expected);
      const sum = Object.values(expected).reduce((a, b) => a + b, 0);
      expect(value(samples, 'kafka_consumergroup_lag_sum', { consumergroup: group, topic })).to.equal(sum);
      expect(
        value(samples, 'kafka_consumergroup_current_offset', { consumergroup: group, partition: '0' }),
      ).to.equal(10);
      expect(
        value(samples, 'kafka_consumergroup_lag_seconds', { consumergroup: group, partition: '2' }),
      ).to.be.at.least(0);
      expect(value(samples, 'creditscore_consumergroup_status_severity', { consumergroup: group })).to.equal(
        4,
      );

      const ready = (await (await fetch(`${base}/readyz`)).json()) as {
        ready: boolean;
        detail: { groups: Record<string, { status: string; lag: number }> };
      };
      expect(ready.ready).to.equal(true);
      expect(ready.detail.groups[group]).to.include({ status: 'STOP', lag: sum });

      const { stdout } = await run(
        process.execPath,
        [
          projectPath('dist', 'services', 'ops', 'cli', 'lag.js'),
          '--group',
          `${group}=${topic}`,
          '--samples',
          '3',
          '--interval-ms',
          '20',
        ],
        { env: { ...process.env, KAFKA_BROKERS: TEST_BROKERS.join(','), LOG_LEVEL: 'warn' } },
      );
      const rows = stdout
        .split('\n')
        .filter((l) => l.startsWith(group))
        .map((l) => l.split(/\s+/));
      expect(rows.map((c) => [c[2], c[5], c[7]])).to.deep.equal([
        ['0', String(expected['0']), 'STOP'],
        ['1', String(expected['1']), 'STOP'],
        ['2', String(expected['2']), 'STOP'],
      ]);
      expect(stdout).to.contain(`Consumer group '${group}': status STOP`);
    } finally {
      await ops.stop();
    }
  });

  it('watches the feature-updater drain a known backlog: lag from the backlog size to 0, status OK', async () => {
    const s = await newUpdaterSetup(k, r, 3);
    const events = randomEvents({ seed: 61, users: 40, count: 600, userPrefix: uniqueName('lagu') });
    await produceEvents(k.producer, s.purchases, events);
    const monitor = new LagMonitor({
      admin: k.admin,
      groups: [{ group: s.groupId, topics: [s.purchases] }],
      windowSize: 3,
    });
    const before = await monitor.poll();
    expect(before.groups[0]!.lagSum).to.equal(events.length);
    expect(before.groups[0]!.status).to.equal('NOTFOUND'); // the group does not exist yet

    const updater = await startUpdaterInProcess(s);
    try {
      const drained = await waitFor(
        async () => {
          const g = (await monitor.poll()).groups[0]!;
          return g.lagSum === 0 && g.members === 1 && g.status === 'OK' && g;
        },
        { what: 'the updater to drain the backlog', timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(drained.partitions.reduce((sum, p) => sum + (p.committed ?? 0), 0)).to.equal(events.length);

      // The updater's own view: pipeline metrics and readiness details.
      const base = `http://127.0.0.1:${updater.adminPort}`;
      const metrics = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
      expect(value(metrics, 'creditscore_event_to_features_seconds_count', {})).to.equal(events.length);
      expect(value(metrics, 'creditscore_updater_assigned_partitions', {})).to.equal(3);
      for (const operation of ['profiles_read', 'profiles_write', 'checkpoint_read', 'checkpoint_advance'])
        expect(
          value(metrics, 'creditscore_redis_call_seconds_count', { operation }),
          operation,
        ).to.be.greaterThan(0);
      const ready = (await (await fetch(`${base}/readyz`)).json()) as {
        ready: boolean;
        detail: Record<string, unknown>;
      };
      expect(ready.ready).to.equal(true);
      expect(ready.detail).to.include({
        kafka: 'connected',
        redis: 'ready',
        group: s.groupId,
        topic: s.purchases,
      });
    } finally {
      await updater.stop();
    }
  });
});

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}
