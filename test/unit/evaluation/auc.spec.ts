import { expect } from 'chai';
import { auc, gini } from '../../../services/trainer/evaluation/auc';
import { mulberry32 } from '../../../services/trainer/evaluation/seeded-shuffle';

/** O(n^2) definition: share of (positive, negative) pairs ordered correctly, ties count half. */
function bruteForceAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('AUC', () => {
  it('matches the textbook example (0.75)', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).to.equal(0.75);
  });

  it('counts tied positive/negative pairs as one half', () => {
    // pairs: (0.5 vs 0.5) = 1/2, (0.5 vs 0.2) = 1, (0.7 vs 0.5) = 1, (0.7 vs 0.2) = 1 -> 3.5 / 4
    expect(auc([0.5, 0.5, 0.7, 0.2], [1, 0, 1, 0])).to.equal(0.875);
    expect(auc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0])).to.equal(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).to.equal(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).to.equal(0);
  });

  it('agrees with the pairwise definition on random data full of ties', () => {
    const next = mulberry32(7);
    const scores = Array.from({ length: 400 }, () => Math.floor(next() * 12) / 12);
    const labels = scores.map((s) => (next() < 0.2 + 0.5 * s ? 1 : 0));
    expect(auc(scores, labels)).to.be.closeTo(bruteForceAuc(scores, labels), 1e-12);
  });

  it('accepts typed arrays and any monotone score scale', () => {
    const p = [0.1, 0.4, 0.35, 0.8];
    const logits = Float64Array.from(p, (x) => Math.log(x / (1 - x)));
    expect(auc(logits, Uint8Array.from([0, 0, 1, 1]))).to.equal(0.75);
  });

  it('gives Gini = 2 AUC - 1', () => {
    expect(gini([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).to.be.closeTo(0.5, 1e-12);
  });

  it('is NaN with one class and rejects malformed input', () => {
    expect(Number.isNaN(auc([0.2, 0.3], [1, 1]))).to.equal(true);
    expect(() => auc([0.2], [1, 0])).to.throw(RangeError);
    expect(() => auc([0.2, 0.4], [1, 2])).to.throw(RangeError);
    expect(() => auc([NaN, 0.4], [1, 0])).to.throw(RangeError);
  });
});
