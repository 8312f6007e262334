// Proper scoring rules for predicted probabilities: they reward calibration as well as ranking,
// which AUC ignores (a score scale or approval limit needs probabilities that mean what they say).
import { checkBinaryInputs, type Labels, type Scores } from './binary-inputs';

function checkProbabilities(p: Scores): void {
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`prediction ${i} is ${p[i]}, not a probability`);
  }
}

/** Mean squared error of the probabilities: 0 is perfect, base rate * (1 - base rate) is "no skill". */
export function brierScore(probabilities: Scores, labels: Labels): number {
  checkBinaryInputs(probabilities, labels);
  checkProbabilities(probabilities);
  if (labels.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/**
 * Mean negative log-likelihood (natural log). Probabilities are clipped to [eps, 1 - eps] so one
 * confident mistake gives a large but finite loss.
 */
export function logLoss(probabilities: Scores, labels: Labels, eps = 1e-15): number {
  checkBinaryInputs(probabilities, labels);
  checkProbabilities(probabilities);
  if (labels.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
