// `npm run train -- --csv FILE --label COL`: the credit model on a lender's own labelled rows.
// There is no simulator ceiling here and usually too little data to waste a fixed test set, so the
// metrics are k-fold cross-validated: every row is scored by a model (forest + calibration) that
// never saw it, the logistic baseline likewise, and the report shows the out-of-fold metrics plus
// the spread of the per-fold AUCs. The model saved afterwards is trained on all rows; it is NOT
// promoted (its features are the CSV's columns, not the shopper features the scorer computes, and
// the scorer would refuse it).
import { watchMachineLoad } from './pipeline/machine-load';
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { compileModel } from '../common/model/load-model';
import type { ModelArtifact } from '../common/model/model-artifact';
import { saveModel } from '../common/model/model-registry';
import { auc } from './evaluation/auc';
import { stratifiedKFold } from './evaluation/k-fold';
import { writeEvaluationReport } from './evaluation/write-html-report';
import type { ForestOptions } from './forest/forest-options';
import { trainCreditModel } from './forest/train-credit-model';
import { loadCsvDataset, type CsvColumnEncoding } from './csv/csv-dataset';
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
import { selectRows, selectValues } from './pipeline/stratified-split';
import type { ProgressFactory } from './train-pipeline';

export interface CsvTrainingOptions {
  readonly path: string;
  readonly label: string;
  readonly positive?: string;
  readonly ignore?: readonly string[];
  /** Number of cross-validation folds (default 5). */
  readonly folds?: number;
  /** Seeds the folds and the forests. */
  readonly seed: number;
  readonly forest?: Partial<ForestOptions>;
  readonly modelsDir?: string;
  /** Write csv-report.html and csv-summary.json here when given. */
  readonly reportDir?: string;
  readonly trainedAt: string;
  readonly scoreTimingMs?: number;
  readonly progress?: ProgressFactory;
}

export interface CsvTrainingSummary {
  readonly kind: 'csv';
  readonly modelVersion: string;
  readonly modelPath: string | null;
  readonly reportPath: string | null;
  readonly folds: number;
  readonly dataset: {
    readonly file: string;
    readonly label: string;
    readonly rows: number;
    readonly defaults: number;
    readonly baseRate: number;
    readonly columns: number;
    readonly features: number;
    readonly featureSetVersion: string;
    readonly encoding: readonly CsvColumnEncoding[];
  };
  readonly forest: Readonly<Record<string, unknown>>;
  readonly metrics: {
    readonly model: MetricSummary;
    readonly baseline: MetricSummary;
    readonly modelFoldAuc: readonly number[];
    readonly baselineFoldAuc: readonly number[];
    readonly modelFoldAucSd: number;
    readonly baselineFoldAucSd: number;
  };
  readonly calibrationByDecile: readonly DecileRow[];
  readonly featureImportance: readonly FeatureImportanceRow[];
  readonly scoreTiming: ScoreTiming | null;
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly machine: Readonly<Record<string, unknown>>;
}

export async function trainOnCsv(
  options: CsvTrainingOptions,
): Promise<{ artifact: ModelArtifact; summary: CsvTrainingSummary }> {
  const started = performance.now();
  const machineLoad = watchMachineLoad();
  const data = await loadCsvDataset(options.path, {
    label: options.label,
    positive: options.positive,
    ignore: options.ignore,
  });
  const readMs = performance.now() - started;
  const k = options.folds ?? 5;
  const forest = creditForest(options.seed, options.forest);
  const folds = stratifiedKFold(data.y, k, options.seed);

  const bar = options.progress?.(`training ${k} folds + final`, (k + 1) * forest.resolved.trees, 'trees');
  const oofModel = new Float64Array(data.X.rows);
  const oofBaseline = new Float64Array(data.X.rows);
  const modelFoldAuc: number[] = [];
  const baselineFoldAuc: number[] = [];
  const absContribution = new Float64Array(data.X.cols);
  for (let f = 0; f < folds.length; f++) {
    const { train, test } = folds[f];
    const testY = selectValues(data.y, test);
    const round = await fitAndEvaluate({
      train: { X: selectRows(data.X, train), y: selectValues(data.y, train) },
      test: { X: selectRows(data.X, test), y: testY },
      featureNames: data.featureNames,
      featureSetVersion: data.featureSetVersion,
      reasonTable: data.reasonTable,
      forest: forest.options,
      trainedAt: options.trainedAt,
      onProgress: (p) => bar?.update(f * forest.resolved.trees + p.treesDone),
    });
    test.forEach((row, i) => {
      oofModel[row] = round.scored.probability[i];
      oofBaseline[row] = round.baseline[i];
    });
    modelFoldAuc.push(round6(auc(round.scored.probability, testY)));
    baselineFoldAuc.push(round6(auc(round.baseline, testY)));
    for (let c = 0; c < data.X.cols; c++)
      absContribution[c] += round.scored.meanAbsContribution[c] * test.length;
  }
  const cvMs = performance.now() - started - readMs;

  // The model to keep: all rows (its own calibration split inside).
  const final = await trainCreditModel({
    X: data.X,
    y: data.y,
    featureNames: data.featureNames,
    featureSetVersion: data.featureSetVersion,
    reasonTable: data.reasonTable,
    forest: forest.options,
    trainedAt: options.trainedAt,
    onProgress: (p) => bar?.update(k * forest.resolved.trees + p.treesDone),
  });
  bar?.finish();

  const model = summarizeBinary(oofModel, data.y);
  const baseline = summarizeBinary(oofBaseline, data.y);
  const deciles = calibrationDeciles(oofModel, data.y);
  const importance = importanceShares(data.featureNames, absContribution);
  const positives = data.y.reduce((a, b) => a + b, 0);
  const dataset = {
    file: options.path,
    label: data.label,
    rows: data.X.rows,
    defaults: positives,
    baseRate: round6(positives / data.X.rows),
    columns: data.columns.length,
    features: data.featureNames.length,
    featureSetVersion: data.featureSetVersion,
    encoding: data.columns,
  };
  const artifact = withMetrics(final.artifact, {
    evaluation: `${k}-fold cross-validation (out-of-fold predictions)`,
    test: model,
    calibrationByDecile: deciles,
    baselineAuc: baseline.auc,
    baseline: 'logistic regression (L2 = 1, standardised) on the same encoded features, same folds',
    modelFoldAuc,
    baselineFoldAuc,
    featureImportance: Object.fromEntries(importance.map((r) => [r.feature, r.share])),
    dataset,
  });
  const finalModel = compileModel(artifact);
  const timing = summaryScoreTiming(finalModel, data.X, options.scoreTimingMs);
  const modelPath = options.modelsDir === undefined ? null : await saveModel(options.modelsDir, artifact);

  const summary: CsvTrainingSummary = {
    kind: 'csv',
    modelVersion: artifact.version,
    modelPath,
    reportPath: options.reportDir === undefined ? null : join(options.reportDir, 'csv-report.html'),
    folds: k,
    dataset,
    forest: forest.facts,
    metrics: {
      model,
      baseline,
      modelFoldAuc,
      baselineFoldAuc,
      modelFoldAucSd: round6(sd(modelFoldAuc)),
      baselineFoldAucSd: round6(sd(baselineFoldAuc)),
    },
    calibrationByDecile: deciles,
    featureImportance: importance,
    scoreTiming: timing,
    timingsMs: {
      read: Math.round(readMs),
      crossValidation: Math.round(cvMs),
      total: Math.round(performance.now() - started),
    },
    machine: machineLoad(),
  };

  if (options.reportDir !== undefined) {
    await mkdir(options.reportDir, { recursive: true });
    const labels = Float64Array.from(data.y);
    await writeEvaluationReport(join(options.reportDir, 'csv-report.html'), {
      title: `Credit model ${artifact.version} on ${options.path}: ${k}-fold cross-validation`,
      subtitle: `${data.X.rows} rows, label "${data.label}", out-of-fold predictions`,
      generatedAt: options.trainedAt,
      models: [
        { name: 'Forest, calibrated (out of fold)', scores: oofModel, labels },
        { name: 'Logistic regression baseline (out of fold)', scores: oofBaseline, labels },
      ],
      featureImportance: importance.map((r) => ({ feature: r.feature, importance: r.share })),
      facts: [
        ['Model version (all rows)', artifact.version],
        ['Model file', modelPath ?? '(not saved)'],
        ['Per-fold AUC, forest', modelFoldAuc.map((a) => a.toFixed(3)).join(', ')],
        ['Per-fold AUC, baseline', baselineFoldAuc.map((a) => a.toFixed(3)).join(', ')],
        ['Forest', JSON.stringify(summary.forest)],
        ['Columns', describeColumns(data.columns)],
      ],
      notes: [
        'Every row is scored by a model trained without it (stratified folds); the final model is trained on all rows.',
        'Numeric gaps are filled with the column median plus a <col>:missing flag; text columns are one-hot encoded ' +
          '(20 most frequent levels, then (other) and (missing)).',
        'Feature importance = share of the mean |path contribution| over the held-out rows, summed over folds.',
      ],
    });
    await writeFile(
      join(options.reportDir, 'csv-summary.json'),
      `${JSON.stringify(summary, null, 2)}\n`,
      'utf8',
    );
  }
  return { artifact, summary };
}

function sd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
}

function describeColumns(columns: readonly CsvColumnEncoding[]): string {
  return columns
    .map((c) =>
      c.kind === 'numeric'
        ? `${c.column} (numeric${c.missing > 0 ? `, ${c.missing} missing` : ''})`
        : c.kind === 'categorical'
          ? `${c.column} (${c.levels.length + (c.otherLevels > 0 ? 1 : 0)} levels)`
          : `${c.column} (ignored: ${c.reason})`,
    )
    .join('; ');
}
