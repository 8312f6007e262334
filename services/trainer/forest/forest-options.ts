// Forest hyper-parameters and their translation into ml-random-forest options that avoid its known
// pitfalls (docs/model.md, DESIGN.md "Model"):
// - one RandomForestClassifier per tree (nEstimators 1) with a per-tree seed: deterministic whatever
//   the number of workers, and a progress report after every tree;
// - noOOB: out-of-bag estimation is slow and can crash; we calibrate and evaluate on held-out rows;
// - replacement: false: it means feature sampling with replacement (duplicate columns), not rows;
// - useSampleBagging: true: rows are bootstrapped (with replacement) per tree;
// - maxSamples never set: it takes the FIRST rows, not a random sample;
// - maxFeatures always a fraction: the library reads the integer 1 as "100%". Features are sampled
//   once per tree, not per split (the library's design), hence a larger fraction than sqrt(p).
import { availableParallelism } from 'node:os';

export interface ForestOptions {
  /** Number of trees. */
  readonly trees: number;
  readonly maxDepth: number;
  /** Fraction of the features each tree sees, in (0, 1]. */
  readonly maxFeatures: number;
  /** A node with at most this many rows becomes a leaf. */
  readonly minNumSamples: number;
  /**
   * Smallest Gini decrease (at the node, not weighted by its size) worth a split. ml-cart's default
   * 0.01 stops weak-signal credit trees after a few splits; 0 grows noise to maxDepth.
   */
  readonly gainThreshold: number;
  readonly seed: number;
  /** Worker threads; 0 trains on the calling thread. Default: min(2, available cores). */
  readonly workers: number;
}

export const DEFAULT_FOREST_OPTIONS: Omit<ForestOptions, 'workers'> = {
  trees: 100,
  maxDepth: 10,
  maxFeatures: 0.3,
  // Chosen on synthetic data (20k rows, 40 trees, held-out AUC vs the known ceiling 0.815):
  // gain 0.01/min 3: 0.695; 1e-4/20: 0.775; 1e-3/20: 0.786; 1e-3/50: 0.789; 1e-3/100: 0.792.
  // Re-tune on simulator data (docs/model.md).
  minNumSamples: 50,
  gainThreshold: 1e-3,
  seed: 42,
};

export function resolveForestOptions(options: Partial<ForestOptions> = {}): ForestOptions {
  const resolved: ForestOptions = {
    ...DEFAULT_FOREST_OPTIONS,
    workers: Math.min(2, availableParallelism()),
    ...options,
  };
  const integer = (name: keyof ForestOptions, min: number) => {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < min)
      throw new RangeError(`forest option ${name} must be an integer >= ${min}, got ${value}`);
  };
  integer('trees', 1);
  integer('maxDepth', 1);
  integer('minNumSamples', 1);
  integer('seed', 0);
  integer('workers', 0);
  if (!(resolved.maxFeatures > 0 && resolved.maxFeatures <= 1)) {
    throw new RangeError(
      `forest option maxFeatures must be a fraction in (0, 1], got ${resolved.maxFeatures}`,
    );
  }
  if (!(resolved.gainThreshold >= 0)) throw new RangeError(`forest option gainThreshold must be >= 0`);
  return resolved;
}

/** Options of the single-tree RandomForestClassifier that trains tree `seed`'s tree. */
export function singleTreeOptions(options: ForestOptions, seed: number) {
  return {
    nEstimators: 1,
    seed,
    maxFeatures: options.maxFeatures,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: {
      maxDepth: options.maxDepth,
      minNumSamples: options.minNumSamples,
      gainThreshold: options.gainThreshold,
      splitSearch: 'sweep',
    },
  };
}

/** Number of features each tree sees: the library floors the fraction; zero would fail inside it. */
export function featuresPerTree(options: ForestOptions, featureCount: number): number {
  const n = Math.floor(featureCount * options.maxFeatures);
  if (n < 1)
    throw new RangeError(
      `maxFeatures ${options.maxFeatures} of ${featureCount} features leaves none per tree`,
    );
  return n;
}
