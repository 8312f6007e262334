// The built-in dashboard's memory: one point per poll (lag from the lag monitor, rates and
// quantiles from the scraped /metrics), kept for the last N points, turned into chart series on
// request. Rates and quantiles are computed as PromQL's rate() and histogram_quantile() would be,
// per scraped target and then summed, so a restarted service (counters back at 0) does not
// produce negative rates.
import type { LagReport } from '../lag/lag-monitor';
import type { LagStatus } from '../lag/lag-status';
import { histogramQuantile, type Sample } from '../prom-text';
import type { ScrapeResult } from './scrape';

/** Histograms whose p50/p99 the freshness chart shows, by series name. */
const FRESHNESS = {
  features: 'creditscore_event_to_features_seconds',
  score: 'creditscore_event_to_score_seconds',
};
const SCORE_POINTS = 'creditscore_score_points';

interface Counters {
  consumed: number;
  applied: number;
  scored: number;
  deadLetters: Record<string, number>;
}

interface Tick {
  t: number;
  lag: Record<string, number>;
  lagSeconds: Record<string, number>;
  rates: { consumed: number | null; applied: number | null; scored: number | null };
  deadLetters: Record<string, number>;
  freshness: Record<string, number | null>;
  /** Per target: cumulative buckets of the freshness histograms, for windowed quantiles. */
  buckets: Map<string, Record<string, Map<number, number>>>;
}

export interface DashboardData {
  now: number;
  intervalMs: number;
  groups: {
    group: string;
    status: LagStatus;
    state: string;
    members: number;
    lagSum: number;
    lagSecondsMax: number;
    error?: string;
  }[];
  services: { name: string; url: string; up: boolean; error?: string }[];
  modelVersions: string[];
  series: {
    t: number[];
    lag: Record<string, (number | null)[]>;
    lagSeconds: Record<string, (number | null)[]>;
    throughput: Record<'consumed' | 'applied' | 'scored', (number | null)[]>;
    freshness: Record<string, (number | null)[]>;
    deadLetters: Record<string, (number | null)[]>;
  };
  scoreDistribution: { upperBounds: number[]; counts: number[] } | null;
}

export class DashboardHistory {
  private readonly ticks: Tick[] = [];
  private readonly previous = new Map<string, { t: number; counters: Counters }>();
  private latestReport: LagReport | undefined;
  private latestScrapes: ScrapeResult[] = [];

  constructor(private readonly opts: { maxPoints: number; intervalMs: number; quantileWindowMs?: number }) {}

  add(report: LagReport | undefined, scrapes: ScrapeResult[], now = Date.now()): void {
    this.latestReport = report;
    this.latestScrapes = scrapes;
    const tick: Tick = {
      t: now,
      lag: {},
      lagSeconds: {},
      rates: { consumed: null, applied: null, scored: null },
      deadLetters: {},
      freshness: {},
      buckets: new Map(),
    };
    for (const g of report?.groups ?? []) {
      tick.lagSeconds[g.group] = g.lagSecondsMax;
      for (const p of g.partitions) tick.lag[`${g.group} ${p.topic}/${p.partition}`] = p.lag;
    }
    // Instances come and go (a dns+ target's replicas): forget counters of ones no longer listed.
    const listed = new Set(scrapes.map((s) => `${s.target.name} ${s.target.url}`));
    for (const key of this.previous.keys()) if (!listed.has(key)) this.previous.delete(key);
    for (const s of scrapes) {
      if (!s.up) continue;
      const key = `${s.target.name} ${s.target.url}`;
      const counters = readCounters(s.samples);
      const prev = this.previous.get(key);
      this.previous.set(key, { t: now, counters });
      const buckets: Record<string, Map<number, number>> = {};
      for (const [series, metric] of Object.entries(FRESHNESS))
        buckets[series] = cumulativeBuckets(s.samples, metric);
      tick.buckets.set(key, buckets);
      if (!prev || now <= prev.t) continue;
      const dt = (now - prev.t) / 1000;
      const rate = (v: number, p: number) => (v >= p ? v - p : v) / dt;
      const add = (field: 'consumed' | 'applied' | 'scored', v: number) => {
        tick.rates[field] = (tick.rates[field] ?? 0) + v;
      };
      add('consumed', rate(counters.consumed, prev.counters.consumed));
      add('applied', rate(counters.applied, prev.counters.applied));
      if (counters.scored > 0 || prev.counters.scored > 0)
        add('scored', rate(counters.scored, prev.counters.scored));
      for (const [reason, v] of Object.entries(counters.deadLetters))
        tick.deadLetters[reason] =
          (tick.deadLetters[reason] ?? 0) + rate(v, prev.counters.deadLetters[reason] ?? 0);
    }
    this.ticks.push(tick);
    if (this.ticks.length > this.opts.maxPoints) this.ticks.shift();
    tick.freshness = this.windowedQuantiles(tick);
  }

  snapshot(): DashboardData {
    const ticks = this.ticks;
    const column = <K extends string>(
      keys: Iterable<K>,
      pick: (t: Tick, k: K) => number | null | undefined,
    ) => {
      const out: Record<string, (number | null)[]> = {};
      for (const k of keys) out[k] = ticks.map((t) => pick(t, k) ?? null);
      return out;
    };
    const keysOf = (f: (t: Tick) => Record<string, unknown>) =>
      [...new Set(ticks.flatMap((t) => Object.keys(f(t))))].sort();
    const freshnessKeys = Object.keys(FRESHNESS).flatMap((s) => [`${s} p50`, `${s} p99`]);
    return {
      now: Date.now(),
      intervalMs: this.opts.intervalMs,
      groups: (this.latestReport?.groups ?? []).map((g) => ({
        group: g.group,
        status: g.status,
        state: g.state,
        members: g.members,
        lagSum: g.lagSum,
        lagSecondsMax: g.lagSecondsMax,
        error: g.error,
      })),
      services: this.latestScrapes.map((s) => ({
        name: s.target.name,
        url: s.target.url,
        up: s.up,
        error: s.error,
      })),
      modelVersions: modelVersions(this.latestScrapes),
      series: {
        t: ticks.map((t) => t.t / 1000),
        lag: column(
          keysOf((t) => t.lag),
          (t, k) => t.lag[k],
        ),
        lagSeconds: column(
          keysOf((t) => t.lagSeconds),
          (t, k) => t.lagSeconds[k],
        ),
        throughput: column(
          ['consumed', 'applied', 'scored'] as const,
          (t, k) => t.rates[k],
        ) as DashboardData['series']['throughput'],
        freshness: column(freshnessKeys, (t, k) => t.freshness[k]),
        deadLetters: column(
          keysOf((t) => t.deadLetters),
          (t, k) => t.deadLetters[k],
        ),
      },
      scoreDistribution: scoreDistribution(this.latestScrapes),
    };
  }

  /** p50/p99 of each freshness histogram over the last quantileWindowMs, as histogram_quantile(rate[w]). */
  private windowedQuantiles(now: Tick): Record<string, number | null> {
    const windowMs = this.opts.quantileWindowMs ?? 30_000;
    const past = this.ticks.find((t) => t.t >= now.t - windowMs && t !== now) ?? now;
    const out: Record<string, number | null> = {};
    for (const series of Object.keys(FRESHNESS)) {
      const summed = new Map<number, number>();
      for (const [target, current] of now.buckets) {
        const cur = current[series]!;
        const old =
          past === now ? new Map<number, number>() : (past.buckets.get(target)?.[series] ?? new Map());
        const reset = [...cur].some(([le, c]) => c < (old.get(le) ?? 0));
        for (const [le, c] of cur)
          summed.set(le, (summed.get(le) ?? 0) + (reset ? c : c - (old.get(le) ?? 0)));
      }
      const buckets = [...summed].map(([le, count]) => ({ le, count }));
      out[`${series} p50`] = histogramQuantile(0.5, buckets);
      out[`${series} p99`] = histogramQuantile(0.99, buckets);
    }
    return out;
  }
}

function readCounters(samples: Sample[]): Counters {
  const c: Counters = { consumed: 0, applied: 0, scored: 0, deadLetters: {} };
  for (const s of samples) {
    if (s.name === 'creditscore_updater_events_total') {
      c.consumed += s.value;
      if (s.labels.outcome === 'applied') c.applied += s.value;
    } else if (s.name === 'creditscore_scorer_scores_total' && s.labels.outcome === 'written')
      c.scored += s.value;
    else if (s.name === 'creditscore_dead_letters_total') {
      const reason = s.labels.reason ?? 'unknown';
      c.deadLetters[reason] = (c.deadLetters[reason] ?? 0) + s.value;
    }
  }
  return c;
}

function cumulativeBuckets(samples: Sample[], metric: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of samples)
    if (s.name === `${metric}_bucket` && s.labels.le !== undefined) {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      out.set(le, (out.get(le) ?? 0) + s.value);
    }
  return out;
}

function modelVersions(scrapes: ScrapeResult[]): string[] {
  const versions = new Set<string>();
  for (const s of scrapes)
    for (const x of s.samples)
      if (x.name === 'creditscore_model_info' && x.value === 1 && x.labels.version)
        versions.add(x.labels.version);
  return [...versions].sort();
}

function scoreDistribution(scrapes: ScrapeResult[]): DashboardData['scoreDistribution'] {
  const summed = new Map<number, number>();
  for (const s of scrapes)
    for (const [le, c] of cumulativeBuckets(s.samples, SCORE_POINTS))
      summed.set(le, (summed.get(le) ?? 0) + c);
  if (summed.size === 0) return null;
  const sorted = [...summed].sort((a, b) => a[0] - b[0]);
  let prev = 0;
  return {
    upperBounds: sorted.map(([le]) => le),
    counts: sorted.map(([, c]) => {
      const n = c - prev;
      prev = c;
      return n;
    }),
  };
}
