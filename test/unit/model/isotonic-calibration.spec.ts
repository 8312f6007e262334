import { expect } from 'chai';
import { calibrate, fitIsotonicCalibration } from '../../../services/common/model/isotonic-calibration';
import { seededRandom } from '../../../services/trainer/forest/random';

describe('isotonic calibration (pool-adjacent-violators)', () => {
  // Labels 0,1,0,0,1,1 at scores 0.1..0.6: the violators 1,0,0 pool into one block of mean 1/3.
  const raw = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  const labels = [0, 1, 0, 0, 1, 1];

  it('pools violators into blocks with knots at the blocks mean scores (hand computation)', () => {
    const fit = fitIsotonicCalibration(raw, labels, { minProbability: 0.01 });
    expect(fit.method).to.equal('isotonic');
    expect(fit.x).to.have.length(4);
    [0.1, 0.3, 0.5, 0.6].forEach((x, i) => expect(fit.x[i]).to.be.closeTo(x, 1e-15));
    // Blocks {0.1}: 0, {0.2, 0.3, 0.4}: 1/3, {0.5}: 1, {0.6}: 1, clamped into [0.01, 0.99].
    [0.01, 1 / 3, 0.99, 0.99].forEach((y, i) => expect(fit.y[i]).to.be.closeTo(y, 1e-15));
  });

  it('interpolates between knots and is flat beyond them', () => {
    const fit = fitIsotonicCalibration(raw, labels, { minProbability: 0.01 });
    expect(calibrate(fit, 0.3)).to.be.closeTo(1 / 3, 1e-15);
    expect(calibrate(fit, 0.2)).to.be.closeTo(0.01 + 0.5 * (1 / 3 - 0.01), 1e-15);
    expect(calibrate(fit, 0.4)).to.be.closeTo(1 / 3 + 0.5 * (0.99 - 1 / 3), 1e-15);
    expect(calibrate(fit, -5)).to.equal(0.01);
    expect(calibrate(fit, 0.95)).to.equal(0.99);
    expect(Number.isNaN(calibrate(fit, NaN))).to.equal(true);
  });

  it('defaults the probability floor to half an observation', () => {
    const fit = fitIsotonicCalibration(raw, labels);
    expect(fit.y[0]).to.be.closeTo(1 / 12, 1e-15);
    expect(fit.y[3]).to.be.closeTo(11 / 12, 1e-15);
  });

  it('gives equal raw scores one block', () => {
    const fit = fitIsotonicCalibration([0.2, 0.2, 0.2, 0.2, 0.7], [1, 0, 0, 0, 1], { minProbability: 0.01 });
    expect(fit.x).to.deep.equal([0.2, 0.7]);
    expect(fit.y).to.deep.equal([0.25, 0.99]);
  });

  it('leaves the identity calibration alone', () => {
    expect(calibrate({ method: 'identity' }, 0.123)).to.equal(0.123);
  });

  it('recovers the true default rate from a distorted score, monotonically', () => {
    const random = seededRandom(3);
    const n = 20000;
    const truth = Array.from({ length: n }, () => random() * 0.4);
    const rawScores = truth.map((p) => Math.sqrt(p)); // over-states small risks, like a forest
    const y = truth.map((p) => (random() < p ? 1 : 0));
    const fit = fitIsotonicCalibration(rawScores, y);
    for (let i = 1; i < fit.x.length; i++) {
      expect(fit.x[i]).to.be.greaterThan(fit.x[i - 1]);
      expect(fit.y[i]).to.be.at.least(fit.y[i - 1]);
    }
    for (const p of [0.05, 0.1, 0.2, 0.3]) expect(calibrate(fit, Math.sqrt(p))).to.be.closeTo(p, 0.04);
  });

  it('refuses bad input', () => {
    expect(() => fitIsotonicCalibration([], [])).to.throw(RangeError);
    expect(() => fitIsotonicCalibration([0.1], [0, 1])).to.throw(RangeError);
    expect(() => fitIsotonicCalibration([0.1, NaN], [0, 1])).to.throw(RangeError, /finite/);
    expect(() => fitIsotonicCalibration([0.1, 0.2], [0, 2])).to.throw(RangeError, /0 or 1/);
  });
});
