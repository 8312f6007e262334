// `npm run train` on simulated shoppers, end to end:
//   shoppers (simulated or a training file) -> point-in-time rows (the updater's feature code, as of
//   the observation date) -> stratified train/test split -> credit model (forest + calibration)
//   -> evaluation on the test shoppers beside the simulator's ceilings and a logistic baseline
//   -> model artifact with its metrics in models/ (promoted) -> HTML report + summary JSON.
// The clock is read by the caller (trainedAt); everything else is determined by the options.
import { watchMachineLoad } from './pipeline/machine-load';
import { join } from 'node:path';
import { FEATURE_SET_VERSION } from '../common/features';
import type { ModelArtifact } from '../common/model/model-artifact';
import type { ScoreScale } from '../common/model/score-scale';
import { promoteModel, saveModel } from '../common/model/model-registry';
import type { ForestOptions } from './forest/forest-options';
import { loadShoppers, type ShopperSource } from './dataset/load-shoppers';
import type { ExtractAt } from './point-in-time';
import { creditForest } from './pipeline/credit-forest-options';
import { fitAndEvaluate } from './pipeline/fit-and-evaluate';
import {
  calibrationDeciles,
  importanceShares,
  round6,
  summarizeBinary,
  withMetrics,
  type DecileRow,
  type FeatureImportanceRow,
  type MetricSummary,
} from './pipeline/model-metrics';
import { summaryScoreTiming, type ScoreTiming } from './pipeline/score-timing';
import { writeSimulatedReport } from './pipeline/simulated-report';
import type { ReasonUsage } from './pipeline/score-rows';
import { selectRows, selectValues, stratifiedSplit } from './pipeline/stratified-split';
import { ADVERSE_DIRECTION, REASON_TABLE } from './reason-table';

/** A progress sink per stage (the CLI draws bars; tests pass nothing). */
export type ProgressFactory = (
  label: string,
  total: number | undefined,
  unit: string,
) => { update(done: number): void; finish(): void };

export interface SimulatedTrainingOptions {
  readonly source: ShopperSource;
  /** Seeds the train/test split and the forest (the simulation has its own seed). */
  readonly seed: number;
  /** Share of shoppers held out for evaluation (default 0.2). */
  readonly testFraction?: number;
  /** When feature vectors are read (default 'cut-off': the observation date; see point-in-time.ts). */
  readonly extractAt?: ExtractAt;
  /** Overrides of CREDIT_FOREST_OPTIONS (trees, depth, ...). */
  readonly forest?: Partial<ForestOptions>;
  /** Save the model here (models/<version>.json) when given. */
  readonly modelsDir?: string;
  /** Point models/current.json at the new model (default true when modelsDir is given). */
  readonly promote?: boolean;
  /** Write train-report.html and train-summary.json here when given. */
  readonly reportDir?: string;
  /** ISO-8601 training time (the caller owns the clock). */
  readonly trainedAt: string;
  /** Minimum time spent measuring score() (default 1000 ms; 0 skips the measurement). */
  readonly scoreTimingMs?: number;
  readonly progress?: ProgressFactory;
}

export interface DirectionCheck {
  readonly feature: string;
  readonly asserted: 'high' | 'low';
  /** AUC of the feature's value for "contribution adverse" vs "favourable"; 1 = adverse when high. */
  readonly adverseWhenHighAuc: number | null;
  /**
   * The model's adverse side matches the text; null when the feature is unused or has no clear side
   * (AUC within DIRECTION_MARGIN of 0.5: a minor feature used both ways).
   */
  readonly agrees: boolean | null;
}

const DIRECTION_MARGIN = 0.1;

export interface SimulatedTrainingSummary {
  readonly kind: 'simulated';
  readonly modelVersion: string;
  readonly modelPath: string | null;
  readonly promoted: boolean;
  readonly reportPath: string | null;
  readonly dataset: Readonly<Record<string, unknown>>;
  readonly split: {
    readonly seed: number;
    readonly testFraction: number;
    readonly forestRows: number;
    readonly calibrationRows: number;
    readonly testRows: number;
  };
  readonly forest: Readonly<Record<string, unknown>>;
  readonly metrics: {
    readonly model: MetricSummary;
    readonly ceiling: MetricSummary;
    readonly observableCeiling: MetricSummary;
    readonly baseline: MetricSummary;
    readonly aucGapToCeiling: number;
    readonly aucGapToObservableCeiling: number;
    readonly aucAboveBaseline: number;
  };
  readonly calibrationByDecile: readonly DecileRow[];
  readonly featureImportance: readonly FeatureImportanceRow[];
  readonly reasons: {
    readonly usage: readonly ReasonUsage[];
    readonly maxPerScore: number;
    readonly rowsWithoutReasons: number;
    readonly directionCheck: readonly DirectionCheck[];
  };
  readonly scoreTiming: ScoreTiming | null;
  /** Points of the test shoppers on the artifact's scale (which is recorded beside them). */
  readonly points: {
    readonly scale: ScoreScale;
    readonly p10: number;
    readonly p50: number;
    readonly p90: number;
  };
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly machine: Readonly<Record<string, unknown>>;
}

export interface SimulatedTrainingResult {
  readonly artifact: ModelArtifact;
  readonly summary: SimulatedTrainingSummary;
}

export async function trainOnSimulatedShoppers(
  options: SimulatedTrainingOptions,
): Promise<SimulatedTrainingResult> {
  const started = performance.now();
  const machineLoad = watchMachineLoad();
  const testFraction = options.testFraction ?? 0.2;
  const forest = creditForest(options.seed, options.forest);

  // 1. Point-in-time rows.
  let bar: ReturnType<ProgressFactory> | undefined;
  const loaded = await loadShoppers(
    options.source,
    {
      start: (total) => (bar = options.progress?.('replaying shoppers', total, 'shoppers')),
      update: (done) => bar?.update(done),
      finish: () => bar?.finish(),
    },
    options.extractAt,
  );
  const { dataset, simulation } = loaded;
  const datasetMs = performance.now() - started;

  // 2. Split, 3. train and evaluate.
  const split = stratifiedSplit(dataset.y, testFraction, options.seed);
  const testY = selectValues(dataset.y, split.test);
  const treeBar = options.progress?.('training forest', forest.resolved.trees, 'trees');
  const round = await fitAndEvaluate({
    train: { X: selectRows(dataset.X, split.train), y: selectValues(dataset.y, split.train) },
    test: { X: selectRows(dataset.X, split.test), y: testY },
    featureNames: dataset.featureNames,
    featureSetVersion: FEATURE_SET_VERSION,
    reasonTable: REASON_TABLE,
    forest: forest.options,
    trainedAt: options.trainedAt,
    onProgress: (p) => treeBar?.update(p.treesDone),
  });
  treeBar?.finish();

  // 4. Metrics beside the ceilings and the baseline, on the same test shoppers.
  const model = summarizeBinary(round.scored.probability, testY);
  const ceiling = summarizeBinary(selectValues(dataset.trueProbability, split.test), testY);
  const observableCeiling = summarizeBinary(selectValues(dataset.observableProbability, split.test), testY);
  const baseline = summarizeBinary(round.baseline, testY);
  const deciles = calibrationDeciles(round.scored.probability, testY);
  const importance = importanceShares(dataset.featureNames, round.scored.meanAbsContribution);
  const directionCheck: DirectionCheck[] = dataset.featureNames.map((feature, f) => {
    const a = round.scored.adverseWhenHighAuc[f];
    const asserted = ADVERSE_DIRECTION[feature];
    return {
      feature,
      asserted,
      adverseWhenHighAuc: Number.isNaN(a) ? null : round6(a),
      agrees:
        Number.isNaN(a) || Math.abs(a - 0.5) < DIRECTION_MARGIN
          ? null
          : asserted === 'high'
            ? a > 0.5
            : a < 0.5,
    };
  });

  const dataFacts = {
    source: loaded.file === undefined ? 'simulated' : 'training-file',
    file: loaded.file ?? null,
    simulationSeed: simulation.seed,
    shoppers: dataset.counts.shoppers,
    observationEnd: new Date(dataset.asOfMs).toISOString(),
    featuresReadAt: dataset.extractAt === 'cut-off' ? 'observation date' : "shopper's last event",
    observationDays: simulation.observationDays,
    events: dataset.counts.events,
    eventsApplied: dataset.counts.applied,
    duplicates: dataset.counts.duplicate,
    tooLate: dataset.counts.tooLate,
    afterCutoff: dataset.counts.afterCutoff,
    defaulted: dataset.counts.defaulted,
    baseRate: round6(dataset.counts.defaulted / Math.max(1, dataset.counts.shoppers)),
    featureSetVersion: FEATURE_SET_VERSION,
    features: dataset.featureNames.length,
  };
  const splitFacts = {
    seed: options.seed,
    testFraction,
    forestRows: round.artifact.training.rows,
    calibrationRows: round.calibrationRows,
    testRows: split.test.length,
  };
  const artifact = withMetrics(round.artifact, {
    evaluation: 'holdout',
    test: model,
    calibrationByDecile: deciles,
    ceilingAuc: ceiling.auc,
    observableCeilingAuc: observableCeiling.auc,
    baselineAuc: baseline.auc,
    baseline: 'logistic regression (L2 = 1, standardised) on the same features and training rows',
    featureImportance: Object.fromEntries(importance.map((r) => [r.feature, r.share])),
    dataset: dataFacts,
    split: splitFacts,
  });
  const evaluatedMs = performance.now() - started;

  // 5. Time per score (the loaded model is the same forest: metrics do not change scoring).
  const scoreTiming = summaryScoreTiming(
    round.model,
    selectRows(dataset.X, split.test),
    options.scoreTimingMs,
  );

  // 6. Registry and report.
  let modelPath: string | null = null;
  const promote = options.modelsDir !== undefined && options.promote !== false;
  if (options.modelsDir !== undefined) {
    modelPath = await saveModel(options.modelsDir, artifact);
    if (promote) await promoteModel(options.modelsDir, artifact.version, options.trainedAt);
  }

  const summary: SimulatedTrainingSummary = {
    kind: 'simulated',
    modelVersion: artifact.version,
    modelPath,
    promoted: promote,
    reportPath: options.reportDir === undefined ? null : join(options.reportDir, 'train-report.html'),
    dataset: dataFacts,
    split: splitFacts,
    forest: forest.facts,
    metrics: {
      model,
      ceiling,
      observableCeiling,
      baseline,
      aucGapToCeiling: round6(ceiling.auc - model.auc),
      aucGapToObservableCeiling: round6(observableCeiling.auc - model.auc),
      aucAboveBaseline: round6(model.auc - baseline.auc),
    },
    calibrationByDecile: deciles,
    featureImportance: importance,
    reasons: {
      usage: round.scored.reasonUsage,
      maxPerScore: round.scored.maxReasons,
      rowsWithoutReasons: round.scored.rowsWithoutReasons,
      directionCheck,
    },
    points: { scale: artifact.scoreScale, ...percentiles(round.scored.points) },
    scoreTiming,
    timingsMs: {
      replay: Math.round(datasetMs),
      forest: Math.round(round.artifact.training.durationMs),
      trainWithCalibration: Math.round(round.trainMs),
      baseline: Math.round(round.baselineMs),
      untilEvaluated: Math.round(evaluatedMs),
      total: Math.round(performance.now() - started),
    },
    machine: machineLoad(),
  };

  if (options.reportDir !== undefined) {
    await writeSimulatedReport(options.reportDir, summary, {
      testY,
      model: round.scored.probability,
      ceiling: selectValues(dataset.trueProbability, split.test),
      observable: selectValues(dataset.observableProbability, split.test),
      baseline: round.baseline,
      importance: importance.map((r) => ({ feature: r.feature, importance: r.share })),
      trainedAt: options.trainedAt,
    });
  }
  return { artifact, summary };
}

function percentiles(values: Float64Array): { p10: number; p50: number; p90: number } {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))];
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9) };
}
