// The information audit's rows: for every simulated shopper, the hidden traits (the answer key),
// the default logit's parts, event counts, the simulator's crude probe summaries and the product's
// feature vector (read as `npm run train` reads it), with the same stratified split. It answers
// "where is the information lost": traits -> events (probe) -> product features -> model.
//   node dist/bench/lightgbm/export-audit.js --shoppers 100000 --seed 1 --out bench/results/lightgbm/audit.csv
// Evaluation only: traits are never model inputs of the product.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { FEATURE_COUNT, FEATURE_NAMES } from '../../services/common/features';
import { pointInTimeVector, UPDATER_APPLY_OPTIONS } from '../../services/trainer/point-in-time';
import { observableDefaultProbability } from '../../services/trainer/observable-ceiling';
import { stratifiedSplit } from '../../services/trainer/pipeline/stratified-split';
import { DATASET_OPTIONS, extractAtOption, shopperSource } from '../../services/trainer/cli/dataset-args';
import { createRunContext } from '../../services/trainer/simulator/run-context';
import { simulateShoppers } from '../../services/trainer/simulator/simulate-shoppers';
import { PROBE_FEATURES, probeFeatures } from '../../services/trainer/simulator/signal-probe';
import { EMPLOYMENT_TYPES, FRAUD_TYPES } from '../../services/trainer/simulator/traits';
import { DAY_MS } from '../../services/trainer/simulator/time-zones';

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    out: { type: 'string', default: 'bench/results/lightgbm/audit.csv' },
  },
});

const TRAIT_COLUMNS = [
  'employment',
  'age',
  'log_income',
  'stability',
  'impulsiveness',
  'thrift',
  'stress',
  'night_owl',
  'children',
  'tenure_days',
  'orders_per_day',
  'fraud',
  'shock',
  'shock_days_before_end',
  'hidden_risk',
] as const;

async function main(): Promise<void> {
  const source = shopperSource(values);
  if (source.kind !== 'simulate') throw new Error('the audit simulates: --input is not supported');
  const ctx = createRunContext(source.simulation);
  const sim = ctx.options;
  const extractAt = extractAtOption(values);
  const rows: string[] = [];
  const labels: number[] = [];
  const vector = new Float64Array(FEATURE_COUNT);
  for (const s of simulateShoppers(sim)) {
    const t = s.traits;
    const orders = s.events.filter((e) => e.type === 'ORDER').length;
    const traitValues = [
      EMPLOYMENT_TYPES.indexOf(t.employment),
      t.ageYears,
      Math.log(t.monthlyIncomeCny),
      t.incomeStability,
      t.impulsiveness,
      t.thrift,
      t.financialStress,
      t.nightOwl,
      t.hasChildren ? 1 : 0,
      (sim.observationEnd - t.accountOpenedAt) / DAY_MS,
      t.ordersPerDay,
      FRAUD_TYPES.indexOf(t.fraud),
      t.shockAt === null ? 0 : 1,
      t.shockAt === null ? -1 : (sim.observationEnd - t.shockAt) / DAY_MS,
      t.hiddenRisk,
    ];
    pointInTimeVector(s.events, sim.observationEnd, UPDATER_APPLY_OPTIONS, undefined, vector, extractAt);
    const probe = probeFeatures(s.events, sim.observationEnd, sim.observationDays, ctx.zones);
    rows.push(
      [
        s.trueDefaultProbability,
        observableDefaultProbability(t, sim.observationEnd, sim.defaultLogitShift),
        ...traitValues,
        s.events.length,
        orders,
        ...probe,
        ...vector,
      ].join(','),
    );
    labels.push(s.defaulted ? 1 : 0);
  }
  const seed = Number(values.seed);
  const split = stratifiedSplit(Uint8Array.from(labels), Number(values['test-fraction']), seed);
  const isTest = new Uint8Array(labels.length);
  for (const r of split.test) isTest[r] = 1;

  await mkdir(dirname(values.out), { recursive: true });
  const out = createWriteStream(values.out);
  const header = [
    'split',
    'label',
    'true_probability',
    'observable_probability',
    ...TRAIT_COLUMNS.map((c) => `t_${c}`),
    'n_events',
    'n_orders',
    ...PROBE_FEATURES.map((c) => `p_${c}`),
    ...FEATURE_NAMES.map((c) => `f_${c}`),
  ];
  out.write(header.join(',') + '\n');
  for (let r = 0; r < rows.length; r++) {
    if (!out.write(`${isTest[r] ? 'test' : 'train'},${labels[r]},${rows[r]}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(JSON.stringify({ out: values.out, shoppers: rows.length, featuresAt: values['features-at'] }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
