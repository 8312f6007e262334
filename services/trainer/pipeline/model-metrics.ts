// The metrics that go into the model artifact, the summary JSON and the printed table: compact,
// rounded (the artifact's version hashes them; 6 significant digits are plenty and keep it tidy).
import {
  createModelArtifact,
  type ModelArtifact,
  type ModelArtifactContent,
} from '../../common/model/model-artifact';
import { evaluateBinary } from '../evaluation/evaluate-binary';

export interface MetricSummary {
  readonly rows: number;
  readonly defaults: number;
  readonly auc: number;
  readonly gini: number;
  readonly ks: number;
  /** Probability metrics; null for scores that are not probabilities. */
  readonly brier: number | null;
  readonly logLoss: number | null;
  readonly expectedCalibrationError: number | null;
}

export interface DecileRow {
  readonly decile: number;
  readonly rows: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

export function round6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? round6(x) : null);

export function summarizeBinary(scores: ArrayLike<number>, labels: ArrayLike<number>): MetricSummary {
  const m = evaluateBinary(scores, labels);
  return {
    rows: m.n,
    defaults: m.positives,
    auc: round6(m.auc),
    gini: round6(m.gini),
    ks: round6(m.ks),
    brier: finiteOrNull(m.brier),
    logLoss: finiteOrNull(m.logLoss),
    expectedCalibrationError: finiteOrNull(m.expectedCalibrationError),
  };
}

export function calibrationDeciles(probabilities: ArrayLike<number>, labels: ArrayLike<number>): DecileRow[] {
  return evaluateBinary(probabilities, labels).calibration.map((b) => ({
    decile: b.bin + 1,
    rows: b.count,
    meanPredicted: round6(b.meanPredicted),
    observedRate: round6(b.observedRate),
  }));
}

export interface FeatureImportanceRow {
  readonly feature: string;
  /** Share of the total mean |path contribution| (sums to 1). */
  readonly share: number;
}

/** Mean |path contribution| per feature as shares, largest first. */
export function importanceShares(
  featureNames: readonly string[],
  meanAbsContribution: ArrayLike<number>,
): FeatureImportanceRow[] {
  let total = 0;
  for (let f = 0; f < featureNames.length; f++) total += meanAbsContribution[f];
  return featureNames
    .map((feature, f) => ({ feature, share: total > 0 ? round6(meanAbsContribution[f] / total) : 0 }))
    .sort((a, b) => b.share - a.share || a.feature.localeCompare(b.feature));
}

/** The same artifact with evaluation metrics embedded (and therefore a new content-hash version). */
export function withMetrics(
  artifact: ModelArtifact,
  metrics: Readonly<Record<string, unknown>>,
): ModelArtifact {
  const content: Record<string, unknown> = { ...artifact };
  delete content.format;
  delete content.version;
  return createModelArtifact({ ...(content as ModelArtifactContent), metrics });
}
