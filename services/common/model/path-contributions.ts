// Per-feature contributions to one raw prediction, from the trees' own decision paths (Saabas 2014,
// "treeinterpreter"): walking a tree from root to leaf, every split moves the node value from the
// parent's to the child's; that change is credited to the split's feature. Along one path the changes
// telescope, so  leaf value = root value + sum of changes,  and averaged over the trees
//   predictRaw(x) = baseValue + sum over features of contribution[f]
// exactly (up to floating-point rounding). A positive contribution pushes the probability of bad up.
//
// Unlike Shapley values these depend on the order of splits in each tree, but they cost one walk per
// tree (the same as the prediction itself), which keeps reasons inside the scoring latency budget.
import { LEAF } from './compact-tree';
import { CompiledForest } from './compiled-forest';

/**
 * Fills `out` (length >= featureCount) with each feature's contribution and returns the raw prediction
 * computed on the same walk. `out` is caller-owned so the hot path allocates nothing.
 */
export function pathContributions(forest: CompiledForest, x: ArrayLike<number>, out: Float64Array): number {
  const { roots, feature, threshold, left, right, value } = forest;
  out.fill(0, 0, forest.featureCount);
  let sum = 0;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t];
    let f = feature[node];
    while (f !== LEAF) {
      const child = x[f] < threshold[node] ? left[node] : right[node];
      out[f] += value[child] - value[node];
      node = child;
      f = feature[node];
    }
    sum += value[node];
  }
  const n = roots.length;
  for (let f = 0; f < forest.featureCount; f++) out[f] /= n;
  return sum / n;
}
