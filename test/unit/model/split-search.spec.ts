// The sweep split search added to ml-cart by patches/ml-cart+2.1.1.patch must choose exactly the
// splits of the original exhaustive search on data without ties (same column, value and gain at
// every node, hence the same trees), for classification and regression, and still build valid trees
// when values tie.
import { expect } from 'chai';
import { DecisionTreeClassifier, DecisionTreeOptions, DecisionTreeRegression, TreeNode } from 'ml-cart';
import { RandomForestClassifier } from 'ml-random-forest';
import { seededRandom } from '../../../services/trainer/forest/random';

interface Data {
  X: number[][];
  y: number[];
}

function continuousData(seed: number, kind: 'classification' | 'regression'): Data {
  const random = seededRandom(seed);
  const rows = 80 + Math.floor(random() * 300);
  const cols = 2 + Math.floor(random() * 5);
  const X: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, () => random() * 10 - 5);
    X.push(row);
    const signal = row[0] + 0.5 * row[1 % cols] + Math.sin(row[cols - 1]);
    y.push(kind === 'classification' ? (signal + random() * 3 > 1 ? 1 : 0) : signal + random());
  }
  return { X, y };
}

function tiedData(seed: number): Data {
  const random = seededRandom(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let r = 0; r < 400; r++) {
    const row = [
      Math.floor(random() * 5),
      Math.floor(random() * 3),
      random() < 0.5 ? 1 : 0,
      Math.round(random() * 20) / 4,
    ];
    X.push(row);
    y.push(row[0] + row[1] + random() * 3 > 4 ? 1 : 0);
  }
  return { X, y };
}

/** What a tree decided at every node, as plain data. */
interface Shape {
  column?: number;
  value?: number;
  gain?: number;
  leaf?: unknown;
  left?: Shape;
  right?: Shape;
}

function shape(node: TreeNode): Shape {
  if (node.left !== undefined && node.right !== undefined) {
    return {
      column: node.splitColumn,
      value: node.splitValue,
      gain: node.gain,
      left: shape(node.left),
      right: shape(node.right),
    };
  }
  return { leaf: JSON.parse(JSON.stringify(node.distribution)) };
}

function countSplits(s: Shape): number {
  return s.left === undefined ? 0 : 1 + countSplits(s.left) + countSplits(s.right!);
}

function train<T extends DecisionTreeClassifier | DecisionTreeRegression>(
  Tree: new (options: DecisionTreeOptions) => T,
  data: Data,
  options: DecisionTreeOptions,
): T {
  const tree = new Tree(options);
  tree.train(data.X, data.y);
  return tree;
}

describe('ml-cart split search (patches/ml-cart+2.1.1.patch)', () => {
  it('uses the sweep by default and refuses an unknown search', () => {
    expect(new DecisionTreeClassifier().options.splitSearch).to.equal('sweep');
    expect(new DecisionTreeRegression().options.splitSearch).to.equal('sweep');
    expect(() => new DecisionTreeClassifier({ splitSearch: 'fast' as never })).to.throw(
      RangeError,
      /splitSearch/,
    );
  });

  for (let seed = 1; seed <= 8; seed++) {
    it(`classification without ties: same tree as the exhaustive search (seed ${seed})`, () => {
      const data = continuousData(seed, 'classification');
      const options = { maxDepth: 8, minNumSamples: 3 };
      const sweep = shape(train(DecisionTreeClassifier, data, { ...options, splitSearch: 'sweep' }).root);
      const exhaustive = shape(
        train(DecisionTreeClassifier, data, { ...options, splitSearch: 'exhaustive' }).root,
      );
      expect(countSplits(exhaustive)).to.be.greaterThan(3);
      expect(sweep).to.deep.equal(exhaustive);
    });

    it(`regression without ties: same tree as the exhaustive search (seed ${seed})`, () => {
      const data = continuousData(100 + seed, 'regression');
      const options = { maxDepth: 6, minNumSamples: 3 };
      const sweep = shape(train(DecisionTreeRegression, data, { ...options, splitSearch: 'sweep' }).root);
      const exhaustive = shape(
        train(DecisionTreeRegression, data, { ...options, splitSearch: 'exhaustive' }).root,
      );
      expect(countSplits(exhaustive)).to.be.greaterThan(3);
      expect(sweep).to.deep.equal(exhaustive);
    });
  }

  for (let seed = 1; seed <= 4; seed++) {
    it(`with tied values builds valid trees at least as good at the root (seed ${seed})`, () => {
      const data = tiedData(seed);
      const options = { maxDepth: 6, minNumSamples: 3 };
      const sweep = train(DecisionTreeClassifier, data, { ...options, splitSearch: 'sweep' });
      const exhaustive = train(DecisionTreeClassifier, data, { ...options, splitSearch: 'exhaustive' });

      // Every split separates the node's rows into two non-empty sides, between two distinct values.
      const check = (node: TreeNode, rows: number[]) => {
        if (node.left === undefined || node.right === undefined) return;
        const column = node.splitColumn!;
        const value = node.splitValue!;
        const lesser = rows.filter((r) => data.X[r][column] < value);
        const greater = rows.filter((r) => !(data.X[r][column] < value));
        expect(lesser.length, 'lesser side').to.be.greaterThan(0);
        expect(greater.length, 'greater side').to.be.greaterThan(0);
        check(node.left, lesser);
        check(node.right, greater);
      };
      check(
        sweep.root,
        data.X.map((_, r) => r),
      );

      // The sweep considers every boundary the exhaustive search can separate, so its root gain is
      // never lower.
      expect(sweep.root.gain!).to.be.at.least(exhaustive.root.gain! - 1e-12);
      const accuracy = (tree: DecisionTreeClassifier) =>
        tree.predict(data.X).filter((p, i) => p === data.y[i]).length / data.y.length;
      expect(accuracy(sweep)).to.be.closeTo(accuracy(exhaustive), 0.03);
    });
  }

  it('regression with tied values builds valid trees at least as good at the root', () => {
    const data = tiedData(9);
    const values = { X: data.X, y: data.X.map((row) => row[0] * 2 + row[3]) };
    const options = { maxDepth: 4, minNumSamples: 3 };
    const sweep = train(DecisionTreeRegression, values, { ...options, splitSearch: 'sweep' });
    const exhaustive = train(DecisionTreeRegression, values, { ...options, splitSearch: 'exhaustive' });
    expect(sweep.root.gain!).to.be.at.most(exhaustive.root.gain! + 1e-9);
    const error = (tree: DecisionTreeRegression) =>
      tree.predict(values.X).reduce((sum, p, i) => sum + (p - values.y[i]) ** 2, 0);
    expect(error(sweep)).to.be.at.most(error(exhaustive) * 1.05 + 1e-9);
  });

  it('is what ml-random-forest trains with: same forest as with the exhaustive search', () => {
    // Bootstrap duplicates rows, but a duplicated row is a group of equal values with one label, which
    // both searches treat like a single row: the forests must still be identical.
    const data = continuousData(42, 'classification');
    const forest = (splitSearch: 'sweep' | 'exhaustive') => {
      const rf = new RandomForestClassifier({
        nEstimators: 3,
        seed: 5,
        maxFeatures: 0.8,
        replacement: false,
        useSampleBagging: true,
        noOOB: true,
        treeOptions: { maxDepth: 6, splitSearch },
      });
      rf.train(data.X, data.y);
      const json = rf.toJSON() as unknown as { baseModel: { estimators: { root: TreeNode }[] } };
      return json.baseModel.estimators.map((estimator) => shape(estimator.root));
    };
    const sweep = forest('sweep');
    expect(sweep.every((tree) => countSplits(tree) > 3)).to.equal(true);
    expect(sweep).to.deep.equal(forest('exhaustive'));
  });

  it('sends NaN values to the greater side and still splits on the other values', () => {
    const X = [[1], [2], [3], [NaN], [4], [5], [6], [NaN]];
    const y = [0, 0, 0, 1, 1, 1, 1, 1];
    const tree = train(DecisionTreeClassifier, { X, y }, { maxDepth: 1, minNumSamples: 1, gainThreshold: 0 });
    expect(tree.root.splitColumn).to.equal(0);
    expect(tree.root.splitValue).to.equal(3.5);
    expect(tree.predict([[NaN], [1]])).to.deep.equal([1, 0]);
  });
});
