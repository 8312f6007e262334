import { expect } from 'chai';
import { compileForest, predictRaw } from '../../../services/common/model/compiled-forest';
import { pathContributions } from '../../../services/common/model/path-contributions';
import { HAND_TREE, STUMP_F2 } from './fixtures';

describe('compiled forest: predictRaw and path contributions', () => {
  const forest = compileForest([HAND_TREE, STUMP_F2], 3);

  it('averages the leaf values of the trees (soft voting)', () => {
    expect(predictRaw(forest, [0.7, 2, -1])).to.be.closeTo((0.9 + 0.1) / 2, 1e-15);
    expect(predictRaw(forest, [0.2, 2, 5])).to.be.closeTo((0.2 + 0.3) / 2, 1e-15);
    expect(predictRaw(forest, [0.5, 0.99, 0])).to.be.closeTo((0.5 + 0.3) / 2, 1e-15); // 0.5 is not < 0.5
  });

  it('sends NaN right, as ml-cart does in training', () => {
    expect(predictRaw(forest, [NaN, NaN, NaN])).to.be.closeTo((0.9 + 0.3) / 2, 1e-15);
  });

  it('credits each split to its feature (hand computation)', () => {
    const out = new Float64Array(3);
    const raw = pathContributions(forest, [0.7, 2, -1], out);
    expect(forest.baseValue).to.be.closeTo((0.36 + 0.2) / 2, 1e-15);
    // Tree 1: f0 0.36 -> 0.6 (+0.24), f1 0.6 -> 0.9 (+0.3). Tree 2: f2 0.2 -> 0.1 (-0.1). Mean over 2 trees.
    expect(out[0]).to.be.closeTo(0.12, 1e-15);
    expect(out[1]).to.be.closeTo(0.15, 1e-15);
    expect(out[2]).to.be.closeTo(-0.05, 1e-15);
    expect(raw).to.be.closeTo(0.5, 1e-15);
  });

  it('contributions plus the base value sum to the raw prediction', () => {
    const out = new Float64Array(3);
    for (const x of [
      [0.7, 2, -1],
      [0.1, 0, 3],
      [0.6, 0.5, 0],
      [-3, 9, -9],
    ]) {
      const raw = pathContributions(forest, x, out);
      expect(raw).to.equal(predictRaw(forest, x));
      expect(forest.baseValue + out.reduce((a, b) => a + b, 0)).to.be.closeTo(raw, 1e-12);
    }
  });

  it('refuses an empty forest', () => {
    expect(() => compileForest([], 3)).to.throw(RangeError);
  });
});
