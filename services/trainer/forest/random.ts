// Seeded randomness for training: row shuffles and per-tree seeds. Never Math.random, so the same
// seed gives the same model bit for bit.

/** splitmix32-style finaliser: a bijection on 32-bit integers with good avalanche. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The seed of tree `index` of a forest seeded with `seed`: a function of (seed, index) only, so a tree
 * is the same whichever worker trains it and however many workers there are. Non-negative and below
 * 2^31, as ml-random-forest (random-js) expects a 32-bit integer.
 */
export function treeSeed(seed: number, index: number): number {
  return mix32(mix32(seed >>> 0) ^ mix32(index + 0x632be5ab)) >>> 1;
}

/** mulberry32: a small 32-bit-state generator, plenty for shuffling a training set. */
export function seededRandom(seed: number): () => number {
  let state = mix32(seed >>> 0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
export function shuffledIndices(n: number, seed: number): Uint32Array {
  const random = seededRandom(seed);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}
