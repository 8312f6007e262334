// A seeded, stratified train/test split: each class is shuffled on its own and the same share of it
// goes to the test set, so with ~7% defaulters the test set's default rate equals the whole set's
// (a plain shuffle can miss by a point on small sets, which moves AUC and calibration).
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import { shuffleInPlace } from '../evaluation/seeded-shuffle';

export interface TrainTestSplit {
  /** Sorted row indices. */
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): TrainTestSplit {
  if (!(testFraction > 0 && testFraction < 1))
    throw new RangeError(`test fraction must be in (0, 1), got ${testFraction}`);
  const byClass: number[][] = [[], []];
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`label ${i} is ${y}, expected 0 or 1`);
    byClass[y].push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  byClass.forEach((rows, y) => {
    shuffleInPlace(rows, (seed ^ (0x7e57 + y * 0x9e3779b9)) >>> 0);
    const testCount = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  });
  if (train.length === 0 || test.length === 0) throw new RangeError('too few rows to split');
  const sorted = (rows: number[]) => Uint32Array.from(rows).sort();
  return { train: sorted(train), test: sorted(test) };
}

/** The given rows of a matrix, copied into a new one (in the order given). */
export function selectRows(X: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const data = new Float64Array(rows.length * X.cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols);
  }
  return { rows: rows.length, cols: X.cols, data };
}

/** values[rows[i]] for each i, as a Float64Array. */
export function selectValues(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
  return out;
}

/** Row views (no copies) for APIs that take one array per row (logistic regression). */
export function rowViews(X: FeatureMatrix): Float64Array[] {
  const rows: Float64Array[] = [];
  for (let r = 0; r < X.rows; r++) rows.push(X.data.subarray(r * X.cols, (r + 1) * X.cols));
  return rows;
}
