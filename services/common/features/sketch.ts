// Linear-counting sketches (Whang, Vander-Zanden & Taylor 1990) for distinct merchants and devices:
// each id sets one bit chosen by its hash; with z of m bits still zero the estimate inverts
// E[z] = m (1 - 1/m)^n, i.e. n = ln(z/m) / ln(1 - 1/m) (exactly 1 for one set bit; Whang's m ln(m/z)
// is its large-m approximation). Exact membership is impossible in a few bytes; the estimate is good
// at small counts, which is where the credit signal is (1 device vs 5, 3 merchants vs 40). With no
// zero bit left it saturates at the z = 1 value: ~264 for 64 bits, ~109 for 32.
import { fmix32, fnv1a32 } from './hash';

/** Bit position 0..63 of an id in a 64-bit sketch. */
export function sketchBit64(id: string): number {
  return fmix32(fnv1a32(id)) >>> 26;
}

/** Bit position 0..31 of an id in a 32-bit sketch. */
export function sketchBit32(id: string): number {
  return fmix32(fnv1a32(id)) >>> 27;
}

/** Set bits in a 32-bit word. */
export function popcount32(x: number): number {
  let v = x >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Linear-counting estimate from m bits of which `setBits` are set (saturates when all are set). */
export function linearCountEstimate(setBits: number, m: number): number {
  if (setBits <= 0) return 0;
  const zeros = Math.max(1, m - setBits);
  return Math.log(zeros / m) / Math.log(1 - 1 / m);
}

/** Estimated distinct ids in a 64-bit sketch held as two uint32 words. */
export function estimateDistinct64(lo: number, hi: number): number {
  return linearCountEstimate(popcount32(lo) + popcount32(hi), 64);
}

/** Estimated distinct ids in a 32-bit sketch. */
export function estimateDistinct32(word: number): number {
  return linearCountEstimate(popcount32(word), 32);
}
