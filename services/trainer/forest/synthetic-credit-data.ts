// A small stand-in for the shopper simulator, for measurements and tests of the model code only:
// continuous features (no ties), a known true probability of default from a logistic model with a
// few non-linear terms (so trees have something to find), the rest noise.
import { FeatureMatrix } from '../../common/model/feature-matrix';
import { seededRandom } from './random';

export interface SyntheticCreditData {
  readonly X: FeatureMatrix;
  readonly y: Uint8Array;
  readonly featureNames: string[];
  /** The true probability of default of each row. */
  readonly probability: Float64Array;
}

export function syntheticCreditData(rows: number, cols: number, seed: number): SyntheticCreditData {
  if (cols < 4) throw new RangeError('syntheticCreditData needs at least 4 features');
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  const probability = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const x = data.subarray(r * cols, (r + 1) * cols);
    for (let c = 0; c < cols; c++) x[c] = normal();
    // ~8% defaults; feature 0 and 1 linear, 2 threshold-like, 3 U-shaped, the rest noise.
    const logit = -2.9 + 0.9 * x[0] - 0.6 * x[1] + 1.2 * (x[2] > 0.8 ? 1 : 0) + 0.5 * x[3] * x[3];
    probability[r] = 1 / (1 + Math.exp(-logit));
    y[r] = random() < probability[r] ? 1 : 0;
  }
  const featureNames = Array.from({ length: cols }, (_, c) => `f${String(c).padStart(2, '0')}`);
  return { X: { rows, cols, data }, y, featureNames, probability };
}
