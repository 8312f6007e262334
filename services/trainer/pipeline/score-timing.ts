// Time per score, measured the way the scorer calls it: score(model, vector) with reasons, on real
// held-out vectors (paths through the trees depend on the data, so synthetic vectors would mislead).
// One untimed pass warms the JIT; then whole passes over the rows are timed until at least
// `minMs` has passed (mean), and one pass is timed call by call for the tail (p50 / p99, which
// include the timer's own ~0.1 us).
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import type { LoadedModel } from '../../common/model/load-model';
import { score } from '../../common/model/score';
import { round6 } from './model-metrics';

export interface ScoreTiming {
  readonly scores: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

export function measureScoreTime(model: LoadedModel, X: FeatureMatrix, minMs = 1000): ScoreTiming {
  if (X.rows === 0) throw new RangeError('no rows to time');
  const rows = Array.from({ length: X.rows }, (_, r) => X.data.subarray(r * X.cols, (r + 1) * X.cols));
  let sink = 0;
  for (const row of rows) sink += score(model, row).points;

  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const row of rows) sink += score(model, row).points;
    calls += rows.length;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);

  const each = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t0 = process.hrtime.bigint();
    sink += score(model, rows[i]).points;
    each[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  each.sort();
  // Uses the results, so the loops cannot be optimised away (points are integers: never 0.5).
  if (sink === 0.5) throw new Error('unreachable');
  return {
    scores: calls,
    meanUs: (elapsed * 1000) / calls,
    p50Us: each[Math.floor(0.5 * (each.length - 1))],
    p99Us: each[Math.floor(0.99 * (each.length - 1))],
  };
}

/** The timing a training summary reports (rounded), or null when `minMs` is 0 (skipped). */
export function summaryScoreTiming(model: LoadedModel, X: FeatureMatrix, minMs = 1000): ScoreTiming | null {
  if (minMs === 0) return null;
  const t = measureScoreTime(model, X, minMs);
  return { scores: t.scores, meanUs: round6(t.meanUs), p50Us: round6(t.p50Us), p99Us: round6(t.p99Us) };
}
