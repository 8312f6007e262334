// Stratified k-fold splits: every row lands in exactly one test fold, and each fold's default rate
// matches the whole set's (within one row per class), which matters when defaults are only ~7% of
// rows: an unstratified fold of a small set can end up with almost no defaulters.
import { shuffleInPlace } from './seeded-shuffle';

export interface Fold {
  /** Sorted row indices used for training in this fold. */
  train: number[];
  /** Sorted row indices held out in this fold. */
  test: number[];
}

/** The test fold (0..k-1) of every row. */
export function stratifiedFoldAssignment(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  if (labels.length < k) throw new RangeError(`${labels.length} rows cannot make ${k} folds`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`label ${i} is ${y}, expected 0 or 1`);
    let rows = byClass.get(y);
    if (rows === undefined) byClass.set(y, (rows = []));
    rows.push(i);
  }
  const fold = new Int32Array(labels.length);
  // Deal each class's shuffled rows round-robin; the negatives continue where the positives
  // stopped, so fold sizes also differ by at most one.
  let next = 0;
  for (const y of [1, 0]) {
    const rows = byClass.get(y);
    if (rows === undefined) continue;
    shuffleInPlace(rows, (seed ^ (y * 0x9e3779b9)) >>> 0);
    for (const row of rows) {
      fold[row] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

export function stratifiedKFold(labels: ArrayLike<number>, k: number, seed: number): Fold[] {
  const assignment = stratifiedFoldAssignment(labels, k, seed);
  const folds: Fold[] = Array.from({ length: k }, () => ({ train: [], test: [] }));
  for (let i = 0; i < assignment.length; i++) {
    for (let f = 0; f < k; f++) (f === assignment[i] ? folds[f].test : folds[f].train).push(i);
  }
  return folds;
}

/**
 * Out-of-fold predictions: for each fold, fit on its training rows and predict its test rows, so
 * every row gets a prediction from a model that never saw it (an honest AUC on a single data set).
 */
export function outOfFoldPredictions<Row>(
  rows: readonly Row[],
  labels: ArrayLike<number>,
  k: number,
  seed: number,
  fitPredict: (trainRows: Row[], trainLabels: number[], testRows: Row[]) => ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(rows.length);
  for (const fold of stratifiedKFold(labels, k, seed)) {
    const predictions = fitPredict(
      fold.train.map((i) => rows[i]),
      fold.train.map((i) => labels[i]),
      fold.test.map((i) => rows[i]),
    );
    if (predictions.length !== fold.test.length) throw new RangeError('fitPredict returned the wrong count');
    fold.test.forEach((row, j) => (out[row] = predictions[j]));
  }
  return out;
}
