import { expect } from 'chai';
import {
  fitLogisticRegression,
  predictLogisticRegression,
} from '../../../services/trainer/evaluation/logistic-regression';
import { auc } from '../../../services/trainer/evaluation/auc';
import { mulberry32 } from '../../../services/trainer/evaluation/seeded-shuffle';

/** Rows with known true coefficients: logit = -2 + 1.5 x0 - 2 x1 + 0 x2 + 0.02 x3 (x3 in hundreds). */
function synthetic(n: number, seed: number): { x: number[][]; y: number[] } {
  const next = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [normal(), normal(), normal(), 100 + 50 * normal()];
    const logit = -2 + 1.5 * row[0] - 2 * row[1] + 0.02 * (row[3] - 100);
    x.push(row);
    y.push(next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { x, y };
}

describe('logistic regression baseline', () => {
  const { x, y } = synthetic(6000, 1);

  it('recovers the signs and rough sizes of known coefficients', () => {
    const m = fitLogisticRegression(x, y, { l2: 0.1 });
    expect(m.converged).to.equal(true);
    expect(m.coefficients[0]).to.be.closeTo(1.5, 0.2);
    expect(m.coefficients[1]).to.be.closeTo(-2, 0.25);
    expect(Math.abs(m.coefficients[2])).to.be.lessThan(0.15);
    expect(m.coefficients[3]).to.be.closeTo(0.02, 0.006);
    expect(m.intercept + 100 * m.coefficients[3]).to.be.closeTo(-2, 0.25);
  });

  it('predicts probabilities that rank and calibrate well on fresh data', () => {
    const m = fitLogisticRegression(x, y);
    const test = synthetic(3000, 2);
    const p = predictLogisticRegression(m, test.x);
    expect(auc(p, test.y)).to.be.greaterThan(0.85);
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    const rate = test.y.reduce((a, b) => a + b, 0) / test.y.length;
    expect(meanP).to.be.closeTo(rate, 0.02);
  });

  it('is deterministic and accepts Float64Array rows', () => {
    const a = fitLogisticRegression(x, y);
    const b = fitLogisticRegression(
      x.map((r) => Float64Array.from(r)),
      y,
    );
    expect(b).to.deep.equal(a);
  });

  it('shrinks coefficients as the L2 penalty grows', () => {
    const weak = fitLogisticRegression(x, y, { l2: 0.01 });
    const strong = fitLogisticRegression(x, y, { l2: 5000 });
    expect(Math.abs(strong.standardizedCoefficients[0])).to.be.lessThan(
      Math.abs(weak.standardizedCoefficients[0]),
    );
  });

  it('stays finite on perfectly separable data and ignores constant columns', () => {
    const xs = [
      [-2, 1],
      [-1, 1],
      [1, 1],
      [2, 1],
    ];
    const m = fitLogisticRegression(xs, [0, 0, 1, 1], { l2: 1 });
    expect(m.coefficients.every(Number.isFinite)).to.equal(true);
    expect(m.coefficients[0]).to.be.greaterThan(0);
    expect(m.coefficients[1]).to.equal(0);
    const p = predictLogisticRegression(m, xs);
    expect(p[3]).to.be.greaterThan(p[0]);
  });

  it('rejects malformed input', () => {
    expect(() => fitLogisticRegression([], [])).to.throw(RangeError);
    expect(() => fitLogisticRegression([[1], [2, 3]], [0, 1])).to.throw(RangeError);
    expect(() => fitLogisticRegression([[1], [2]], [0, 2])).to.throw(RangeError);
    expect(() => fitLogisticRegression([[1], [NaN]], [0, 1])).to.throw(RangeError);
  });
});
