// The HTML report and summary JSON of a simulated-shopper run (the pipeline is train-pipeline.ts;
// rendering is the evaluation module's renderEvaluationReport).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureImportance } from '../evaluation/html-report';
import { writeEvaluationReport } from '../evaluation/write-html-report';
import type { SimulatedTrainingSummary } from '../train-pipeline';

export interface ReportSeries {
  readonly testY: Float64Array;
  readonly model: Float64Array;
  readonly ceiling: Float64Array;
  readonly observable: Float64Array;
  readonly baseline: Float64Array;
  readonly importance: FeatureImportance[];
  readonly trainedAt: string;
}

export async function writeSimulatedReport(
  dir: string,
  summary: SimulatedTrainingSummary,
  series: ReportSeries,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const d = summary.dataset;
  const t = summary.timingsMs;
  const disagreeing = summary.reasons.directionCheck.filter((c) => c.agrees === false).map((c) => c.feature);
  await writeEvaluationReport(join(dir, 'train-report.html'), {
    title: `Credit model ${summary.modelVersion}: evaluation on held-out simulated shoppers`,
    subtitle:
      `${summary.split.testRows} test shoppers of ${String(d.shoppers)} (simulation seed ${String(d.simulationSeed)}), ` +
      `events before ${String(d.observationEnd)}, features read at the ${String(d.featuresReadAt)}`,
    generatedAt: series.trainedAt,
    models: [
      {
        name: 'True default probability (simulator)',
        scores: series.ceiling,
        labels: series.testY,
        ceiling: true,
      },
      { name: 'Traits without hidden risk (simulator)', scores: series.observable, labels: series.testY },
      { name: `Forest, calibrated (${summary.modelVersion})`, scores: series.model, labels: series.testY },
      { name: 'Logistic regression baseline', scores: series.baseline, labels: series.testY },
    ],
    featureImportance: series.importance,
    facts: [
      ['Model version', summary.modelVersion],
      ['Model file', summary.modelPath ?? '(not saved)'],
      ['Feature set', String(d.featureSetVersion)],
      ['Features read at', String(d.featuresReadAt)],
      [
        'Shoppers / events',
        `${String(d.shoppers)} / ${String(d.events)} (${String(d.eventsApplied)} applied)`,
      ],
      [
        'Skipped events',
        `${String(d.tooLate)} too late, ${String(d.duplicates)} duplicates, ${String(d.afterCutoff)} after the cut-off`,
      ],
      ['Base rate', `${(Number(d.baseRate) * 100).toFixed(2)}%`],
      [
        'AUC gaps',
        `${summary.metrics.aucGapToCeiling.toFixed(3)} below the ceiling (target 0.02), ` +
          `${summary.metrics.aucGapToObservableCeiling.toFixed(3)} below traits without hidden risk, ` +
          `${summary.metrics.aucAboveBaseline.toFixed(3)} above the baseline`,
      ],
      [
        'Points (test shoppers)',
        `p10 ${summary.points.p10}, median ${summary.points.p50}, p90 ${summary.points.p90}; scale ` +
          `${summary.points.scale.basePoints} points at odds ${summary.points.scale.baseOdds}:1, ` +
          `PDO ${summary.points.scale.pdo}, ${summary.points.scale.minPoints}-${summary.points.scale.maxPoints}`,
      ],
      [
        'Rows',
        `forest ${summary.split.forestRows}, calibration ${summary.split.calibrationRows}, test ${summary.split.testRows}`,
      ],
      ['Forest', JSON.stringify(summary.forest)],
      ['Time', `replay ${sec(t.replay)}, forest ${sec(t.forest)}, total ${sec(t.total)}`],
      [
        'Time per score (with reasons)',
        summary.scoreTiming === null
          ? '(not measured)'
          : `mean ${summary.scoreTiming.meanUs.toFixed(1)} us, p50 ${summary.scoreTiming.p50Us.toFixed(1)} us, p99 ${summary.scoreTiming.p99Us.toFixed(1)} us`,
      ],
      [
        'Machine',
        `${String(summary.machine.cpus)} cores, load ${JSON.stringify(summary.machine.loadAverageAtStart)} at start`,
      ],
      [
        'Top reasons (share of scores)',
        summary.reasons.usage
          .slice(0, 6)
          .map((u) => `${u.code} ${((100 * u.any) / summary.split.testRows).toFixed(0)}%`)
          .join(', '),
      ],
    ],
    notes: [
      'Ceiling: the simulator ranks shoppers by their true default probability; no model can do better in expectation. ' +
        'It includes an unobservable risk factor that moves the label but never the events.',
      '"Traits without hidden risk" integrates that factor out: the best possible score from anything the shopper ' +
        'reveals (it still knows income, employment and stability exactly, which events only hint at). Evaluation only.',
      'Feature importance = share of the mean |path contribution| over the test shoppers (the same contributions the reasons use).',
      'The forest is calibrated with isotonic regression on its own held-out rows; calibration deciles compare mean predicted with observed default rates on the test shoppers.',
      disagreeing.length === 0
        ? 'Reason texts: every feature with a clear direction is adverse on the side its reason text states.'
        : `Reason texts: the model is adverse on the other side than the text states for: ${disagreeing.join(', ')}.`,
    ],
  });
  await writeFile(join(dir, 'train-summary.json'), `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
}

function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
