// Prometheus itself (Debian's package, installed on demand) scrapes the feature-updater and the ops
// service while the updater drains a known backlog; a query for the lag series returns the
// group's partitions. The shipped configuration and alert rules pass promtool's checks and the
// alert unit tests in infra/prometheus/alerts.test.yml.
import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withKafka } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { randomEvents } from '../../helpers/events';
import { produceEvents } from '../../helpers/pipeline';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { freePort } from '../../helpers/processes';
import { TEST_BROKERS } from '../../helpers/services';
import { ensureDebianPackage } from '../../helpers/system-packages';
import { projectPath } from '../../../services/common/paths';
import { startOpsService } from '../../../services/ops/service';
import { readOpsConfig } from '../../../services/ops/config';

const run = promisify(execFile);

interface QueryResult {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('Prometheus scrapes the services (real Kafka + Redis + Prometheus)', function () {
  const k = withKafka();
  const r = withRedis();
  let prometheus: string;
  let promtool: string;

  before(function () {
    this.timeout(900_000); // a clean CI machine installs the Debian package here, once
    const found = ensureDebianPackage(['prometheus'], 'prometheus');
    const tool = ensureDebianPackage(['promtool'], 'prometheus');
    if (!found.path || !tool.path) {
      console.log(`      skipped: no Prometheus (${found.why ?? tool.why})`);
      this.skip();
    }
    prometheus = found.path!;
    promtool = tool.path!;
  });

  it('the shipped configuration and alert rules are valid, and the alerts fire when they should', async () => {
    const dir = projectPath('infra', 'prometheus');
    await run(promtool, ['check', 'config', 'prometheus.yml'], { cwd: dir });
    await run(promtool, ['check', 'rules', 'alerts.yml'], { cwd: dir });
    const { stdout } = await run(promtool, ['test', 'rules', 'alerts.test.yml'], { cwd: dir });
    expect(stdout).to.contain('SUCCESS');
  });

  it('scrapes the updater and the lag exporter; the lag query returns every partition of the group', async () => {
    const s = await newUpdaterSetup(k, r, 3);
    const events = randomEvents({ seed: 81, users: 30, count: 300, userPrefix: uniqueName('prom') });
    await produceEvents(k.producer, s.purchases, events);
    const updater = await startUpdaterInProcess(s);
    const ops = await startOpsService(
      readOpsConfig({
        KAFKA_BROKERS: TEST_BROKERS.join(','),
        ADMIN_PORT: '0',
        LAG_GROUPS: `${s.groupId}=${s.purchases}`,
        LAG_POLL_MS: '500',
        SCRAPE_TARGETS: `feature-updater=http://127.0.0.1:${updater.adminPort}/metrics`,
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'cs-prometheus-'));
    let proc: ChildProcess | undefined;
    try {
      // The shipped file's jobs and rules, pointed at this test's ports.
      const config = [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${projectPath('infra', 'prometheus', 'alerts.yml')}']`,
        'scrape_configs:',
        `  - { job_name: creditscore-feature-updater, static_configs: [{ targets: ['127.0.0.1:${updater.adminPort}'] }] }`,
        `  - { job_name: creditscore-ops, static_configs: [{ targets: ['127.0.0.1:${ops.adminPort}'] }] }`,
      ].join('\n');
      writeFileSync(join(dir, 'prometheus.yml'), config);
      const port = await freePort();
      let output = '';
      proc = spawn(
        prometheus,
        [
          `--config.file=${join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-5_000)));
      const query = async (q: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
        return (await res.json()) as QueryResult;
      };

      const lag = await waitFor(
        async () => {
          const res = await query(`kafka_consumergroup_lag{consumergroup="${s.groupId}"}`);
          return res.data.result.length === 3 && res;
        },
        {
          what: `Prometheus to have the lag series (prometheus log: ${output.slice(-300)})`,
          timeoutMs: 60_000,
          intervalMs: 250,
        },
      );
      expect(lag.data.result.map((x) => x.metric.partition).sort()).to.deep.equal(['0', '1', '2']);
      expect(
        lag.data.result.every((x) => x.metric.topic === s.purchases && x.metric.job === 'creditscore-ops'),
      ).to.equal(true);

      // Drained: the lag Prometheus stores falls to 0, and the updater's counters have every event.
      await waitFor(
        async () => {
          const sum = await query(`sum(kafka_consumergroup_lag{consumergroup="${s.groupId}"})`);
          const consumed = await query(
            'sum(creditscore_updater_events_total{job="creditscore-feature-updater"})',
          );
          return (
            sum.data.result[0]?.value[1] === '0' &&
            consumed.data.result[0]?.value[1] === String(events.length)
          );
        },
        { what: 'Prometheus to see the backlog drained', timeoutMs: 60_000, intervalMs: 250 },
      );
      const up = await query('up');
      expect(up.data.result.map((x) => [x.metric.job, x.value[1]]).sort()).to.deep.equal([
        ['creditscore-feature-updater', '1'],
        ['creditscore-ops', '1'],
      ]);
      const rules = (await (await fetch(`http://127.0.0.1:${port}/api/v1/rules`)).json()) as {
        data: { groups: { name: string; rules: { name: string }[] }[] };
      };
      expect(rules.data.groups[0]!.rules.map((x) => x.name)).to.include.members([
        'ConsumerLagGrowing',
        'ConsumerGroupStalled',
        'DeadLetterRateHigh',
        'FreshnessSLOBreach',
        'ServiceDown',
      ]);
    } finally {
      if (proc && proc.exitCode === null) {
        const gone = new Promise((resolve) => proc!.once('exit', resolve));
        proc.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
      await ops.stop();
      await updater.stop();
    }
  });
});
