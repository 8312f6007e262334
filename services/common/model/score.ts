// One full score: forest (with path contributions on the same walk) -> calibration -> points ->
// principal adverse reasons. Pure and synchronous; ~a few microseconds for 100 depth-10 trees.
import { calibrate } from './isotonic-calibration';
import { LoadedModel } from './load-model';
import { pathContributions } from './path-contributions';
import { AdverseReason, MAX_REASONS, adverseReasons } from './reason-codes';
import { pointsFromProbability } from './score-scale';

export interface ScoreResult {
  readonly modelVersion: string;
  /** Rounded, clamped points. */
  readonly points: number;
  /** Calibrated probability of default. */
  readonly probabilityOfDefault: number;
  /** The forest's uncalibrated probability of bad. */
  readonly rawProbability: number;
  /** Up to four adverse reasons, strongest first. */
  readonly reasons: readonly AdverseReason[];
}

/**
 * Scores one feature vector laid out as model.featureNames.
 * @throws RangeError if the vector has the wrong length or a non-finite value (a NaN would silently
 *   take the "greater" branch of every split on it).
 */
export function score(model: LoadedModel, x: ArrayLike<number>, maxReasons = MAX_REASONS): ScoreResult {
  const n = model.featureNames.length;
  if (x.length !== n)
    throw new RangeError(`feature vector has ${x.length} values, model ${model.version} expects ${n}`);
  for (let f = 0; f < n; f++) {
    if (!Number.isFinite(x[f]))
      throw new RangeError(`feature ${model.featureNames[f]} is not a finite number: ${x[f]}`);
  }
  const raw = pathContributions(model.forest, x, model.contributions);
  const probabilityOfDefault = calibrate(model.calibration, raw);
  return {
    modelVersion: model.version,
    points: Math.round(pointsFromProbability(model.scoreScale, probabilityOfDefault)),
    probabilityOfDefault,
    rawProbability: raw,
    reasons: adverseReasons(model.reasons, model.contributions, maxReasons),
  };
}
