// End to end, from a feature matrix to a model artifact: shuffle, hold out a calibration set, train
// the forest on the rest, fit isotonic calibration on the held-out rows' raw predictions, assemble
// the artifact. Evaluation (AUC, KS, ...) belongs to the caller, who can pass its results in
// `metrics` (or score a test set with compileModel(artifact) first and rebuild with metrics: the
// version is a hash of everything, metrics included).
import { compileForest, predictRaw } from '../../common/model/compiled-forest';
import { FeatureMatrix } from '../../common/model/feature-matrix';
import { fitIsotonicCalibration } from '../../common/model/isotonic-calibration';
import { ModelArtifact, createModelArtifact } from '../../common/model/model-artifact';
import { FALLBACK_REASON, ReasonEntry, ReasonTable } from '../../common/model/reason-codes';
import { DEFAULT_SCORE_SCALE, ScoreScale } from '../../common/model/score-scale';
import { DEFAULT_FOREST_OPTIONS, ForestOptions } from './forest-options';
import { shuffledIndices } from './random';
import { ForestProgressCallback, trainForest } from './train-forest';

export interface CreditModelInput {
  /** Rows x features in `featureNames` order. */
  readonly X: FeatureMatrix;
  /** 0 = good, 1 = bad (default). */
  readonly y: ArrayLike<number>;
  readonly featureNames: readonly string[];
  readonly featureSetVersion: string;
  readonly reasonTable: ReasonTable;
  readonly fallbackReason?: ReasonEntry;
  readonly scoreScale?: ScoreScale;
  readonly forest?: Partial<ForestOptions>;
  /** Share of rows held out for calibration (default 0.2). */
  readonly calibrationFraction?: number;
  /** ISO-8601 time to record as the training time (the caller owns the clock). */
  readonly trainedAt: string;
  readonly metrics?: Readonly<Record<string, unknown>>;
  readonly onProgress?: ForestProgressCallback;
}

export interface TrainedCreditModel {
  readonly artifact: ModelArtifact;
  /** Row indices (into input.X) the trees were trained on, and the calibration rows. */
  readonly trainingRows: Uint32Array;
  readonly calibrationRows: Uint32Array;
}

function selectRows(X: FeatureMatrix, rows: Uint32Array): FeatureMatrix {
  const data = new Float64Array(rows.length * X.cols);
  rows.forEach((r, i) => data.set(X.data.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols));
  return { rows: rows.length, cols: X.cols, data };
}

export async function trainCreditModel(input: CreditModelInput): Promise<TrainedCreditModel> {
  const { X, y, featureNames } = input;
  if (featureNames.length !== X.cols)
    throw new RangeError(`${featureNames.length} feature names for ${X.cols} columns`);
  if (y.length !== X.rows) throw new RangeError(`${X.rows} rows but ${y.length} labels`);
  const fraction = input.calibrationFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1))
    throw new RangeError(`calibrationFraction must be in (0, 1), got ${fraction}`);

  const seed = input.forest?.seed ?? DEFAULT_FOREST_OPTIONS.seed;
  // Its own stream (seed ^ constant), so the split does not correlate with the trees' bootstraps.
  const order = shuffledIndices(X.rows, seed ^ 0x5eed);
  const calibrationCount = Math.round(X.rows * fraction);
  const calibrationRows = order.slice(0, calibrationCount);
  const trainingRows = order.slice(calibrationCount);
  if (trainingRows.length === 0 || calibrationRows.length === 0)
    throw new RangeError('too few rows to hold out a calibration set');

  const trainingLabels = Array.from(trainingRows, (r) => y[r]);
  const forest = await trainForest(
    selectRows(X, trainingRows),
    trainingLabels,
    { ...input.forest, seed },
    input.onProgress,
  );

  const compiled = compileForest(forest.trees, X.cols);
  const raw = Array.from(calibrationRows, (r) =>
    predictRaw(compiled, X.data.subarray(r * X.cols, (r + 1) * X.cols)),
  );
  const calibration = fitIsotonicCalibration(
    raw,
    Array.from(calibrationRows, (r) => y[r]),
  );

  // Everything that shapes the trees; not the worker count, which does not change them.
  const { trees, maxDepth, maxFeatures, minNumSamples, gainThreshold } = forest.options;
  const options = { trees, maxDepth, maxFeatures, minNumSamples, gainThreshold };
  const artifact = createModelArtifact({
    featureSetVersion: input.featureSetVersion,
    featureNames: [...featureNames],
    forest: { trees: forest.trees },
    calibration,
    scoreScale: input.scoreScale ?? DEFAULT_SCORE_SCALE,
    reasons: { table: input.reasonTable, fallback: input.fallbackReason ?? FALLBACK_REASON },
    training: {
      rows: trainingRows.length,
      calibrationRows: calibrationRows.length,
      seed,
      options: { ...options, calibrationFraction: fraction, splitSearch: 'sweep' },
      durationMs: Math.round(forest.durationMs),
      trainedAt: input.trainedAt,
    },
    metrics: input.metrics ?? {},
  });
  return { artifact, trainingRows, calibrationRows };
}
