import { expect } from 'chai';
import {
  calibrationBins,
  calibrationByDecile,
  expectedCalibrationError,
} from '../../../services/trainer/evaluation/calibration';

describe('calibration by quantile bins', () => {
  it('splits a tiny example into equal-count bins by predicted probability', () => {
    // Rows given out of order: the bins sort by prediction.
    const p = [0.9, 0.1, 0.5, 0.2, 0.6, 0.8];
    const y = [1, 0, 1, 0, 0, 1];
    const bins = calibrationBins(p, y, 3);
    expect(bins.map((b) => b.count)).to.deep.equal([2, 2, 2]);
    expect(bins[0].meanPredicted).to.be.closeTo(0.15, 1e-12);
    expect(bins[0].observedRate).to.equal(0);
    expect(bins[1].meanPredicted).to.be.closeTo(0.55, 1e-12);
    expect(bins[1].observedRate).to.equal(0.5);
    expect(bins[2]).to.include({ observedRate: 1, minPredicted: 0.8, maxPredicted: 0.9 });
    expect(bins[2].meanPredicted).to.be.closeTo(0.85, 1e-12);
  });

  it('makes ten deciles of 2 rows from 20 rows, lowest predictions first', () => {
    const p = Array.from({ length: 20 }, (_, i) => (20 - i) / 20);
    const y = p.map((v) => (v > 0.5 ? 1 : 0));
    const deciles = calibrationByDecile(p, y);
    expect(deciles).to.have.length(10);
    expect(deciles.every((d) => d.count === 2)).to.equal(true);
    expect(deciles[0].meanPredicted).to.be.closeTo(0.075, 1e-12);
    expect(deciles.map((d) => d.observedRate)).to.deep.equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('skips empty bins when there are fewer rows than bins', () => {
    expect(calibrationBins([0.2, 0.7, 0.4], [0, 1, 0], 10).map((b) => b.count)).to.deep.equal([1, 1, 1]);
  });

  it('summarises the table as a count-weighted expected calibration error', () => {
    const bins = calibrationBins([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 0], 2);
    // |0.1 - 0| * 2 + |0.9 - 0.5| * 2, over 4 rows
    expect(expectedCalibrationError(bins)).to.be.closeTo(0.25, 1e-12);
  });
});
