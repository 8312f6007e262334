// The baseline every credit model must beat: L2-regularised logistic regression on standardised
// inputs, fitted by Newton's method (IRLS) with step halving. Deterministic (no random starts, no
// stochastic gradients) and converges in a handful of iterations for the tens of features and
// hundreds of thousands of rows used here. The intercept is not penalised.
import { solveSymmetricPositiveDefinite } from './linear-solve';

/** Rows of features: number[][] or Float64Array[] (one row per example). */
export type FeatureRows = ReadonlyArray<ArrayLike<number>>;

export interface LogisticRegressionOptions {
  /** L2 penalty on the standardised coefficients, lambda/2 * sum(beta^2) (default 1). */
  l2?: number;
  /** Newton iterations at most (default 50). */
  maxIterations?: number;
  /** Stop when no standardised coefficient moves more than this (default 1e-8). */
  tolerance?: number;
}

export interface LogisticRegressionModel {
  /** Intercept and coefficients on the original feature scale: logit = intercept + x . coefficients. */
  intercept: number;
  coefficients: number[];
  /** The fitted parameters on the standardised scale (comparable across features). */
  standardizedIntercept: number;
  standardizedCoefficients: number[];
  /** Standardisation used: z = (x - mean) / scale (scale 1 for a constant feature). */
  means: number[];
  scales: number[];
  l2: number;
  iterations: number;
  converged: boolean;
}

export function fitLogisticRegression(
  x: FeatureRows,
  y: ArrayLike<number>,
  opts: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  const l2 = opts.l2 ?? 1;
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-8;
  const n = x.length;
  if (n === 0) throw new RangeError('no rows to fit');
  if (y.length !== n) throw new RangeError(`x has ${n} rows but y has ${y.length}`);
  if (!(l2 > 0)) throw new RangeError('l2 must be > 0 (it keeps the Newton system well posed)');
  const d = x[0].length;
  for (let i = 0; i < n; i++) {
    if (x[i].length !== d) throw new RangeError(`row ${i} has ${x[i].length} features, expected ${d}`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`label ${i} is ${y[i]}, expected 0 or 1`);
  }

  const { means, scales } = standardisation(x, d);
  // Design matrix with a leading column of ones, standardised, row-major n x p.
  const p = d + 1;
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    z[i * p] = 1;
    for (let j = 0; j < d; j++) {
      const v = x[i][j];
      if (!Number.isFinite(v)) throw new RangeError(`feature ${j} of row ${i} is ${v}`);
      z[i * p + 1 + j] = (v - means[j]) / scales[j];
    }
  }

  const beta = new Float64Array(p);
  // Start from the base rate so the first step is small.
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean = Math.min(1 - 1e-6, Math.max(1e-6, mean / n));
  beta[0] = Math.log(mean / (1 - mean));

  let objective = penalisedLoss(z, y, beta, n, p, l2);
  let iterations = 0;
  let converged = false;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const candidate = new Float64Array(p);
  while (iterations < maxIterations && !converged) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += z[row + j] * beta[j];
      const mu = sigmoid(eta);
      const w = Math.max(mu * (1 - mu), 1e-12);
      const r = y[i] - mu;
      for (let j = 0; j < p; j++) {
        const zj = z[row + j];
        grad[j] += zj * r;
        const wz = w * zj;
        for (let k = 0; k <= j; k++) hess[j * p + k] += wz * z[row + k];
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hess[k * p + j] = hess[j * p + k];
    for (let j = 1; j < p; j++) {
      grad[j] -= l2 * beta[j];
      hess[j * p + j] += l2;
    }
    hess[0] += 1e-9; // guards a degenerate intercept column (all weights ~0)
    const step = solveSymmetricPositiveDefinite(hess, grad, p);

    // Newton step, halved until the penalised loss does not increase.
    let scale = 1;
    let accepted = false;
    for (let h = 0; h < 30 && !accepted; h++) {
      for (let j = 0; j < p; j++) candidate[j] = beta[j] + scale * step[j];
      const candidateObjective = penalisedLoss(z, y, candidate, n, p, l2);
      if (candidateObjective <= objective + 1e-12 * Math.abs(objective)) {
        accepted = true;
        objective = candidateObjective;
      } else scale /= 2;
    }
    if (!accepted) {
      converged = true; // no improving step exists: the optimum to machine precision
      break;
    }
    let maxMove = 0;
    for (let j = 0; j < p; j++) maxMove = Math.max(maxMove, Math.abs(scale * step[j]));
    beta.set(candidate);
    converged = maxMove < tolerance;
  }

  const standardizedCoefficients = Array.from(beta.subarray(1));
  const coefficients = standardizedCoefficients.map((b, j) => b / scales[j]);
  const intercept = beta[0] - coefficients.reduce((s, c, j) => s + c * means[j], 0);
  return {
    intercept,
    coefficients,
    standardizedIntercept: beta[0],
    standardizedCoefficients,
    means,
    scales,
    l2,
    iterations,
    converged,
  };
}

/** Predicted probabilities of y = 1. */
export function predictLogisticRegression(model: LogisticRegressionModel, x: FeatureRows): Float64Array {
  const out = new Float64Array(x.length);
  const d = model.coefficients.length;
  for (let i = 0; i < x.length; i++) {
    if (x[i].length !== d) throw new RangeError(`row ${i} has ${x[i].length} features, expected ${d}`);
    let eta = model.intercept;
    for (let j = 0; j < d; j++) eta += model.coefficients[j] * x[i][j];
    out[i] = sigmoid(eta);
  }
  return out;
}

function standardisation(x: FeatureRows, d: number): { means: number[]; scales: number[] } {
  const n = x.length;
  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += x[i][j];
  for (let j = 0; j < d; j++) means[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scales[j] += (x[i][j] - means[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(scales[j] / n);
    scales[j] = sd > 1e-12 ? sd : 1; // a constant feature stays 0 after centring
  }
  return { means, scales };
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** Negative log-likelihood plus lambda/2 * |beta without intercept|^2. */
function penalisedLoss(
  z: Float64Array,
  y: ArrayLike<number>,
  beta: Float64Array,
  n: number,
  p: number,
  l2: number,
): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += z[i * p + j] * beta[j];
    // log(1 + e^eta) - y*eta, computed stably
    loss += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - y[i] * eta;
  }
  let penalty = 0;
  for (let j = 1; j < p; j++) penalty += beta[j] * beta[j];
  return loss + (l2 / 2) * penalty;
}
