// Hashes and the distinct-count sketches: standard FNV-1a vectors, UTF-8 agreement with Buffer, and
// estimator accuracy at the small counts where the credit signal is.
import { expect } from 'chai';
import { apply, emptyState, type ProfileState } from '../../../services/common/features';
import { fnv1a32 } from '../../../services/common/features/hash';
import {
  estimateDistinct32,
  estimateDistinct64,
  linearCountEstimate,
  popcount32,
  sketchBit32,
  sketchBit64,
} from '../../../services/common/features/sketch';
import { T0, feature, order, prng } from './fixtures';

/** Reference FNV-1a over Buffer's UTF-8 bytes. */
function fnvReference(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

function sketch64(ids: string[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const id of ids) {
    const b = sketchBit64(id);
    if (b < 32) lo |= 1 << b;
    else hi |= 1 << (b - 32);
  }
  return [lo >>> 0, hi >>> 0];
}

describe('features: hashes and sketches', () => {
  it('FNV-1a 32 matches the published test vectors and Buffer UTF-8 on any text', () => {
    expect(fnv1a32('')).to.equal(0x811c9dc5);
    expect(fnv1a32('a')).to.equal(0xe40c292c);
    expect(fnv1a32('foobar')).to.equal(0xbf9cf968);
    for (const s of [
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      '订单-42',
      'ünïcödé',
      'emoji 😀 x',
      'lone \ud800 surrogate',
      'end \udc00',
    ]) {
      expect(fnv1a32(s), s).to.equal(fnvReference(s));
    }
  });

  it('popcount and the estimator: one id is exactly 1, none is 0, full saturates finitely', () => {
    expect(popcount32(0)).to.equal(0);
    expect(popcount32(0xffffffff)).to.equal(32);
    expect(popcount32(0x80000001)).to.equal(2);
    expect(linearCountEstimate(0, 64)).to.equal(0);
    expect(linearCountEstimate(1, 64)).to.equal(1);
    expect(estimateDistinct32(1 << 31)).to.equal(1);
    // 2 set bits: ln(62/64) / ln(63/64) = 2.0160 (two ids, allowing for a collision).
    expect(linearCountEstimate(2, 64)).to.be.closeTo(2.016, 1e-4);
    expect(estimateDistinct64(0xffffffff, 0xffffffff)).to.be.closeTo(264.1, 0.1);
    expect(estimateDistinct32(0xffffffff)).to.be.closeTo(109.2, 0.1);
  });

  it('is accurate at small counts (mean over random id sets within 3%, typical error small)', () => {
    const rnd = prng(11);
    for (const n of [1, 2, 3, 5, 8, 13, 20, 40]) {
      let sum = 0;
      let absErr = 0;
      const trials = 400;
      for (let t = 0; t < trials; t++) {
        const ids = Array.from({ length: n }, () => `m-${Math.floor(rnd() * 1e9)}`);
        const est = estimateDistinct64(...sketch64(ids));
        sum += est;
        absErr += Math.abs(est - n);
      }
      expect(sum / trials, `mean estimate for ${n}`).to.be.closeTo(n, n * 0.03 + 0.02);
      expect(absErr / trials / n, `mean relative error for ${n}`).to.be.lessThan(0.12);
    }
  });

  it('the profile counts each merchant once however often it is used, and only from orders', () => {
    let s: ProfileState = emptyState();
    const merchants = ['shop-a', 'shop-b', 'shop-c'];
    expect(new Set(merchants.map(sketchBit64)).size).to.equal(3); // no collision among these three
    for (let i = 0; i < 30; i++)
      s = apply(s, order({ merchantId: merchants[i % 3]!, eventTime: T0 + i * 1000 })).state;
    s = apply(s, order({ type: 'RETURN', merchantId: 'shop-z', eventTime: T0 + 31_000 })).state;
    expect(feature(s, T0 + 31_000, 'distinct_merchants')).to.be.closeTo(3, 0.1);
    // Devices: from any event; null devices are not counted.
    const devices = ['dev-1', 'dev-2'];
    expect(new Set(devices.map(sketchBit32)).size).to.equal(2);
    let t = apply(emptyState(), order({ deviceId: null })).state;
    expect(feature(t, T0, 'distinct_devices')).to.equal(0);
    t = apply(t, order({ deviceId: 'dev-1', type: 'CANCEL' })).state;
    t = apply(t, order({ deviceId: 'dev-2' })).state;
    t = apply(t, order({ deviceId: 'dev-1' })).state;
    expect(feature(t, T0, 'distinct_devices')).to.be.closeTo(2, 0.05);
  });
});
