// The forest as the scorer walks it: every tree's nodes flattened into one set of typed arrays with
// absolute child indices, so a prediction is a tight loop over numbers (no objects, no recursion).
//
// predictRaw is the mean over trees of the leaf's probability of bad ("soft voting"), not the share
// of trees voting bad: it keeps each leaf's confidence, gives many more distinct values to rank and
// calibrate than the 1/nTrees steps of votes, and is additive along tree paths, which is what makes
// the path contributions of reasons sum exactly to it. (ml-random-forest's own predictProbability
// counts votes and drops the first tree's; we never call it.)
import { CompactTree, LEAF } from './compact-tree';

export interface CompiledForest {
  readonly treeCount: number;
  readonly featureCount: number;
  /** Absolute index of each tree's root. */
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Mean of the roots' values: the prediction before any split, the base of path contributions. */
  readonly baseValue: number;
}

/** Flattens validated compact trees (see load-model.ts for the checks). */
export function compileForest(trees: readonly CompactTree[], featureCount: number): CompiledForest {
  if (trees.length === 0) throw new RangeError('a forest needs at least one tree');
  const total = trees.reduce((n, t) => n + t.feature.length, 0);
  const roots = new Int32Array(trees.length);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  let offset = 0;
  let rootSum = 0;
  trees.forEach((tree, t) => {
    roots[t] = offset;
    rootSum += tree.value[0];
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i] === LEAF;
      feature[offset + i] = tree.feature[i];
      threshold[offset + i] = tree.threshold[i];
      left[offset + i] = leaf ? LEAF : offset + tree.left[i];
      right[offset + i] = leaf ? LEAF : offset + tree.right[i];
      value[offset + i] = tree.value[i];
    }
    offset += tree.feature.length;
  });
  return {
    treeCount: trees.length,
    featureCount,
    roots,
    feature,
    threshold,
    left,
    right,
    value,
    baseValue: rootSum / trees.length,
  };
}

/**
 * The forest's raw probability of bad for one feature vector (model feature order): mean over trees
 * of the reached leaf's value. A NaN feature goes right at every split on it, as in training.
 */
export function predictRaw(forest: CompiledForest, x: ArrayLike<number>): number {
  const { roots, feature, threshold, left, right, value } = forest;
  let sum = 0;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t];
    let f = feature[node];
    while (f !== LEAF) {
      node = x[f] < threshold[node] ? left[node] : right[node];
      f = feature[node];
    }
    sum += value[node];
  }
  return sum / roots.length;
}
