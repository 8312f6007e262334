// Exports the exact rows `npm run train` uses (same simulation, same point-in-time replay, same
// stratified split) to one CSV, so an outside library can be trained and tested on the same shoppers:
//   node dist/bench/lightgbm/export-rows.js --shoppers 100000 --seed 1 --out bench/results/lightgbm/rows.csv
// Columns: split (train/test), label, true_probability, observable_probability, then the features in
// FEATURE_NAMES order. Numbers are written with JavaScript's shortest round-trip form, so they parse
// back to the very same doubles.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadShoppers } from '../../services/trainer/dataset/load-shoppers';
import { stratifiedSplit } from '../../services/trainer/pipeline/stratified-split';
import { DATASET_OPTIONS, extractAtOption, shopperSource } from '../../services/trainer/cli/dataset-args';

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    out: { type: 'string', default: 'bench/results/lightgbm/rows.csv' },
  },
});

async function main(): Promise<void> {
  const seed = Number(values.seed);
  const started = performance.now();
  const { dataset, simulation } = await loadShoppers(
    shopperSource(values),
    undefined,
    extractAtOption(values),
  );
  const split = stratifiedSplit(dataset.y, Number(values['test-fraction']), seed);
  const isTest = new Uint8Array(dataset.X.rows);
  for (const r of split.test) isTest[r] = 1;

  await mkdir(dirname(values.out), { recursive: true });
  const out = createWriteStream(values.out);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(
    ['split', 'label', 'true_probability', 'observable_probability', ...dataset.featureNames].join(',') +
      '\n',
  );
  const { rows, cols, data } = dataset.X;
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const features = Array.from(data.subarray(r * cols, (r + 1) * cols), String).join(',');
    chunk += `${isTest[r] ? 'test' : 'train'},${dataset.y[r]},${dataset.trueProbability[r]},${dataset.observableProbability[r]},${features}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  console.log(
    JSON.stringify({
      out: values.out,
      shoppers: rows,
      simulationSeed: simulation.seed,
      observationEnd: new Date(dataset.asOfMs).toISOString(),
      splitSeed: seed,
      testFraction: Number(values['test-fraction']),
      featuresAt: values['features-at'],
      trainRows: split.train.length,
      testRows: split.test.length,
      seconds: Math.round(performance.now() - started) / 1000,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
