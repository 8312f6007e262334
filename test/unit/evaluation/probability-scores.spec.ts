import { expect } from 'chai';
import { brierScore, logLoss } from '../../../services/trainer/evaluation/probability-scores';

describe('Brier score and log loss', () => {
  const p = [0.1, 0.9, 0.8, 0.3];
  const y = [0, 1, 1, 0];

  it('computes the Brier score by hand', () => {
    expect(brierScore(p, y)).to.be.closeTo((0.01 + 0.01 + 0.04 + 0.09) / 4, 1e-15);
    expect(brierScore([0, 1], [0, 1])).to.equal(0);
  });

  it('computes the log loss by hand', () => {
    const expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.7)) / 4;
    expect(logLoss(p, y)).to.be.closeTo(expected, 1e-12);
  });

  it('keeps the log loss finite for confident mistakes', () => {
    const loss = logLoss([0, 1], [1, 0]);
    expect(loss).to.be.greaterThan(30);
    expect(Number.isFinite(loss)).to.equal(true);
  });

  it('rejects predictions that are not probabilities', () => {
    expect(() => brierScore([1.2], [1])).to.throw(RangeError);
    expect(() => logLoss([-0.1], [0])).to.throw(RangeError);
  });
});
