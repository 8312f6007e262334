import { expect } from 'chai';
import { cumulativeOf, mix32, Rng, seedTo32 } from '../../../services/trainer/simulator/prng';

describe('simulator PRNG', () => {
  it('repeats the same sequence for the same keys', () => {
    const a = new Rng(42, 7, 3);
    const b = new Rng(42, 7, 3);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).to.equal(b.nextUint32());
  });

  it('gives unrelated sequences for neighbouring keys', () => {
    const first = (r: Rng): number[] => Array.from({ length: 8 }, () => r.nextUint32());
    expect(first(new Rng(42, 7, 3))).to.not.deep.equal(first(new Rng(42, 8, 3)));
    expect(first(new Rng(42, 7, 3))).to.not.deep.equal(first(new Rng(42, 7, 4)));
    expect(first(new Rng(42, 7, 3))).to.not.deep.equal(first(new Rng(43, 7, 3)));
  });

  it('draws uniforms strictly inside (0, 1) with the right mean', () => {
    const r = new Rng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).to.equal(0);
    expect(sum / 100_000).to.be.closeTo(0.5, 0.01);
  });

  it('draws normals and Poisson counts with the right moments', () => {
    const r = new Rng(2);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    let p = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      p += r.poisson(2.5);
    }
    expect(s / n).to.be.closeTo(0, 0.02);
    expect(s2 / n).to.be.closeTo(1, 0.03);
    expect(p / n).to.be.closeTo(2.5, 0.03);
    expect(r.poisson(0)).to.equal(0);
  });

  it('picks from cumulative tables in proportion to the weights', () => {
    const r = new Rng(3);
    const cum = cumulativeOf([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.pickCumulative(cum)]++;
    expect(counts[1]).to.equal(0);
    expect(counts[2] / counts[0]).to.be.closeTo(3, 0.15);
  });

  it('folds large and negative integer seeds, and rejects fractional ones', () => {
    expect(seedTo32(2 ** 40 + 5)).to.not.equal(seedTo32(5));
    expect(seedTo32(-1)).to.be.a('number');
    expect(() => seedTo32(1.5)).to.throw(RangeError);
    expect(mix32(0)).to.not.equal(mix32(1));
  });
});
