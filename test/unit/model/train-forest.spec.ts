import { expect } from 'chai';
import { compileForest, predictRaw } from '../../../services/common/model/compiled-forest';
import { matrixRow } from '../../../services/common/model/feature-matrix';
import { pathContributions } from '../../../services/common/model/path-contributions';
import { resolveForestOptions } from '../../../services/trainer/forest/forest-options';
import { treeSeed } from '../../../services/trainer/forest/random';
import { syntheticCreditData } from '../../../services/trainer/forest/synthetic-credit-data';
import { ForestProgress, trainForest } from '../../../services/trainer/forest/train-forest';

/** Area under the ROC curve by ranks (ties averaged). */
function auc(scores: number[], labels: ArrayLike<number>): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    for (let k = i; k < j; k++) {
      if (order[k][1] === 1) {
        rankSum += (i + j + 1) / 2;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe('trainForest', function () {
  this.timeout(60000);
  const data = syntheticCreditData(3000, 8, 5);
  const options = { trees: 6, maxDepth: 5, maxFeatures: 0.5, minNumSamples: 20, seed: 9 };

  it('trains the same forest on this thread and on two workers, reporting every tree', async () => {
    const progress: ForestProgress[] = [];
    const local = await trainForest(data.X, data.y, { ...options, workers: 0 });
    const threaded = await trainForest(data.X, data.y, { ...options, workers: 2 }, (p) => progress.push(p));
    expect(threaded.trees).to.deep.equal(local.trees);
    expect(progress.map((p) => p.treesDone)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.treesTotal === 6 && p.lastTreeMs >= 0)).to.equal(true);
    expect(local.options.workers).to.equal(0);
  });

  it('learns: the forest ranks held-out rows far better than chance', async () => {
    const { trees } = await trainForest(data.X, data.y, { ...options, workers: 0 });
    const test = syntheticCreditData(3000, 8, 6);
    const forest = compileForest(trees, 8);
    const scores = Array.from({ length: test.X.rows }, (_, r) => predictRaw(forest, matrixRow(test.X, r)));
    expect(auc(scores, test.y)).to.be.greaterThan(0.7);
    // The Saabas identity on a trained forest.
    const out = new Float64Array(8);
    for (let r = 0; r < 100; r++) {
      const raw = pathContributions(forest, matrixRow(test.X, r), out);
      expect(forest.baseValue + out.reduce((a, b) => a + b, 0)).to.be.closeTo(raw, 1e-12);
    }
  });

  it('depends on the seed, and per-tree seeds depend only on (seed, index)', async () => {
    const a = await trainForest(data.X, data.y, { ...options, trees: 2, workers: 0 });
    const b = await trainForest(data.X, data.y, { ...options, trees: 2, workers: 0, seed: 10 });
    expect(a.trees).to.not.deep.equal(b.trees);
    expect(treeSeed(9, 3)).to.equal(treeSeed(9, 3));
    expect(treeSeed(9, 3)).to.not.equal(treeSeed(9, 4));
    expect(treeSeed(9, 3)).to.be.within(0, 2 ** 31 - 1);
  });

  it('refuses bad labels and options before any work', async () => {
    const labels = Array.from(data.y);
    labels[7] = 2;
    for (const workers of [0, 1]) {
      try {
        await trainForest(data.X, labels, { ...options, workers });
        expect.fail('accepted label 2');
      } catch (err) {
        expect((err as Error).message).to.match(/label 7/);
      }
    }
    expect(() => resolveForestOptions({ maxFeatures: 2 })).to.throw(RangeError, /maxFeatures/);
    expect(() => resolveForestOptions({ trees: 0 })).to.throw(RangeError, /trees/);
  });
});
