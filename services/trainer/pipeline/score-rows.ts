// Scores held-out rows with the model exactly as the scorer will (score(): forest with path
// contributions, calibration, points, reasons) and gathers, in the same pass, what the report needs
// from those contributions: feature importance, which reasons come up, and whether each feature's
// adverse side agrees with the direction its reason text asserts.
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import type { LoadedModel } from '../../common/model/load-model';
import { MIN_REASON_CONTRIBUTION } from '../../common/model/reason-codes';
import { score } from '../../common/model/score';
import { auc } from '../evaluation/auc';

export interface ReasonUsage {
  readonly code: string;
  readonly text: string;
  /** Rows where this code is the first (strongest) reason. */
  readonly first: number;
  /** Rows where it is among the returned reasons. */
  readonly any: number;
}

export interface ScoredRows {
  /** Calibrated probability of default, per row. */
  readonly probability: Float64Array;
  readonly raw: Float64Array;
  readonly points: Float64Array;
  /** Mean |path contribution| per feature (raw-probability units), model feature order. */
  readonly meanAbsContribution: Float64Array;
  /**
   * Per feature: AUC of the feature's value separating rows where its contribution is adverse (> 0)
   * from rows where it is favourable (< 0). Near 1: adverse when high; near 0: adverse when low; NaN
   * when the feature is never used either way.
   */
  readonly adverseWhenHighAuc: Float64Array;
  readonly reasonUsage: readonly ReasonUsage[];
  /** Largest number of reasons on any row (must be <= 4). */
  readonly maxReasons: number;
  /** Rows with no adverse reason at all. */
  readonly rowsWithoutReasons: number;
}

export function scoreRows(model: LoadedModel, X: FeatureMatrix): ScoredRows {
  const n = X.rows;
  const cols = X.cols;
  const probability = new Float64Array(n);
  const raw = new Float64Array(n);
  const points = new Float64Array(n);
  const absSum = new Float64Array(cols);
  // Contribution signs per feature and row: +1 adverse, -1 favourable, 0 unused.
  const sign = new Int8Array(n * cols);
  const usage = new Map<string, { code: string; text: string; first: number; any: number }>();
  let maxReasons = 0;
  let rowsWithoutReasons = 0;

  for (let r = 0; r < n; r++) {
    const row = X.data.subarray(r * cols, (r + 1) * cols);
    const result = score(model, row);
    probability[r] = result.probabilityOfDefault;
    raw[r] = result.rawProbability;
    points[r] = result.points;
    // score() leaves this row's per-feature contributions in model.contributions.
    const contributions = model.contributions;
    for (let f = 0; f < cols; f++) {
      const c = contributions[f];
      absSum[f] += Math.abs(c);
      sign[r * cols + f] = c > MIN_REASON_CONTRIBUTION ? 1 : c < -MIN_REASON_CONTRIBUTION ? -1 : 0;
    }
    maxReasons = Math.max(maxReasons, result.reasons.length);
    if (result.reasons.length === 0) rowsWithoutReasons++;
    result.reasons.forEach((reason, k) => {
      let u = usage.get(reason.code);
      if (u === undefined)
        usage.set(reason.code, (u = { code: reason.code, text: reason.text, first: 0, any: 0 }));
      u.any++;
      if (k === 0) u.first++;
    });
  }

  const adverseWhenHighAuc = new Float64Array(cols);
  for (let f = 0; f < cols; f++) {
    const values: number[] = [];
    const adverse: number[] = [];
    for (let r = 0; r < n; r++) {
      const s = sign[r * cols + f];
      if (s === 0) continue;
      values.push(X.data[r * cols + f]);
      adverse.push(s > 0 ? 1 : 0);
    }
    const positives = adverse.reduce((a, b) => a + b, 0);
    adverseWhenHighAuc[f] = positives === 0 || positives === adverse.length ? NaN : auc(values, adverse);
  }

  return {
    probability,
    raw,
    points,
    meanAbsContribution: absSum.map((s) => (n === 0 ? 0 : s / n)),
    adverseWhenHighAuc,
    reasonUsage: [...usage.values()].sort((a, b) => b.any - a.any || a.code.localeCompare(b.code)),
    maxReasons,
    rowsWithoutReasons,
  };
}
