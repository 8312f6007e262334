import { expect } from 'chai';
import { auc } from '../../../services/trainer/evaluation/auc';
import {
  areaUnderPoints,
  ksStatistic,
  rocCurve,
  thinRocCurve,
} from '../../../services/trainer/evaluation/roc-curve';
import { mulberry32 } from '../../../services/trainer/evaluation/seeded-shuffle';

describe('ROC curve and KS', () => {
  const scores = [0.1, 0.4, 0.35, 0.8];
  const labels = [0, 0, 1, 1];

  it('steps through every distinct threshold from (0,0) to (1,1)', () => {
    expect(rocCurve(scores, labels).map(({ fpr, tpr }) => [fpr, tpr])).to.deep.equal([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });

  it('moves diagonally through a tie group (ties are never split)', () => {
    const points = rocCurve([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]);
    expect(points.map((p) => p.threshold)).to.deep.equal([Infinity, 0.9, 0.5, 0.1]);
    expect(points[2]).to.include({ fpr: 0.5, tpr: 1 });
  });

  it('has a trapezoid area equal to the rank AUC, ties included', () => {
    const next = mulberry32(3);
    const s = Array.from({ length: 300 }, () => Math.round(next() * 20));
    const y = s.map((v) => (next() < v / 25 ? 1 : 0));
    expect(areaUnderPoints(rocCurve(s, y))).to.be.closeTo(auc(s, y), 1e-12);
  });

  it('computes KS as the largest TPR - FPR gap, with its threshold', () => {
    expect(ksStatistic(scores, labels)).to.deep.equal({ ks: 0.5, threshold: 0.8 });
    expect(ksStatistic([1, 2, 3, 4], [0, 0, 1, 1]).ks).to.equal(1);
    expect(ksStatistic([0.5, 0.5], [0, 1]).ks).to.equal(0);
  });

  it('thins long curves for plotting but keeps both ends', () => {
    const next = mulberry32(5);
    const s = Array.from({ length: 5000 }, () => next());
    const y = s.map((v) => (next() < v ? 1 : 0));
    const full = rocCurve(s, y);
    const thin = thinRocCurve(full, 100);
    expect(thin.length).to.be.at.most(102);
    expect(thin[0]).to.deep.equal(full[0]);
    expect(thin[thin.length - 1]).to.deep.equal(full[full.length - 1]);
    expect(areaUnderPoints(thin)).to.be.closeTo(areaUnderPoints(full), 0.01);
  });
});
