// Our own tree format: parallel arrays, one entry per node, root at index 0. It is what the model
// artifact stores (plain arrays, so JSON is small and needs no class revival) and what
// compiled-forest.ts flattens into typed arrays for scoring. Nothing here depends on the library
// that trained the trees.

/** Marks a leaf in `feature`, `left` and `right`. */
export const LEAF = -1;

export interface CompactTree {
  /** Index into the model's feature names for a split node, LEAF for a leaf. */
  readonly feature: number[];
  /** Split threshold: a row goes left when x[feature] < threshold (strictly), as ml-cart trains. 0 on leaves. */
  readonly threshold: number[];
  /** Index of the left (x < threshold) child, LEAF on leaves. */
  readonly left: number[];
  /** Index of the right (x >= threshold, or NaN) child, LEAF on leaves. */
  readonly right: number[];
  /**
   * Probability of bad at the node. Leaves: the trained tree's own leaf fraction of bad. Split nodes:
   * the cover-weighted mean of their children, i.e. the expected leaf value of a training row
   * reaching the node; path contributions (reason codes) are differences of these values.
   */
  readonly value: number[];
  /** Training rows that reach the node (weights the split nodes' values; useful for diagnostics). */
  readonly cover: number[];
}

/** Number of nodes of a tree. */
export function nodeCount(tree: CompactTree): number {
  return tree.feature.length;
}

/** Depth of the deepest leaf (a lone leaf has depth 0). */
export function treeDepth(tree: CompactTree, node = 0): number {
  if (tree.feature[node] === LEAF) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}
