// ROC curve points and the KS statistic, both from one walk down the tie groups of scores. KS is
// the largest vertical gap between the cumulative score distributions of defaulters and
// non-defaulters, i.e. max(TPR - FPR) over thresholds: the credit industry's favourite separation
// measure next to AUC/Gini.
import { checkBinaryInputs, forEachTieGroup, type Labels, type Scores } from './binary-inputs';

export interface RocPoint {
  /** False positive rate: share of non-defaulters at or above the threshold. */
  fpr: number;
  /** True positive rate: share of defaulters at or above the threshold. */
  tpr: number;
  /** Flag as positive when score >= threshold (+Infinity for the (0,0) corner). */
  threshold: number;
}

/** Every distinct threshold's point, from (0,0) to (1,1). Empty when a class is missing. */
export function rocCurve(scores: Scores, labels: Labels): RocPoint[] {
  const { positives, negatives } = checkBinaryInputs(scores, labels);
  if (positives === 0 || negatives === 0) return [];
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
  let tp = 0;
  let fp = 0;
  forEachTieGroup(scores, labels, (score, pos, neg) => {
    tp += pos;
    fp += neg;
    points.push({ fpr: fp / negatives, tpr: tp / positives, threshold: score });
  });
  return points;
}

/** Trapezoid area under ROC points (equals the rank AUC when the points are complete). */
export function areaUnderPoints(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  }
  return area;
}

/**
 * At most `maxPoints` points for plotting, keeping both ends and the points where the curve moves
 * most: a point is kept when it is at least 1/maxPoints away (in FPR + TPR) from the last kept one.
 */
export function thinRocCurve(points: readonly RocPoint[], maxPoints = 200): RocPoint[] {
  if (points.length <= maxPoints) return points.slice();
  const step = 2 / maxPoints;
  const out: RocPoint[] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const last = out[out.length - 1];
    if (points[i].fpr - last.fpr + (points[i].tpr - last.tpr) >= step) out.push(points[i]);
  }
  out.push(points[points.length - 1]);
  return out;
}

export interface KsResult {
  /** max over thresholds of (TPR - FPR), in [0, 1]. */
  ks: number;
  /** The score threshold (flag when score >= threshold) where it is reached. */
  threshold: number;
}

/** Kolmogorov-Smirnov statistic; NaN when a class is missing. */
export function ksStatistic(scores: Scores, labels: Labels): KsResult {
  const points = rocCurve(scores, labels);
  if (points.length === 0) return { ks: NaN, threshold: NaN };
  let best = points[0];
  for (const p of points) if (p.tpr - p.fpr > best.tpr - best.fpr) best = p;
  return { ks: best.tpr - best.fpr, threshold: best.threshold };
}
