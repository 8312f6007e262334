// The ops service: measures consumer lag from outside the consumers (as kafka_exporter and Burrow
// do: a stalled or dead consumer cannot report its own lag, and one exporter per cluster avoids
// every instance of a group exporting the same series), exports it on /metrics, and serves the
// built-in live dashboard, which combines the lag with the services' own /metrics.
import type { OpsConfig } from './config';
import { monitoredGroups } from './config';
import { createKafka } from '../common/kafka/client';
import { createMetricsRegistry } from '../common/ops/registry';
import { startAdminServer } from '../common/ops/admin-server';
import { LagMonitor, type LagReport } from '../common/ops/lag/lag-monitor';
import { LagMetrics } from '../common/ops/lag/lag-metrics';
import { DashboardHistory } from '../common/ops/dashboard/history';
import { dashboardRoutes } from '../common/ops/dashboard/routes';
import { parseTargets, scrapeAll } from '../common/ops/dashboard/scrape';
import { logger } from '../common/logger';

export interface RunningOps {
  adminPort: number;
  monitor: LagMonitor;
  stop(): Promise<void>;
}

export async function startOpsService(config: OpsConfig): Promise<RunningOps> {
  const log = logger('ops');
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-ops`);
  const admin = kafka.admin();
  await admin.connect();

  const registry = createMetricsRegistry('ops');
  const lagMetrics = new LagMetrics(registry);
  const monitor = new LagMonitor({
    admin,
    groups: monitoredGroups(config.LAG_GROUPS),
    windowSize: config.LAG_WINDOW,
    onReport: (r) => lagMetrics.update(r),
  });
  const targets = parseTargets(config.SCRAPE_TARGETS);
  const history = new DashboardHistory({
    maxPoints: config.DASHBOARD_POINTS,
    intervalMs: config.LAG_POLL_MS,
  });

  let lastError: string | undefined;
  let report: LagReport | undefined;
  const tick = async () => {
    const [r, scrapes] = await Promise.all([
      monitor.poll().then(
        (x) => x,
        (err: Error) => {
          lastError = err.message;
          return undefined;
        },
      ),
      scrapeAll(targets, Math.min(2_000, config.LAG_POLL_MS)),
    ]);
    if (r) {
      report = r;
      lastError = r.groups.find((g) => g.error)?.error;
    }
    history.add(r, scrapes);
  };
  // Polls one after another (never overlapping), at a steady pace.
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const loop = () => {
    const started = Date.now();
    inFlight = tick()
      .catch((err: Error) => log.warn({ err: err.message }, 'ops poll failed'))
      .then(() => {
        if (!stopped) timer = setTimeout(loop, Math.max(0, config.LAG_POLL_MS - (Date.now() - started)));
      });
    return inFlight;
  };
  await loop();

  const adminServer = await startAdminServer({
    port: config.ADMIN_PORT,
    registry,
    readiness: () => ({
      // Ready when lag can be measured; a group's bad status is news to report, not unreadiness.
      ready: report !== undefined && lastError === undefined,
      detail: {
        kafka: lastError === undefined ? 'connected' : `error: ${lastError}`,
        lastPoll: report ? new Date(report.at).toISOString() : null,
        groups: Object.fromEntries(
          (report?.groups ?? []).map((g) => [
            g.group,
            {
              status: g.status,
              state: g.state,
              members: g.members,
              lag: g.lagSum,
              lagSecondsMax: Number(g.lagSecondsMax.toFixed(3)),
              partitions: g.partitions.map((p) => ({
                topic: p.topic,
                partition: p.partition,
                lag: p.lag,
                status: p.status,
              })),
            },
          ]),
        ),
      },
    }),
    routes: dashboardRoutes(history),
  });
  log.info({ groups: config.LAG_GROUPS, targets: config.SCRAPE_TARGETS }, 'measuring consumer lag');

  return {
    adminPort: adminServer.port,
    monitor,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
      await adminServer.close();
      await admin.disconnect();
    },
  };
}
