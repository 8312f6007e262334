// The built-in dashboard, opened in headless Chromium while the pipeline runs: the feature-updater
// drains a backlog and keeps consuming a trickle of events (with some bad ones) while the ops
// service measures lag and scrapes it. The charts must show that live data; a screenshot is saved
// under test-output/. The scorer has not landed yet: a stand-in admin port exports the scorer's
// metrics (made with the same factories from services/common/ops/pipeline-metrics.ts) so the
// score panels are exercised too.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { Counter, Registry } from 'prom-client';
import type { Browser, Page } from 'playwright-core';
import { withKafka } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { prng, randomEvents } from '../../helpers/events';
import { encodeEvent, produceEvents } from '../../helpers/pipeline';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { freePort } from '../../helpers/processes';
import { TEST_BROKERS } from '../../helpers/services';
import { chromiumPath, launchChromium } from '../../helpers/browser';
import { projectPath } from '../../../services/common/paths';
import { startAdminServer, type AdminServer } from '../../../services/common/ops/admin-server';
import {
  freshnessHistogram,
  modelInfo,
  scoreDistribution,
} from '../../../services/common/ops/pipeline-metrics';
import { startOpsService, type RunningOps } from '../../../services/ops/service';
import { readOpsConfig } from '../../../services/ops/config';
import type { RunningUpdater } from '../../../services/feature-updater/service';

describe('built-in dashboard in headless Chromium (real Kafka + Redis)', function () {
  const k = withKafka();
  const r = withRedis();
  let executablePath: string;
  let browser: Browser | undefined;
  const stops: (() => Promise<unknown> | void)[] = [];

  before(function () {
    this.timeout(900_000); // a clean CI machine installs the Debian package here, once
    const found = chromiumPath();
    if (!found.path) {
      console.log(`      skipped: no Chromium (${found.why})`);
      this.skip();
    }
    executablePath = found.path!;
  });

  // afterEach, not after: withKafka's `after` (registered first, so run first) deletes the topics,
  // and an updater still running then retries its sends to them forever and never stops.
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows live lag, throughput, freshness, dead letters, scores and the model version', async () => {
    const s = await newUpdaterSetup(k, r, 3);
    const users = uniqueName('dash');
    await produceEvents(
      k.producer,
      s.purchases,
      randomEvents({ seed: 71, users: 50, count: 1500, userPrefix: users }),
    );

    const scorer = await standInScorer();
    stops.push(() => scorer.close());
    const updaterPort = await freePort();
    const ops: RunningOps = await startOpsService(
      readOpsConfig({
        KAFKA_BROKERS: TEST_BROKERS.join(','),
        ADMIN_PORT: '0',
        LAG_GROUPS: `${s.groupId}=${s.purchases}`,
        LAG_POLL_MS: '300',
        LAG_WINDOW: '5',
        SCRAPE_TARGETS: `feature-updater=http://127.0.0.1:${updaterPort}/metrics,scorer=http://127.0.0.1:${scorer.port}/metrics`,
      }),
    );
    stops.push(() => ops.stop());

    browser = await launchChromium(executablePath);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${ops.adminPort}/`);
    // The backlog is visible before anyone consumes it.
    await waitFor(async () => sum(await latest(page, 'panel-lag')) === 1500, {
      what: 'the lag chart to show the backlog of 1500',
    });

    const updater: RunningUpdater = await startUpdaterInProcess(s, { ADMIN_PORT: String(updaterPort) });
    stops.push(() => updater.stop());
    // A trickle of new events, one bad message in every batch: the pipeline is live.
    let n = 0;
    const trickle = setInterval(() => {
      n++;
      const events = randomEvents({ seed: 100 + n, users: 50, count: 20, userPrefix: `${users}-t${n}` });
      void k.producer
        .send({
          topic: s.purchases,
          acks: -1,
          messages: [
            ...events.map((e) => ({ key: e.userId, value: encodeEvent(e) })),
            { key: 'x', value: Buffer.from([0xc3, 0x02, 1, 2, 3]) },
          ],
        })
        .catch(() => undefined);
    }, 300);
    stops.push(() => clearInterval(trickle));

    await waitFor(
      async () => {
        const lag = await latest(page, 'panel-lag');
        const drained = Object.keys(lag).length === 3 && sum(lag) < 300;
        return (
          drained &&
          Number(await attr(page, 'panel-throughput', 'max')) > 0 &&
          Number(await attr(page, 'panel-dead-letters', 'max')) > 0 &&
          Number(await attr(page, 'panel-freshness', 'max')) > 0 &&
          Number(await attr(page, 'panel-scores', 'points')) > 0
        );
      },
      { what: 'every chart to show live data', timeoutMs: 90_000, intervalMs: 250 },
    );
    // Live: new points keep arriving.
    const points = Number(await attr(page, 'panel-throughput', 'points'));
    await waitFor(async () => Number(await attr(page, 'panel-throughput', 'points')) > points, {
      what: 'a new point on the throughput chart',
    });
    expect(await page.textContent('#model .body')).to.contain('rf-standin');
    expect(await page.textContent('#groups .body')).to.contain(s.groupId);
    expect(await page.locator('#panel-lag canvas').count()).to.be.greaterThan(0);

    mkdirSync(projectPath('test-output'), { recursive: true });
    const file = projectPath('test-output', 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`      screenshot: ${file}`);
  });
});

function attr(page: Page, panel: string, name: string): Promise<string | null> {
  return page.getAttribute(`#${panel} .chart`, `data-${name}`);
}

/** The latest value of each series of a chart (data-latest, written by dashboard.js). */
async function latest(page: Page, panel: string): Promise<Record<string, number | null>> {
  return JSON.parse((await attr(page, panel, 'latest')) ?? '{}') as Record<string, number | null>;
}

const sum = (values: Record<string, number | null>) =>
  Object.values(values).reduce<number>((a, v) => a + (v ?? 0), 0);

/** Exports what the scorer will: scores written, their points, freshness and the model version. */
async function standInScorer(): Promise<AdminServer> {
  const registry = new Registry();
  const written = new Counter({
    name: 'creditscore_scorer_scores_total',
    help: 'stand-in',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const points = scoreDistribution(registry);
  const freshness = freshnessHistogram(registry, 'score');
  modelInfo(registry).set('rf-standin');
  const rnd = prng(7);
  const timer = setInterval(() => {
    for (let i = 0; i < 20; i++) {
      written.inc({ outcome: 'written' });
      points.observe(Math.round(300 + 550 * ((rnd() + rnd() + rnd()) / 3)));
      freshness.observe(0.05 + rnd() * 0.3);
    }
  }, 200);
  const server = await startAdminServer({
    port: 0,
    registry,
    readiness: () => ({ ready: true, detail: {} }),
  });
  return {
    port: server.port,
    close: async () => {
      clearInterval(timer);
      await server.close();
    },
  };
}
