// All the headline metrics of one set of predictions in one call, as the trainer reports them.
import { auc } from './auc';
import { checkBinaryInputs, type Labels, type Scores } from './binary-inputs';
import { calibrationByDecile, expectedCalibrationError, type CalibrationBin } from './calibration';
import { brierScore, logLoss } from './probability-scores';
import { ksStatistic } from './roc-curve';

export interface BinaryMetrics {
  n: number;
  positives: number;
  baseRate: number;
  auc: number;
  gini: number;
  ks: number;
  /** Probability metrics; NaN when the scores are not probabilities. */
  brier: number;
  logLoss: number;
  calibration: CalibrationBin[];
  expectedCalibrationError: number;
}

export function evaluateBinary(scores: Scores, labels: Labels): BinaryMetrics {
  const { positives } = checkBinaryInputs(scores, labels);
  const a = auc(scores, labels);
  const probabilities = isProbabilities(scores);
  const calibration = probabilities ? calibrationByDecile(scores, labels) : [];
  return {
    n: labels.length,
    positives,
    baseRate: labels.length === 0 ? NaN : positives / labels.length,
    auc: a,
    gini: 2 * a - 1,
    ks: ksStatistic(scores, labels).ks,
    brier: probabilities ? brierScore(scores, labels) : NaN,
    logLoss: probabilities ? logLoss(scores, labels) : NaN,
    calibration,
    expectedCalibrationError: probabilities ? expectedCalibrationError(calibration) : NaN,
  };
}

function isProbabilities(scores: Scores): boolean {
  for (let i = 0; i < scores.length; i++) if (!(scores[i] >= 0 && scores[i] <= 1)) return false;
  return true;
}
