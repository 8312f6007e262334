// Reads the services' own /metrics endpoints, as Prometheus would, for the built-in dashboard.
import { parsePrometheusText, type Sample } from '../prom-text';

export interface ScrapeTarget {
  /** Service name shown on the dashboard (several targets may share one: instances). */
  name: string;
  url: string;
}

export interface ScrapeResult {
  target: ScrapeTarget;
  up: boolean;
  samples: Sample[];
  error?: string;
}

export async function scrapeAll(targets: ScrapeTarget[], timeoutMs = 2_000): Promise<ScrapeResult[]> {
  return Promise.all(
    targets.map(async (target) => {
      try {
        const res = await fetch(target.url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return { target, up: true, samples: parsePrometheusText(await res.text()) };
      } catch (err) {
        return { target, up: false, samples: [], error: (err as Error).message };
      }
    }),
  );
}

/** Parses `name=url,name=url` (SCRAPE_TARGETS). */
export function parseTargets(list: string[]): ScrapeTarget[] {
  return list.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) return { name: new URL(entry).host, url: entry };
    return { name: entry.slice(0, eq), url: entry.slice(eq + 1) };
  });
}
