// Measures forest training time on synthetic data, e.g. one vs two workers:
//   node dist/services/trainer/forest/cli/measure-training.js --rows 100000 --cols 30 --trees 20 --workers 0,1,2
// Prints seconds per configuration; approximate on a shared machine.
import { parseArgs } from 'node:util';
import { syntheticCreditData } from '../synthetic-credit-data';
import { trainForest } from '../train-forest';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    cols: { type: 'string', default: '30' },
    trees: { type: 'string', default: '20' },
    workers: { type: 'string', default: '1,2' },
    depth: { type: 'string', default: '10' },
  },
});

async function main(): Promise<void> {
  const rows = Number(values.rows);
  const cols = Number(values.cols);
  const trees = Number(values.trees);
  const data = syntheticCreditData(rows, cols, 1);
  for (const workers of values.workers.split(',').map(Number)) {
    const result = await trainForest(data.X, data.y, {
      trees,
      workers,
      maxDepth: Number(values.depth),
      seed: 7,
    });
    const seconds = result.durationMs / 1000;
    const nodes = result.trees.reduce((n, t) => n + t.feature.length, 0);
    console.log(
      `rows=${rows} cols=${cols} trees=${trees} workers=${workers}: ${seconds.toFixed(1)} s total, ` +
        `${(seconds / trees).toFixed(2)} s/tree wall, ${Math.round(nodes / trees)} nodes/tree, ` +
        `projected 100 trees ${((seconds / trees) * 100).toFixed(0)} s`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
