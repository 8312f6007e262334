// Scorecard scaling: points = offset + factor * ln(odds of good), with factor = PDO / ln 2 so that
// every PDO points double the odds of good, and offset chosen so that `basePoints` sits at
// `baseOdds` (good:bad). Points are clamped to [minPoints, maxPoints]. Both directions are pure.
//
// Defaults: 600 points at odds 50:1 (probability of default 1/51 = 1.96%), 20 points to double the
// odds, range 300-850 (the familiar US consumer range). With these, factor = 28.8539 and
// offset = 600 - 28.8539 * ln 50 = 487.1229. See docs/model.md for a table.

export interface ScoreScale {
  /** Points at the base odds. */
  readonly basePoints: number;
  /** Odds of good to bad at basePoints (50 means 50:1). */
  readonly baseOdds: number;
  /** Points to double the odds. */
  readonly pdo: number;
  readonly minPoints: number;
  readonly maxPoints: number;
}

export const DEFAULT_SCORE_SCALE: ScoreScale = {
  basePoints: 600,
  baseOdds: 50,
  pdo: 20,
  minPoints: 300,
  maxPoints: 850,
};

/** Throws a RangeError naming the first invalid field. */
export function validateScoreScale(scale: ScoreScale): void {
  const finite = (name: keyof ScoreScale) => {
    if (!Number.isFinite(scale[name])) throw new RangeError(`score scale ${name} must be a finite number`);
  };
  (['basePoints', 'baseOdds', 'pdo', 'minPoints', 'maxPoints'] as const).forEach(finite);
  if (!(scale.baseOdds > 0)) throw new RangeError('score scale baseOdds must be > 0');
  if (!(scale.pdo > 0)) throw new RangeError('score scale pdo must be > 0');
  if (!(scale.minPoints < scale.maxPoints)) throw new RangeError('score scale minPoints must be < maxPoints');
}

/** PDO / ln 2: points per unit of ln(odds). */
export function scaleFactor(scale: ScoreScale): number {
  return scale.pdo / Math.LN2;
}

/** basePoints - factor * ln(baseOdds): points at odds 1:1. */
export function scaleOffset(scale: ScoreScale): number {
  return scale.basePoints - scaleFactor(scale) * Math.log(scale.baseOdds);
}

function clampPoints(scale: ScoreScale, points: number): number {
  return Math.min(scale.maxPoints, Math.max(scale.minPoints, points));
}

/** Unrounded, clamped points for odds of good to bad (0 and Infinity allowed: they clamp). */
export function pointsFromOdds(scale: ScoreScale, oddsOfGood: number): number {
  if (!(oddsOfGood >= 0)) throw new RangeError(`odds must be >= 0, got ${oddsOfGood}`);
  return clampPoints(scale, scaleOffset(scale) + scaleFactor(scale) * Math.log(oddsOfGood));
}

/** Odds of good to bad at the given points (inside the range; clamped points give the bound's odds). */
export function oddsFromPoints(scale: ScoreScale, points: number): number {
  if (Number.isNaN(points)) throw new RangeError('points must be a number');
  return scale.baseOdds * Math.pow(2, (clampPoints(scale, points) - scale.basePoints) / scale.pdo);
}

/** Unrounded, clamped points for a probability of default in [0, 1]. */
export function pointsFromProbability(scale: ScoreScale, probabilityOfDefault: number): number {
  const p = probabilityOfDefault;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability of default must be in [0, 1], got ${p}`);
  return pointsFromOdds(scale, (1 - p) / p);
}

/** Probability of default at the given points: 1 / (1 + odds of good). */
export function probabilityFromPoints(scale: ScoreScale, points: number): number {
  return 1 / (1 + oddsFromPoints(scale, points));
}
