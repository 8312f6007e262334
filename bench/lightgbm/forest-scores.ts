// The promoted forest's probabilities for every row export-rows.ts wrote, for blend_estimate.py:
//   node dist/bench/lightgbm/forest-scores.js bench/results/lightgbm/rows.csv bench/results/lightgbm/forest-scores.csv
// Columns: raw (the forest's mean leaf value) and calibrated (what the scorer serves).
import { readFileSync, writeFileSync } from 'node:fs';
import { FEATURE_NAMES } from '../../services/common/features';
import { loadModelFromRegistry } from '../../services/common/model/model-registry';
import { score } from '../../services/common/model/score';
import { projectPath } from '../../services/common/paths';

const ROW_FEATURES_FROM = 4; // split, label, true_probability, observable_probability come first

async function main(): Promise<void> {
  const [rowsPath, outPath] = process.argv.slice(2);
  if (!rowsPath || !outPath) throw new Error('usage: forest-scores.js ROWS.csv OUT.csv');
  const model = await loadModelFromRegistry(process.env.MODELS_DIR ?? projectPath('models'), FEATURE_NAMES);
  const lines = readFileSync(rowsPath, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',').slice(ROW_FEATURES_FROM);
  if (header.join(',') !== FEATURE_NAMES.join(','))
    throw new Error(`${rowsPath} does not hold this build's features; re-run export-rows`);
  const out = ['raw,calibrated'];
  for (const line of lines.slice(1)) {
    const r = score(model, line.split(',').slice(ROW_FEATURES_FROM).map(Number));
    out.push(`${r.rawProbability},${r.probabilityOfDefault}`);
  }
  writeFileSync(outPath, out.join('\n') + '\n');
  console.log(`${lines.length - 1} rows scored by forest ${model.version} -> ${outPath}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
