import { expect } from 'chai';
import { compileModel, loadModel } from '../../../services/common/model/load-model';
import { serializeModel } from '../../../services/common/model/model-artifact';
import { score } from '../../../services/common/model/score';
import { pointsFromProbability } from '../../../services/common/model/score-scale';
import { HAND_FEATURES, handArtifact } from './fixtures';

describe('score: predict + calibrate + scale + reasons', () => {
  const model = loadModel(serializeModel(handArtifact()), HAND_FEATURES);

  it('scores the hand forest (identity calibration)', () => {
    // Tree 1 -> leaf 0.9 (f0 +0.24, f1 +0.3), stump -> 0.3 (f2 +0.1); raw = 0.6.
    const result = score(model, [0.7, 2, 1]);
    expect(result.modelVersion).to.equal(model.version);
    expect(result.rawProbability).to.be.closeTo(0.6, 1e-15);
    expect(result.probabilityOfDefault).to.be.closeTo(0.6, 1e-15);
    // odds of good 0.4 / 0.6: 487.1229 + 28.8539 * ln(2/3) = 475.4236 -> 475
    expect(result.points).to.equal(475);
    expect(result.reasons.map((r) => [r.code, r.features])).to.deep.equal([
      ['RC02', ['night_share_30d']],
      ['RC01', ['spend_30d']],
      ['RC99', ['returns_90d']],
    ]);
    expect(result.reasons[0].contribution).to.be.closeTo(0.15, 1e-15);
    expect(result.reasons[0].text).to.equal('Many purchases made late at night');
  });

  it('lists no reasons for a shopper whose every split lowers the risk', () => {
    const result = score(model, [0.1, 2, -1]); // f0 0.36 -> 0.2, f2 0.2 -> 0.1
    expect(result.rawProbability).to.be.closeTo(0.15, 1e-15);
    expect(result.reasons).to.deep.equal([]);
  });

  it('applies the isotonic calibration before scaling', () => {
    const calibrated = compileModel(
      handArtifact({ calibration: { method: 'isotonic', x: [0.1, 0.7], y: [0.01, 0.2] } }),
    );
    const result = score(calibrated, [0.7, 2, 1]); // raw 0.6 -> 0.01 + (0.5 / 0.6) * 0.19
    expect(result.probabilityOfDefault).to.be.closeTo(0.01 + (0.5 / 0.6) * 0.19, 1e-15);
    expect(result.points).to.equal(
      Math.round(pointsFromProbability(calibrated.scoreScale, result.probabilityOfDefault)),
    );
  });

  it('refuses a vector of the wrong length or with a non-finite value', () => {
    expect(() => score(model, [0.7, 2])).to.throw(RangeError, /expects 3/);
    expect(() => score(model, [0.7, NaN, 1])).to.throw(RangeError, /night_share_30d/);
  });
});
