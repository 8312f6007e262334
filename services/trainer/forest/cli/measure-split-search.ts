// Seconds per tree of the patched ml-cart split search ('sweep') against the original
// ('exhaustive'), through ml-random-forest as training uses it (bootstrap rows, maxFeatures 0.3):
//   node dist/services/trainer/forest/cli/measure-split-search.js --rows 1000,2000,20000 --search exhaustive,sweep
// The exhaustive search is O(n^2) per node: keep it to a few thousand rows.
import { RandomForestClassifier } from 'ml-random-forest';
import { parseArgs } from 'node:util';
import { matrixRow } from '../../../common/model/feature-matrix';
import { syntheticCreditData } from '../synthetic-credit-data';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000,100000' },
    cols: { type: 'string', default: '25' },
    search: { type: 'string', default: 'sweep' },
    trees: { type: 'string', default: '3' },
    depth: { type: 'string', default: '10' },
    /** ml-cart's default is 0.01; 0 grows every branch to maxDepth (the worst case). */
    gain: { type: 'string', default: '0.01' },
  },
});

const cols = Number(values.cols);
const trees = Number(values.trees);
for (const rows of values.rows.split(',').map(Number)) {
  const data = syntheticCreditData(rows, cols, 1);
  const X = Array.from({ length: rows }, (_, r) => Array.from(matrixRow(data.X, r)));
  const y = Array.from(data.y);
  for (const splitSearch of values.search.split(',')) {
    const forest = new RandomForestClassifier({
      nEstimators: trees,
      seed: 1,
      maxFeatures: 0.3,
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      treeOptions: {
        maxDepth: Number(values.depth),
        minNumSamples: 3,
        gainThreshold: Number(values.gain),
        splitSearch,
      },
    });
    const started = performance.now();
    forest.train(X, y);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `rows=${rows} cols=${cols} gainThreshold=${values.gain} search=${splitSearch}: ` +
        `${(seconds / trees).toFixed(3)} s per tree (${trees} trees)`,
    );
  }
}
