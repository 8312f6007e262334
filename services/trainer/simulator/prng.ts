// A small, fast, seeded pseudo-random generator and the few distributions the simulator needs.
// xoshiro128** (Blackman & Vigna) has 128 bits of state, so the 100,000+ independent per-shopper
// streams never collide the way a 32-bit-state generator such as mulberry32 would (birthday bound
// ~ 2^16 streams). Streams are keyed by (seed, shopper index, purpose) through splitmix32, so one
// shopper can be regenerated alone, in any order, on any worker, with identical results.
// Never Math.random: same seed -> byte-identical output is a contract.

const TWO_POW_32 = 4294967296;

/** splitmix32-style finaliser: a bijection on 32-bit integers with good avalanche. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Folds an arbitrary safe integer seed (may exceed 32 bits or be negative) into 32 bits. */
export function seedTo32(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return mix32(lo ^ mix32(hi ^ 0x5bd1e995));
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last Box-Muller pair, NaN when empty. */
  private spareNormal = NaN;

  /** Seeds the 128-bit state from up to three 32-bit keys (e.g. seed, shopper index, stream id). */
  constructor(k0: number, k1 = 0, k2 = 0) {
    let s = mix32(k0 >>> 0);
    s = mix32(s ^ (k1 >>> 0));
    s = mix32(s ^ (k2 >>> 0));
    this.a = s = mix32(s);
    this.b = s = mix32(s);
    this.c = s = mix32(s);
    this.d = mix32(s) | 1; // xoshiro must not start from the all-zero state
  }

  /** Next uniform 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform in the open interval (0, 1): safe for Math.log. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal via Box-Muller (pairs cached, still deterministic). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /**
   * Poisson count. Inversion for small means (the common case: a shopper's sessions per day);
   * a rounded normal approximation above 30, where it is accurate enough for a simulator.
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = this.uniform();
    while (u > cdf && k < 200) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Index drawn from a cumulative weight table (last entry = total, need not be 1). */
  pickCumulative(cumulative: ArrayLike<number>): number {
    const n = cumulative.length;
    const u = this.uniform() * cumulative[n - 1];
    for (let i = 0; i < n - 1; i++) if (u < cumulative[i]) return i;
    return n - 1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// Small tables are plain number arrays: a 15-entry Float64Array costs ~5x its payload in
// ArrayBuffer bookkeeping, and 100,000 live shoppers in the merged feed each hold several tables.

/** Cumulative sums of weights, for Rng.pickCumulative. */
export function cumulativeOf(weights: ArrayLike<number>): number[] {
  const out = new Array<number>(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += Math.max(0, weights[i]);
    out[i] = sum;
  }
  return out;
}

/** Cumulative softmax of log-weights: exp(w - max) summed, so large logits do not overflow. */
export function cumulativeSoftmax(logWeights: ArrayLike<number>): number[] {
  return Array.from(cumulativeSoftmaxInto(new Float64Array(logWeights.length), logWeights));
}

/** cumulativeSoftmax into a caller-owned buffer (the per-order hot path allocates nothing). */
export function cumulativeSoftmaxInto(out: Float64Array, logWeights: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logWeights.length; i++) if (logWeights[i] > max) max = logWeights[i];
  let sum = 0;
  for (let i = 0; i < logWeights.length; i++) {
    sum += Math.exp(logWeights[i] - max);
    out[i] = sum;
  }
  return out;
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
