// Reads the services' own /metrics endpoints, as Prometheus would, for the built-in dashboard.
// A target written `dns+http://host:port/metrics` (the prefix Thanos and Cortex use for "every A
// record") is resolved at every scrape and each address scraped as its own instance: behind a
// load-balanced name each scrape would reach one replica at random, and rates computed from two
// different replicas' counters mean nothing. A headless Kubernetes Service (or a scaled
// docker-compose service) gives one record per replica.
import { lookup } from 'node:dns/promises';
import { parsePrometheusText, type Sample } from '../prom-text';

export interface ScrapeTarget {
  /** Service name shown on the dashboard (several targets may share one: instances). */
  name: string;
  url: string;
  /** Scrape every address the URL's host resolves to (`dns+` prefix). */
  everyAddress?: boolean;
}

export interface ScrapeResult {
  target: ScrapeTarget;
  up: boolean;
  samples: Sample[];
  error?: string;
}

/** Every address of a host name (IPv4 and IPv6). */
export type ResolveAll = (host: string) => Promise<string[]>;

const resolveWithSystem: ResolveAll = async (host) =>
  (await lookup(host, { all: true })).map((a) => a.address);

export async function scrapeAll(
  targets: ScrapeTarget[],
  timeoutMs = 2_000,
  resolveAll: ResolveAll = resolveWithSystem,
): Promise<ScrapeResult[]> {
  const expanded = await Promise.all(targets.map((t) => instancesOf(t, resolveAll)));
  return Promise.all(
    expanded.flat().map(async (target): Promise<ScrapeResult> => {
      if ('error' in target) return { target: target.target, up: false, samples: [], error: target.error };
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

/** The target itself, or one target per address of its host (sorted, so instances keep their keys). */
async function instancesOf(
  target: ScrapeTarget,
  resolveAll: ResolveAll,
): Promise<(ScrapeTarget | { target: ScrapeTarget; error: string })[]> {
  if (!target.everyAddress) return [target];
  const url = new URL(target.url);
  try {
    const addresses = [...new Set(await resolveAll(url.hostname))].sort();
    if (addresses.length === 0) throw new Error('no addresses');
    return addresses.map((address) => {
      const instance = new URL(url);
      instance.hostname = address.includes(':') ? `[${address}]` : address;
      return { name: target.name, url: instance.toString() };
    });
  } catch (err) {
    return [{ target, error: `resolving ${url.hostname}: ${(err as Error).message}` }];
  }
}

/** Parses `name=url,name=url` (SCRAPE_TARGETS); a `dns+` before the URL scrapes every address. */
export function parseTargets(list: string[]): ScrapeTarget[] {
  return list.map((entry) => {
    const eq = entry.indexOf('=');
    let url = eq <= 0 ? entry : entry.slice(eq + 1);
    const everyAddress = url.startsWith('dns+');
    if (everyAddress) url = url.slice('dns+'.length);
    const name = eq <= 0 ? new URL(url).host : entry.slice(0, eq);
    return everyAddress ? { name, url, everyAddress } : { name, url };
  });
}
