// Converts one trained ml-cart classification tree (its JSON form, as ml-random-forest holds it) into
// a CompactTree. Pure: it reads plain objects and never imports ml-cart or ml-random-forest, so the
// scorer never loads the training library.
//
// Three facts about the source shape matter:
// - a node is a split only if it has both children; ml-cart also writes splitColumn/splitValue on
//   nodes it then decided not to split, so those fields alone prove nothing;
// - a leaf's `distribution` is [[p0, p1, ...]] with one entry per class up to the largest label seen
//   in that leaf: a leaf of only good rows is [[1]], so a missing p1 means 0 bad;
// - ml-random-forest trains each tree on a subset of the columns (`indexes[tree]`), and the tree's
//   splitColumn indexes that subset, not the full feature vector.
import { CompactTree, LEAF } from './compact-tree';
import { FeatureMatrix } from './feature-matrix';

/** The fields of an ml-cart TreeNode after JSON.parse(JSON.stringify(node)). */
export interface MlCartNodeJson {
  readonly splitColumn?: number;
  readonly splitValue?: number;
  readonly left?: MlCartNodeJson;
  readonly right?: MlCartNodeJson;
  readonly distribution?: unknown;
}

/** Class index of "bad" (default) in the training labels. */
const BAD_CLASS = 1;

function leafBadFraction(node: MlCartNodeJson, path: string): number {
  const distribution = node.distribution;
  if (!Array.isArray(distribution) || distribution.length !== 1 || !Array.isArray(distribution[0])) {
    throw new TypeError(`ml-cart leaf ${path} has no classification distribution [[p0, p1]]`);
  }
  const row = distribution[0] as unknown[];
  const bad = row.length > BAD_CLASS ? row[BAD_CLASS] : 0;
  // ml-cart sums 1/n once per row, so a pure leaf can come out as 1.0000000000000002.
  if (typeof bad !== 'number' || !(bad >= -1e-9 && bad <= 1 + 1e-9)) {
    throw new TypeError(`ml-cart leaf ${path} has an invalid probability of bad: ${String(bad)}`);
  }
  return Math.min(1, Math.max(0, bad));
}

/**
 * @param root - the tree's root node (ml-cart TreeNode or its JSON).
 * @param featureIndexes - ml-random-forest's `indexes[tree]`: full-vector feature index of each
 *   column the tree was trained on.
 * @param training - the rows the forest was trained on (all features, model order) to count how many
 *   reach each node; they weight the split nodes' values.
 */
export function compactTreeFromMlCart(
  root: MlCartNodeJson,
  featureIndexes: readonly number[],
  training: FeatureMatrix,
): CompactTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];

  // Preorder: a node's children always come after it, which the value pass below relies on.
  const visit = (node: MlCartNodeJson, path: string): number => {
    const index = feature.length;
    if (node.left !== undefined && node.right !== undefined) {
      const column = node.splitColumn;
      const splitValue = node.splitValue;
      if (column === undefined || column < 0 || column >= featureIndexes.length) {
        throw new RangeError(`ml-cart node ${path} splits on column ${column} of ${featureIndexes.length}`);
      }
      if (typeof splitValue !== 'number' || Number.isNaN(splitValue)) {
        throw new TypeError(`ml-cart node ${path} has no numeric split value`);
      }
      feature.push(featureIndexes[column]);
      threshold.push(splitValue);
      left.push(LEAF);
      right.push(LEAF);
      value.push(0);
      left[index] = visit(node.left, `${path}L`);
      right[index] = visit(node.right, `${path}R`);
    } else {
      feature.push(LEAF);
      threshold.push(0);
      left.push(LEAF);
      right.push(LEAF);
      value.push(leafBadFraction(node, path || 'root'));
    }
    return index;
  };
  visit(root, '');

  const cover = countCover({ feature, threshold, left, right }, training);

  // Split nodes: expected leaf value of a training row reaching the node (children first).
  for (let i = feature.length - 1; i >= 0; i--) {
    if (feature[i] === LEAF) continue;
    const l = left[i];
    const r = right[i];
    const weight = cover[l] + cover[r];
    value[i] = weight > 0 ? (cover[l] * value[l] + cover[r] * value[r]) / weight : (value[l] + value[r]) / 2;
  }

  return { feature, threshold, left, right, value, cover };
}

/** Number of rows of `training` that pass through each node. */
function countCover(
  tree: Pick<CompactTree, 'feature' | 'threshold' | 'left' | 'right'>,
  training: FeatureMatrix,
): number[] {
  const cover = new Array<number>(tree.feature.length).fill(0);
  const { data, cols } = training;
  for (let r = 0; r < training.rows; r++) {
    const base = r * cols;
    let node = 0;
    cover[0]++;
    while (tree.feature[node] !== LEAF) {
      node = data[base + tree.feature[node]] < tree.threshold[node] ? tree.left[node] : tree.right[node];
      cover[node]++;
    }
  }
  return cover;
}
