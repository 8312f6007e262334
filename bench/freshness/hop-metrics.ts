// Where the freshness benchmark's seconds go, from the services' own /metrics: each hop's record age
// at the next handler (creditscore_pipeline_hop_seconds), the batch times, the Redis calls and the
// stage freshness histograms. Means are exact (sum / count); p99s are read off the histogram
// buckets (the upper bound of the bucket holding the 99th percentile), so they are coarse.
import { fmtInt, fmtMs } from '../stats';

export interface HistogramSummary {
  count: number;
  meanMs: number;
  /** Upper bound of the bucket holding the 99th percentile, in ms (Infinity past the last). */
  p99Ms: number;
}

/** Sums a histogram over the label sets that contain `labels` (e.g. `hop="scores"`). */
export function summarize(text: string, name: string, labels = ''): HistogramSummary {
  const lines = text.split('\n').filter((l) => l.startsWith(name) && l.includes(labels));
  const total = (suffix: string) =>
    lines
      .filter((l) => l.startsWith(`${name}_${suffix}`))
      .reduce((acc, l) => acc + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const count = total('count');
  const buckets = new Map<number, number>();
  for (const l of lines) {
    const m = /_bucket\{.*le="([^"]+)".*\} (\S+)$/.exec(l);
    if (!m) continue;
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(m[2]));
  }
  const p99 = [...buckets].sort((a, b) => a[0] - b[0]).find(([, n]) => n >= 0.99 * count);
  return { count, meanMs: (total('sum') / count) * 1000, p99Ms: (p99?.[0] ?? NaN) * 1000 };
}

export async function metricsText(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

/** One line per hop and stage, in pipeline order. */
export function hopLines(updater: string, scorer: string): string[] {
  const rows: [string, HistogramSummary][] = [
    [
      'purchase age at the updater handler',
      summarize(updater, 'creditscore_pipeline_hop_seconds', 'hop="purchases"'),
    ],
    ['updater batch (decode, Redis, produce)', summarize(updater, 'creditscore_updater_batch_seconds')],
    ...['checkpoint_read', 'profiles_read', 'profiles_write', 'checkpoint_advance'].map(
      (op): [string, HistogramSummary] => [
        `  updater Redis ${op}`,
        summarize(updater, 'creditscore_redis_call_seconds', `operation="${op}"`),
      ],
    ),
    ['event to features durable + announced', summarize(updater, 'creditscore_event_to_features_seconds')],
    [
      'notice age at the scorer handler',
      summarize(scorer, 'creditscore_pipeline_hop_seconds', 'hop="features_changed"'),
    ],
    ['scorer batch (Redis, score, produce)', summarize(scorer, 'creditscore_scorer_batch_seconds')],
    ['event to score stored', summarize(scorer, 'creditscore_event_to_score_seconds')],
    [
      'score age at the WatchScores hub',
      summarize(scorer, 'creditscore_pipeline_hop_seconds', 'hop="scores"'),
    ],
  ];
  return rows.map(
    ([what, s]) =>
      `  ${what.padEnd(42)} mean ${fmtMs(s.meanMs).padStart(9)}  p99 <= ${fmtMs(s.p99Ms).padStart(9)}  (${fmtInt(s.count)})`,
  );
}
