// `npm run train -- [options]`: trains the credit model and writes its evaluation report.
//
//   npm run train -- --shoppers 100000 --seed 1 --trees 100       simulate, replay, train, evaluate
//   npm run train -- --input data/train.jsonl.gz                    same, from a simulator training file
//   npm run train -- --csv loans.csv --label bad --folds 5          a lender's own labelled rows, k-fold
//
// Progress bars go to stderr, the summary table to stdout. Options: docs/training.md.
import { parseArgs } from 'node:util';
import { DATASET_OPTIONS, extractAtOption, numberOption, shopperSource } from './dataset-args';
import type { ForestOptions } from '../forest/forest-options';
import { trainOnCsv, type CsvTrainingSummary } from '../csv-pipeline';
import { ProgressBar } from '../pipeline/progress-bar';
import { fixed, table } from '../pipeline/summary-table';
import {
  trainOnSimulatedShoppers,
  type ProgressFactory,
  type SimulatedTrainingSummary,
} from '../train-pipeline';

const USAGE = `usage: npm run train -- [options]
data (one of):
  --shoppers N           simulate N shoppers (default 20000)   --seed S    seed of everything (default 1)
  --end YYYY-MM-DD       observation date (default 2024-12-01) --days D    observation period (default 365)
  --input FILE           a simulator training file (.jsonl or .jsonl.gz) instead of simulating
  --csv FILE --label COL a CSV of labelled rows; --positive VALUE names the default label value
                         (default: 1/true/yes/bad/default), --folds K (default 5), --ignore COL,COL
forest:
  --trees T (default 100)  --max-depth D  --min-samples M  --max-features F (0..1]  --gain-threshold G
  --workers W (default min(2, cores))
output:
  --test-fraction F      held-out share of shoppers (default 0.2)
  --features-at WHEN     last-event (default: as the scorer scores, each profile as of its latest
                         event before the observation date) or observation-date (docs/training.md)
  --models-dir DIR       model registry (default models)      --no-promote   do not move current.json
  --report-dir DIR       HTML report + summary JSON (default reports)
  --score-timing-ms MS   time spent measuring score() (default 1000, 0 = skip)
  --no-progress          no progress bars`;

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    csv: { type: 'string' },
    label: { type: 'string' },
    positive: { type: 'string' },
    folds: { type: 'string', default: '5' },
    ignore: { type: 'string' },
    trees: { type: 'string' },
    'max-depth': { type: 'string' },
    'min-samples': { type: 'string' },
    'max-features': { type: 'string' },
    'gain-threshold': { type: 'string' },
    workers: { type: 'string' },
    'models-dir': { type: 'string', default: 'models' },
    'report-dir': { type: 'string', default: 'reports' },
    'no-promote': { type: 'boolean', default: false },
    'score-timing-ms': { type: 'string', default: '1000' },
    'no-progress': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const number = numberOption;

function forestOverrides(): Partial<ForestOptions> {
  const entries: Array<[keyof ForestOptions, number | undefined]> = [
    ['trees', number('trees', values.trees)],
    ['maxDepth', number('max-depth', values['max-depth'])],
    ['minNumSamples', number('min-samples', values['min-samples'])],
    ['maxFeatures', number('max-features', values['max-features'])],
    ['gainThreshold', number('gain-threshold', values['gain-threshold'])],
    ['workers', number('workers', values.workers)],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

const progress: ProgressFactory | undefined = values['no-progress']
  ? undefined
  : (label, total, unit) => new ProgressBar({ label, total, unit });

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = number('seed', values.seed) ?? 1;
  const common = {
    seed,
    forest: forestOverrides(),
    modelsDir: values['models-dir'],
    reportDir: values['report-dir'],
    trainedAt: new Date().toISOString(),
    scoreTimingMs: number('score-timing-ms', values['score-timing-ms']),
    progress,
  };
  if (values.csv !== undefined) {
    if (values.label === undefined) throw new RangeError('--csv needs --label COLUMN');
    const { summary } = await trainOnCsv({
      ...common,
      path: values.csv,
      label: values.label,
      positive: values.positive,
      ignore: values.ignore
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
      folds: number('folds', values.folds) ?? 5,
    });
    printCsvSummary(summary);
    return;
  }
  const { summary } = await trainOnSimulatedShoppers({
    ...common,
    extractAt: extractAtOption(values),
    promote: !values['no-promote'],
    testFraction: number('test-fraction', values['test-fraction']),
    source: shopperSource(values),
  });
  printSimulatedSummary(summary);
}

function printSimulatedSummary(s: SimulatedTrainingSummary): void {
  const m = s.metrics;
  const row = (name: string, x: typeof m.model) => [
    name,
    fixed(x.auc),
    fixed(x.gini),
    fixed(x.ks),
    fixed(x.brier),
    fixed(x.expectedCalibrationError),
  ];
  const d = s.dataset;
  console.log(
    `\n${String(d.shoppers)} shoppers, ${String(d.events)} events, base rate ${(Number(d.baseRate) * 100).toFixed(2)}%, ` +
      `events before ${String(d.observationEnd)}, features read at the ${String(d.featuresReadAt)}; test ${s.split.testRows} shoppers\n`,
  );
  console.log(
    table([
      ['model (test shoppers)', 'AUC', 'Gini', 'KS', 'Brier', 'ECE'],
      row('forest, calibrated', m.model),
      row('logistic regression baseline', m.baseline),
      row('ceiling: true probability', m.ceiling),
      row('traits without hidden risk', m.observableCeiling),
    ]),
  );
  console.log(
    `\nAUC gap to ceiling ${fixed(m.aucGapToCeiling)} (target <= 0.02), to traits-only ${fixed(m.aucGapToObservableCeiling)}, ` +
      `above baseline ${fixed(m.aucAboveBaseline)}`,
  );
  console.log(
    `\ncalibration by decile (mean predicted / observed): ` +
      s.calibrationByDecile
        .map((b) => `${(100 * b.meanPredicted).toFixed(1)}/${(100 * b.observedRate).toFixed(1)}%`)
        .join('  '),
  );
  console.log(
    `top features (share of |contribution|): ` +
      s.featureImportance
        .slice(0, 8)
        .map((f) => `${f.feature} ${(100 * f.share).toFixed(1)}%`)
        .join(', '),
  );
  const scale = s.points.scale;
  console.log(
    `points: p10 ${s.points.p10}, median ${s.points.p50}, p90 ${s.points.p90} ` +
      `(${scale.basePoints} at odds ${scale.baseOdds}:1, ${scale.pdo} points to double the odds, ${scale.minPoints}-${scale.maxPoints})`,
  );
  const disagree = s.reasons.directionCheck.filter((c) => c.agrees === false).map((c) => c.feature);
  console.log(
    `reasons: at most ${s.reasons.maxPerScore} per score; most frequent ` +
      s.reasons.usage
        .slice(0, 4)
        .map((u) => `${u.code} (${u.text}) ${((100 * u.any) / s.split.testRows).toFixed(0)}%`)
        .join('; ') +
      (disagree.length > 0
        ? `\n  reason text direction differs from the model for: ${disagree.join(', ')}`
        : ''),
  );
  printTimes(s.timingsMs, s.scoreTiming, s.machine);
  console.log(
    `model ${s.modelVersion}${s.modelPath ? ` -> ${s.modelPath}` : ''}${s.promoted ? ' (promoted)' : ''}`,
  );
  if (s.reportPath) console.log(`report ${s.reportPath}`);
}

function printCsvSummary(s: CsvTrainingSummary): void {
  const m = s.metrics;
  console.log(
    `\n${s.dataset.rows} rows, ${s.dataset.defaults} defaults (${(100 * s.dataset.baseRate).toFixed(2)}%), ` +
      `${s.dataset.features} encoded features from ${s.dataset.columns} columns; ${s.folds}-fold cross-validation\n`,
  );
  console.log(
    table([
      ['model (out of fold)', 'AUC', 'fold AUC sd', 'Gini', 'KS', 'Brier', 'ECE'],
      [
        'forest, calibrated',
        fixed(m.model.auc),
        fixed(m.modelFoldAucSd),
        fixed(m.model.gini),
        fixed(m.model.ks),
        fixed(m.model.brier),
        fixed(m.model.expectedCalibrationError),
      ],
      [
        'logistic regression baseline',
        fixed(m.baseline.auc),
        fixed(m.baselineFoldAucSd),
        fixed(m.baseline.gini),
        fixed(m.baseline.ks),
        fixed(m.baseline.brier),
        fixed(m.baseline.expectedCalibrationError),
      ],
    ]),
  );
  console.log(
    `\ntop features (share of |contribution|): ` +
      s.featureImportance
        .slice(0, 8)
        .map((f) => `${f.feature} ${(100 * f.share).toFixed(1)}%`)
        .join(', '),
  );
  printTimes(s.timingsMs, s.scoreTiming, s.machine);
  console.log(
    `final model (all rows) ${s.modelVersion}${s.modelPath ? ` -> ${s.modelPath}` : ''} (not promoted)`,
  );
  if (s.reportPath) console.log(`report ${s.reportPath}`);
}

function printTimes(
  t: Readonly<Record<string, number>>,
  timing: { meanUs: number; p50Us: number; p99Us: number } | null,
  machine: Readonly<Record<string, unknown>>,
): void {
  console.log(
    `time: ${Object.entries(t)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(
        ', ',
      )}; ${String(machine.cpus)} cores, load ${JSON.stringify(machine.loadAverageAtStart)} -> ${JSON.stringify(machine.loadAverageAtEnd)}`,
  );
  if (timing)
    console.log(
      `time per score with reasons: mean ${timing.meanUs.toFixed(1)} us, p50 ${timing.p50Us.toFixed(1)} us, p99 ${timing.p99Us.toFixed(1)} us (target < 100 us)`,
    );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `train: ${err.message}` : err);
  if (err instanceof Error && !(err instanceof RangeError)) console.error(err.stack);
  process.exitCode = 1;
});
