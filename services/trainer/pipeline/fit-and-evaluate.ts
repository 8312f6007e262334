// One train/test round, shared by the holdout run on simulated shoppers and by every fold of a CSV
// cross-validation: train the credit model (forest + isotonic calibration on its own held-out
// part), score the test rows as the scorer would, and fit the logistic-regression baseline on the
// very same training rows and features.
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import { compileModel, type LoadedModel } from '../../common/model/load-model';
import type { ModelArtifact } from '../../common/model/model-artifact';
import type { ReasonTable } from '../../common/model/reason-codes';
import { fitLogisticRegression, predictLogisticRegression } from '../evaluation/logistic-regression';
import type { ForestOptions } from '../forest/forest-options';
import { trainCreditModel } from '../forest/train-credit-model';
import type { ForestProgressCallback } from '../forest/train-forest';
import { scoreRows, type ScoredRows } from './score-rows';
import { rowViews } from './stratified-split';

export interface FitAndEvaluateInput {
  readonly train: { readonly X: FeatureMatrix; readonly y: ArrayLike<number> };
  readonly test: { readonly X: FeatureMatrix; readonly y: ArrayLike<number> };
  readonly featureNames: readonly string[];
  readonly featureSetVersion: string;
  readonly reasonTable: ReasonTable;
  readonly forest: Partial<ForestOptions>;
  readonly trainedAt: string;
  readonly onProgress?: ForestProgressCallback;
}

export interface FitAndEvaluateResult {
  /** The trained artifact, metrics still empty (the caller adds them: they change the version). */
  readonly artifact: ModelArtifact;
  readonly model: LoadedModel;
  readonly scored: ScoredRows;
  /** Baseline predicted probabilities on the test rows. */
  readonly baseline: Float64Array;
  readonly calibrationRows: number;
  readonly trainMs: number;
  readonly baselineMs: number;
}

export async function fitAndEvaluate(input: FitAndEvaluateInput): Promise<FitAndEvaluateResult> {
  const started = performance.now();
  const trained = await trainCreditModel({
    X: input.train.X,
    y: input.train.y,
    featureNames: input.featureNames,
    featureSetVersion: input.featureSetVersion,
    reasonTable: input.reasonTable,
    forest: input.forest,
    trainedAt: input.trainedAt,
    onProgress: input.onProgress,
  });
  const trainMs = performance.now() - started;
  const model = compileModel(trained.artifact);
  const scored = scoreRows(model, input.test.X);

  const baselineStarted = performance.now();
  const lr = fitLogisticRegression(rowViews(input.train.X), input.train.y);
  const baseline = predictLogisticRegression(lr, rowViews(input.test.X));
  return {
    artifact: trained.artifact,
    model,
    scored,
    baseline,
    calibrationRows: trained.calibrationRows.length,
    trainMs,
    baselineMs: performance.now() - baselineStarted,
  };
}
