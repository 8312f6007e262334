import { expect } from 'chai';
import {
  outOfFoldPredictions,
  stratifiedFoldAssignment,
  stratifiedKFold,
} from '../../../services/trainer/evaluation/k-fold';

describe('stratified k-fold', () => {
  // 103 rows, 17 positives: nothing divides evenly.
  const labels: number[] = Array.from({ length: 103 }, (_, i) => (i % 6 === 0 ? 1 : 0));
  const positives = labels.reduce((a, b) => a + b, 0);

  it('puts every row in exactly one test fold, and in the training set of all others', () => {
    const folds = stratifiedKFold(labels, 5, 42);
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).to.deep.equal(labels.map((_, i) => i));
    for (const f of folds) {
      expect(f.train.length + f.test.length).to.equal(labels.length);
      const test = new Set(f.test);
      expect(f.train.some((i) => test.has(i))).to.equal(false);
    }
  });

  it('keeps the default rate of every fold within one row per class', () => {
    const folds = stratifiedKFold(labels, 5, 42);
    const pos = folds.map((f) => f.test.filter((i) => labels[i] === 1).length);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...pos) - Math.min(...pos)).to.be.at.most(1);
    expect(pos.reduce((a, b) => a + b, 0)).to.equal(positives);
    expect(Math.max(...sizes) - Math.min(...sizes)).to.be.at.most(1);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(stratifiedFoldAssignment(labels, 5, 1)).to.deep.equal(stratifiedFoldAssignment(labels, 5, 1));
    expect(stratifiedFoldAssignment(labels, 5, 1)).to.not.deep.equal(stratifiedFoldAssignment(labels, 5, 2));
  });

  it('predicts every row out of fold with a model that never saw it', () => {
    const rows = labels.map((_, i) => i);
    const seen: number[][] = [];
    const oof = outOfFoldPredictions(rows, labels, 4, 3, (train, _y, test) => {
      seen.push(train);
      return test.map((r) => r + 0.5);
    });
    expect(Array.from(oof)).to.deep.equal(rows.map((r) => r + 0.5));
    const folds = stratifiedKFold(labels, 4, 3);
    folds.forEach((f, k) => expect(seen[k]).to.deep.equal(f.train));
  });

  it('rejects impossible splits', () => {
    expect(() => stratifiedKFold([0, 1], 1, 0)).to.throw(RangeError);
    expect(() => stratifiedKFold([0, 1], 3, 0)).to.throw(RangeError);
    expect(() => stratifiedKFold([0, 2, 1], 2, 0)).to.throw(RangeError);
  });
});
