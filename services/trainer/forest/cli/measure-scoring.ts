// Time of one full score (forest + path contributions, calibration, points, reasons) on a worst-case
// forest: 100 complete depth-10 trees (every path has 10 splits) over 30 features, 1,000 calibration
// knots. Also reports the artifact size.
//   node dist/services/trainer/forest/cli/measure-scoring.js [--trees 100] [--depth 10] [--features 30]
import { parseArgs } from 'node:util';
import { CompactTree, LEAF } from '../../../common/model/compact-tree';
import { predictRaw } from '../../../common/model/compiled-forest';
import { compileModel, loadModel } from '../../../common/model/load-model';
import { createModelArtifact, serializeModel } from '../../../common/model/model-artifact';
import { ReasonTable } from '../../../common/model/reason-codes';
import { score } from '../../../common/model/score';
import { DEFAULT_SCORE_SCALE } from '../../../common/model/score-scale';
import { seededRandom } from '../random';

const { values } = parseArgs({
  options: {
    trees: { type: 'string', default: '100' },
    depth: { type: 'string', default: '10' },
    features: { type: 'string', default: '30' },
    calls: { type: 'string', default: '200000' },
  },
});
const treeCount = Number(values.trees);
const depth = Number(values.depth);
const featureCount = Number(values.features);
const random = seededRandom(1);

function completeTree(): CompactTree {
  const tree = {
    feature: [] as number[],
    threshold: [] as number[],
    left: [] as number[],
    right: [] as number[],
  };
  const value: number[] = [];
  const build = (level: number): number => {
    const index = tree.feature.length;
    tree.feature.push(LEAF);
    tree.threshold.push(0);
    tree.left.push(LEAF);
    tree.right.push(LEAF);
    value.push(random() * 0.3);
    if (level < depth) {
      tree.feature[index] = Math.floor(random() * featureCount);
      tree.threshold[index] = random() * 2 - 1;
      tree.left[index] = build(level + 1);
      tree.right[index] = build(level + 1);
    }
    return index;
  };
  build(0);
  return { ...tree, value, cover: value.map(() => 1) };
}

const featureNames = Array.from({ length: featureCount }, (_, f) => `feature_${f}`);
const reasonTable: ReasonTable = Object.fromEntries(
  featureNames.map((name, f) => [
    name,
    { code: `RC${String(f % 12).padStart(2, '0')}`, text: `Reason ${f % 12}` },
  ]),
);
const knots = Array.from({ length: 1000 }, (_, k) => k / 1000);
const artifact = createModelArtifact({
  featureSetVersion: 'measure',
  featureNames,
  forest: { trees: Array.from({ length: treeCount }, completeTree) },
  calibration: { method: 'isotonic', x: knots.map((k) => k * 0.3), y: knots.map((k) => 0.001 + k * 0.5) },
  scoreScale: DEFAULT_SCORE_SCALE,
  reasons: { table: reasonTable, fallback: { code: 'RC99', text: 'Other' } },
  training: { rows: 0, calibrationRows: 0, seed: 1, options: {}, durationMs: 0, trainedAt: 'n/a' },
  metrics: {},
});

const json = serializeModel(artifact);
let started = performance.now();
loadModel(json, featureNames);
const loadMs = performance.now() - started;
const model = compileModel(artifact);

const vectors = Array.from({ length: 1000 }, () =>
  Float64Array.from({ length: featureCount }, () => random() * 2 - 1),
);
let checksum = 0;
for (let i = 0; i < 20000; i++) checksum += score(model, vectors[i % 1000]).points; // warm-up
const calls = Number(values.calls);
started = performance.now();
for (let i = 0; i < calls; i++) checksum += score(model, vectors[i % 1000]).reasons.length;
const microseconds = ((performance.now() - started) * 1000) / calls;
started = performance.now();
for (let i = 0; i < calls; i++) checksum += predictRaw(model.forest, vectors[i % 1000]);
const rawMicroseconds = ((performance.now() - started) * 1000) / calls;
console.log(
  `${treeCount} trees, depth ${depth}, ${featureCount} features: ${microseconds.toFixed(2)} us per full score ` +
    `(${calls} calls), predictRaw alone ${rawMicroseconds.toFixed(2)} us; artifact ${(json.length / 1e6).toFixed(2)} MB, loadModel ${loadMs.toFixed(0)} ms (checksum ${checksum})`,
);
