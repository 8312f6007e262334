import { expect } from 'chai';
import { RandomForestClassifier } from 'ml-random-forest';
import { compileForest, predictRaw } from '../../../services/common/model/compiled-forest';
import { LEAF } from '../../../services/common/model/compact-tree';
import { featureMatrixFromRows, matrixRow } from '../../../services/common/model/feature-matrix';
import { MlCartNodeJson, compactTreeFromMlCart } from '../../../services/common/model/from-ml-cart';
import { syntheticCreditData } from '../../../services/trainer/forest/synthetic-credit-data';

describe('compactTreeFromMlCart', () => {
  it('converts a hand-written ml-cart tree: preorder, column mapping, leaf shapes, covers', () => {
    // The tree was trained on columns [2, 0] of the full vector: its column 0 is feature 2.
    const root: MlCartNodeJson = {
      splitColumn: 0,
      splitValue: 1.5,
      left: { distribution: [[1]] }, // only good rows: no p1 entry
      right: {
        splitColumn: 1,
        splitValue: 10,
        left: { distribution: [[0.25, 0.75]] },
        // ml-cart leaves that were not split keep the split they considered: not a split node.
        right: { splitColumn: 0, splitValue: 3, distribution: [[0.5, 0.5]] },
      },
    };
    const training = featureMatrixFromRows([
      [5, 0, 1], // f2 = 1 < 1.5: left leaf
      [5, 0, 1],
      [5, 0, 1],
      [5, 0, 2], // right, f0 = 5 < 10: leaf 0.75
      [50, 0, 2], // right, f0 = 50: leaf 0.5
    ]);
    const tree = compactTreeFromMlCart(root, [2, 0], training);
    expect(tree.feature).to.deep.equal([2, LEAF, 0, LEAF, LEAF]);
    expect(tree.threshold).to.deep.equal([1.5, 0, 10, 0, 0]);
    expect(tree.left).to.deep.equal([1, LEAF, 3, LEAF, LEAF]);
    expect(tree.right).to.deep.equal([2, LEAF, 4, LEAF, LEAF]);
    expect(tree.cover).to.deep.equal([5, 3, 2, 1, 1]);
    const inner = (0.75 + 0.5) / 2;
    expect(tree.value).to.deep.equal([(3 * 0 + 2 * inner) / 5, 0, inner, 0.75, 0.5]);
  });

  it('refuses what is not a classification tree', () => {
    const training = featureMatrixFromRows([[1]]);
    expect(() => compactTreeFromMlCart({ distribution: 0.3 }, [0], training)).to.throw(
      TypeError,
      /distribution/,
    );
    const badColumn = {
      splitColumn: 3,
      splitValue: 1,
      left: { distribution: [[1]] },
      right: { distribution: [[1]] },
    };
    expect(() => compactTreeFromMlCart(badColumn, [0], training)).to.throw(RangeError, /column 3/);
  });

  it("predicts what ml-cart's own trees predict, averaged over the forest", () => {
    const data = syntheticCreditData(1500, 8, 11);
    const rows = Array.from({ length: data.X.rows }, (_, r) => Array.from(matrixRow(data.X, r)));
    const forest = new RandomForestClassifier({
      nEstimators: 5,
      seed: 3,
      maxFeatures: 0.5,
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      treeOptions: { maxDepth: 6, minNumSamples: 10, gainThreshold: 1e-4 },
    });
    forest.train(rows, Array.from(data.y));
    const json = forest.toJSON() as unknown as {
      baseModel: { indexes: number[][]; estimators: { root: unknown }[] };
    };
    const trees = json.baseModel.estimators.map((estimator, t) =>
      compactTreeFromMlCart(JSON.parse(JSON.stringify(estimator.root)), json.baseModel.indexes[t], data.X),
    );
    const compiled = compileForest(trees, data.X.cols);

    // ml-cart's own walk: classify(row restricted to the tree's columns) -> distribution row vector.
    type LiveNode = { classify(row: number[]): { get(r: number, c: number): number; columns: number } };
    const estimators = (forest as unknown as { estimators: { root: LiveNode }[] }).estimators;
    for (let r = 0; r < 200; r++) {
      const full = rows[r];
      let sum = 0;
      estimators.forEach((estimator, t) => {
        const distribution = estimator.root.classify(json.baseModel.indexes[t].map((c) => full[c]));
        sum += distribution.columns > 1 ? distribution.get(0, 1) : 0;
      });
      expect(predictRaw(compiled, full)).to.be.closeTo(sum / estimators.length, 1e-12);
    }
    for (const tree of trees) {
      expect(tree.cover[0]).to.equal(data.X.rows);
      expect(tree.feature.length).to.be.greaterThan(3);
    }
  });
});
