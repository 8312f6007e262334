// Calibration: maps the forest's raw probability of bad to a probability of default that matches
// observed default rates, fitted on held-out rows the trees never saw.
//
// Isotonic regression (pool-adjacent-violators) rather than Platt scaling: a random forest's
// distortion is not a sigmoid (averaging trees pulls scores away from 0 and 1 unevenly, and
// bootstrapped leaves are over-confident in the middle), so a one-parameter-pair logistic curve
// leaves bias where the approval cut-offs sit. Isotonic only assumes that a higher raw score never
// means a lower risk, and with tens of thousands of held-out rows it has the data it needs.
//
// The fitted blocks are turned into knots at each block's weighted mean raw score and joined by
// straight lines (flat beyond the first and last knot). Plain isotonic regression is a step function:
// every applicant inside one block would get the same score and the forest's ranking inside it would
// be thrown away; interpolating keeps the mapping monotone and still reproduces each block's observed
// rate at its centre. Knot probabilities are kept inside [minProbability, 1 - minProbability] because
// a block with no observed default does not prove a risk of exactly zero (and odds must stay finite).

export interface IsotonicCalibration {
  readonly method: 'isotonic';
  /** Raw scores of the knots, strictly increasing. */
  readonly x: number[];
  /** Calibrated probabilities at the knots, non-decreasing, inside (0, 1). */
  readonly y: number[];
}

/** No calibration: the raw probability is used as is (e.g. before a calibration set exists). */
export interface IdentityCalibration {
  readonly method: 'identity';
}

export type Calibration = IsotonicCalibration | IdentityCalibration;

export interface IsotonicFitOptions {
  /** Lower bound of a calibrated probability (upper bound is 1 - it). Default: 1 / (2 * rows). */
  readonly minProbability?: number;
}

interface Block {
  weight: number;
  sumY: number;
  sumX: number;
  maxX: number;
}

/**
 * Fits isotonic regression of labels (0 = good, 1 = bad) on raw scores by pool-adjacent-violators.
 * O(n log n) for the sort, O(n) for the pooling.
 */
export function fitIsotonicCalibration(
  raw: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: IsotonicFitOptions = {},
): IsotonicCalibration {
  const n = raw.length;
  if (n === 0) throw new RangeError('isotonic calibration needs at least one row');
  if (labels.length !== n) throw new RangeError(`${n} raw scores but ${labels.length} labels`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(raw[i])) throw new RangeError(`raw score ${i} is not finite: ${raw[i]}`);
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new RangeError(`label ${i} must be 0 or 1, got ${labels[i]}`);
  }
  const minProbability = options.minProbability ?? 1 / (2 * n);
  if (!(minProbability > 0 && minProbability < 0.5)) {
    throw new RangeError(`minProbability must be in (0, 0.5), got ${minProbability}`);
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => raw[a] - raw[b]);

  // Rows with equal raw scores must get one value: they start as one block.
  const blocks: Block[] = [];
  for (const i of order) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.maxX === raw[i]) {
      last.weight++;
      last.sumY += labels[i];
      last.sumX += raw[i];
    } else {
      blocks.push({ weight: 1, sumY: labels[i], sumX: raw[i], maxX: raw[i] });
    }
    // Pool while the newest block's mean is below its predecessor's.
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sumY / a.weight <= b.sumY / b.weight) break;
      a.weight += b.weight;
      a.sumY += b.sumY;
      a.sumX += b.sumX;
      a.maxX = b.maxX;
      blocks.pop();
    }
  }

  const x: number[] = [];
  const y: number[] = [];
  for (const block of blocks) {
    const knotX = block.sumX / block.weight;
    const knotY = Math.min(1 - minProbability, Math.max(minProbability, block.sumY / block.weight));
    // Rounding can make a pooled block's mean score equal its neighbour's; keep x strictly increasing.
    if (x.length > 0 && knotX <= x[x.length - 1]) {
      y[y.length - 1] = Math.max(y[y.length - 1], knotY);
      continue;
    }
    x.push(knotX);
    y.push(knotY);
  }
  return { method: 'isotonic', x, y };
}

/** Calibrated probability of default for a raw score (NaN stays NaN: never a silent low risk). */
export function calibrate(calibration: Calibration, raw: number): number {
  if (calibration.method === 'identity' || Number.isNaN(raw)) return raw;
  const { x, y } = calibration;
  const last = x.length - 1;
  if (raw <= x[0]) return y[0];
  if (raw >= x[last]) return y[last];
  // Largest knot index with x[lo] <= raw.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= raw) lo = mid;
    else hi = mid;
  }
  const t = (raw - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}
