import { expect } from 'chai';
import {
  DEFAULT_SCORE_SCALE as S,
  oddsFromPoints,
  pointsFromOdds,
  pointsFromProbability,
  probabilityFromPoints,
  scaleFactor,
  scaleOffset,
  validateScoreScale,
} from '../../../services/common/model/score-scale';

describe('score scale (600 points at 50:1, PDO 20, 300-850)', () => {
  it('has factor PDO/ln 2 and offset base - factor * ln(base odds)', () => {
    expect(scaleFactor(S)).to.be.closeTo(28.85390081777927, 1e-12); // 20 / 0.6931471805599453
    expect(scaleOffset(S)).to.be.closeTo(487.1228762045055, 1e-9); // 600 - 28.8539 * 3.912023005428146
  });

  it('maps hand-computed odds and probabilities to points', () => {
    expect(pointsFromOdds(S, 50)).to.be.closeTo(600, 1e-9);
    expect(pointsFromOdds(S, 100)).to.be.closeTo(620, 1e-9); // double the odds: + PDO
    expect(pointsFromOdds(S, 25)).to.be.closeTo(580, 1e-9);
    expect(pointsFromOdds(S, 1)).to.be.closeTo(487.1228762045055, 1e-9);
    expect(pointsFromProbability(S, 1 / 51)).to.be.closeTo(600, 1e-9); // odds (50/51)/(1/51) = 50
    expect(pointsFromProbability(S, 0.5)).to.be.closeTo(487.1228762045055, 1e-9);
    // p = 0.1: odds 9, 487.1229 + 28.8539 * ln 9 = 487.1229 + 63.3985 = 550.5214
    expect(pointsFromProbability(S, 0.1)).to.be.closeTo(550.5214, 1e-4);
  });

  it('clamps to 300..850, including certain outcomes', () => {
    expect(pointsFromProbability(S, 0)).to.equal(850);
    expect(pointsFromProbability(S, 1)).to.equal(300);
    expect(pointsFromProbability(S, 1e-9)).to.equal(850);
    expect(pointsFromProbability(S, 0.9999)).to.equal(300);
    expect(pointsFromOdds(S, Infinity)).to.equal(850);
  });

  it('inverts: points -> odds -> probability', () => {
    expect(oddsFromPoints(S, 600)).to.be.closeTo(50, 1e-12);
    expect(oddsFromPoints(S, 700)).to.be.closeTo(1600, 1e-9); // 50 * 2^5
    expect(probabilityFromPoints(S, 600)).to.be.closeTo(1 / 51, 1e-15);
    expect(probabilityFromPoints(S, 580)).to.be.closeTo(1 / 26, 1e-15);
    expect(probabilityFromPoints(S, 900)).to.be.closeTo(probabilityFromPoints(S, 850), 1e-18);
    for (const points of [300, 412.5, 550, 600, 731, 850]) {
      expect(pointsFromProbability(S, probabilityFromPoints(S, points))).to.be.closeTo(points, 1e-9);
    }
  });

  it('supports another scale (Sesame-style 350-950)', () => {
    const sesame = { basePoints: 650, baseOdds: 20, pdo: 40, minPoints: 350, maxPoints: 950 };
    expect(pointsFromOdds(sesame, 40)).to.be.closeTo(690, 1e-9);
    expect(pointsFromProbability(sesame, 1)).to.equal(350);
  });

  it('refuses invalid inputs', () => {
    expect(() => pointsFromProbability(S, -0.1)).to.throw(RangeError);
    expect(() => pointsFromProbability(S, NaN)).to.throw(RangeError);
    expect(() => oddsFromPoints(S, NaN)).to.throw(RangeError);
    expect(() => validateScoreScale({ ...S, pdo: 0 })).to.throw(RangeError, /pdo/);
    expect(() => validateScoreScale({ ...S, minPoints: 900 })).to.throw(RangeError, /minPoints/);
    expect(() => validateScoreScale(S)).not.to.throw();
  });
});
