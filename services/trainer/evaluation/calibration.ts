// Calibration by quantile bins: rows sorted by predicted probability, cut into `bins` groups of
// (as nearly as possible) equal size, and each group's mean prediction set against its observed
// default rate. Bin i holds sorted positions [floor(i*n/bins), floor((i+1)*n/bins)); equal
// predictions may straddle a boundary (equal-count bins matter more than tie purity here).
import { checkBinaryInputs, type Labels, type Scores } from './binary-inputs';

export interface CalibrationBin {
  /** 0 = lowest predictions. */
  bin: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
}

export function calibrationBins(probabilities: Scores, labels: Labels, bins = 10): CalibrationBin[] {
  checkBinaryInputs(probabilities, labels);
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const n = labels.length;
  const p = Float64Array.from(probabilities);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => p[a] - p[b] || a - b);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue; // fewer rows than bins
    let sumP = 0;
    let sumY = 0;
    for (let k = from; k < to; k++) {
      sumP += p[order[k]];
      sumY += labels[order[k]];
    }
    const count = to - from;
    out.push({
      bin: b,
      count,
      meanPredicted: sumP / count,
      observedRate: sumY / count,
      minPredicted: p[order[from]],
      maxPredicted: p[order[to - 1]],
    });
  }
  return out;
}

/** Deciles: the conventional credit-risk calibration table. */
export function calibrationByDecile(probabilities: Scores, labels: Labels): CalibrationBin[] {
  return calibrationBins(probabilities, labels, 10);
}

/** Expected calibration error: count-weighted mean |mean predicted - observed rate| over bins. */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  let n = 0;
  let sum = 0;
  for (const b of table) {
    n += b.count;
    sum += b.count * Math.abs(b.meanPredicted - b.observedRate);
  }
  return n === 0 ? NaN : sum / n;
}
