// The ops service's settings (environment variables, validated at start-up): which consumer groups
// to measure, how often, and which services' /metrics the dashboard reads.
import { z } from 'zod';
import { kafkaSettings, adminSettings } from '../common/config/common-config';
import { envInt, envList, readEnv } from '../common/config/env';
import type { MonitoredGroup } from '../common/ops/lag/lag-monitor';
import { parseTargets } from '../common/ops/dashboard/scrape';

const schema = z.object({
  ...kafkaSettings,
  ...adminSettings,
  /**
   * The project's consumer groups and their topics, `group=topic` (a group may repeat, one entry
   * per topic). Topics are named because a stopped group has no members to say what it reads.
   */
  LAG_GROUPS: envList('feature-updater=purchases,scorer=features.changed'),
  /** How often lag is measured and the services are scraped (the dashboard's resolution). */
  LAG_POLL_MS: envInt(2_000, 100, 600_000),
  /** Samples per partition Burrow's rules look at (Burrow's default window is 10 offsets). */
  LAG_WINDOW: envInt(10, 2, 1_000),
  /**
   * The services' metrics endpoints for the dashboard, `name=url` comma-separated; `name=dns+url`
   * scrapes every address the URL's host resolves to, one instance each (a headless Service).
   */
  SCRAPE_TARGETS: envList(
    'feature-updater=http://127.0.0.1:9464/metrics,scorer=http://127.0.0.1:9465/metrics',
  ).refine(
    (entries) => entries.every(isScrapeTarget),
    'expected name=http(s)://host:port/path or name=dns+http://host:port/path, comma-separated',
  ),
  /** Points of history the dashboard keeps (15 minutes at the default poll). */
  DASHBOARD_POINTS: envInt(450, 10, 100_000),
});

export const OPS_SETTINGS = Object.keys(schema.shape);

export type OpsConfig = z.infer<typeof schema>;

export function readOpsConfig(env: NodeJS.ProcessEnv = process.env): OpsConfig {
  return readEnv(schema, env);
}

/** `group=topic` entries, merged per group; a bare `group` is measured on its assigned topics only. */
export function monitoredGroups(entries: string[]): MonitoredGroup[] {
  const byGroup = new Map<string, string[]>();
  for (const e of entries) {
    const eq = e.lastIndexOf('='); // topics cannot contain '=', group ids might
    const group = eq < 0 ? e : e.slice(0, eq);
    const topics = byGroup.get(group) ?? [];
    if (eq >= 0) topics.push(e.slice(eq + 1));
    byGroup.set(group, topics);
  }
  return [...byGroup].map(([group, topics]) => ({ group, topics }));
}

function isScrapeTarget(entry: string): boolean {
  try {
    const [target] = parseTargets([entry]);
    const { protocol } = new URL(target!.url);
    // dns+ scrapes addresses, not the name, so a certificate for the name could not match: http only.
    return target!.everyAddress ? protocol === 'http:' : ['http:', 'https:'].includes(protocol);
  } catch {
    return false;
  }
}
