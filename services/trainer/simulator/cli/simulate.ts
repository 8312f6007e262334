// Command line: write a simulated training file and print what it holds (volume, speed, base rate,
// the true-probability AUC ceiling). With --report, also fit the logistic-regression baseline on the
// crude signal probe (5-fold, out of fold) and write an HTML report of baseline vs ceiling: a quick
// check that the simulator's events carry learnable but imperfect signal.
//
//   node dist/services/trainer/simulator/cli/simulate.js --shoppers 20000 --seed 7 \
//     --end 2024-12-01 --out data/train.jsonl.gz --report data/simulator-report.html
import { parseArgs } from 'node:util';
import { auc } from '../../evaluation/auc';
import { outOfFoldPredictions } from '../../evaluation/k-fold';
import { fitLogisticRegression, predictLogisticRegression } from '../../evaluation/logistic-regression';
import { writeEvaluationReport } from '../../evaluation/write-html-report';
import { createRunContext } from '../run-context';
import { PROBE_FEATURES, probeFeatures } from '../signal-probe';
import { writeTrainingFile } from '../training-file';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shoppers: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      end: { type: 'string', default: '2024-12-01' },
      days: { type: 'string', default: '180' },
      out: { type: 'string', default: 'simulated-training.jsonl.gz' },
      report: { type: 'string' },
      'fraud-share': { type: 'string' },
      'include-discounts': { type: 'boolean', default: false },
    },
  });
  const options = {
    seed: Number(values.seed),
    shoppers: Number(values.shoppers),
    observationEnd: Date.parse(`${values.end}T00:00:00Z`),
    observationDays: Number(values.days),
    fraudShare: values['fraud-share'] === undefined ? undefined : Number(values['fraud-share']),
    includeDiscounts: values['include-discounts'],
  };
  const ctx = createRunContext(options);

  const probabilities: number[] = [];
  const labels: number[] = [];
  const probe: number[][] = [];
  const summary = await writeTrainingFile(values.out, {
    ...options,
    onShopper: (s) => {
      probabilities.push(s.trueDefaultProbability);
      labels.push(s.defaulted ? 1 : 0);
      if (values.report)
        probe.push(probeFeatures(s.events, ctx.periodEnd, ctx.options.observationDays, ctx.zones));
    },
  });
  const ceiling = auc(probabilities, labels);
  console.log(
    JSON.stringify(
      {
        file: summary.path,
        shoppers: summary.shoppers,
        events: summary.events,
        eventsPerShopper: +(summary.events / summary.shoppers).toFixed(1),
        defaulted: summary.defaulted,
        baseRate: +(summary.defaulted / summary.shoppers).toFixed(4),
        trueProbabilityAuc: +ceiling.toFixed(4),
        megabytes: +(summary.bytes / 1e6).toFixed(1),
        seconds: summary.elapsedMs / 1000,
      },
      null,
      2,
    ),
  );

  if (values.report) {
    const started = performance.now();
    const oof = outOfFoldPredictions(probe, labels, 5, 1, (trainX, trainY, testX) =>
      predictLogisticRegression(fitLogisticRegression(trainX, trainY), testX),
    );
    const full = fitLogisticRegression(probe, labels);
    await writeEvaluationReport(values.report, {
      title: 'Simulated shoppers: learnable signal check',
      subtitle: `seed ${options.seed}, ${summary.shoppers} shoppers, ${summary.events} events`,
      generatedAt: new Date().toISOString(),
      models: [
        { name: 'True default probability', scores: probabilities, labels, ceiling: true },
        { name: 'Logistic regression on probe features (5-fold OOF)', scores: oof, labels },
      ],
      featureImportance: PROBE_FEATURES.map((f, j) => ({
        feature: f,
        importance: full.standardizedCoefficients[j],
      })),
      facts: [
        [
          'Observation period',
          `${new Date(ctx.periodStart).toISOString()} to ${new Date(ctx.periodEnd).toISOString()}`,
        ],
        ['Events per shopper', (summary.events / summary.shoppers).toFixed(1)],
        ['Training file', summary.path],
      ],
      notes: [
        'Feature importance here = standardised logistic-regression coefficients (signed).',
        'The probe features are a crude check of the simulator, not the product feature set.',
      ],
    });
    console.log(
      JSON.stringify({
        report: values.report,
        baselineAuc: +auc(oof, labels).toFixed(4),
        seconds: Math.round(performance.now() - started) / 1000,
      }),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
