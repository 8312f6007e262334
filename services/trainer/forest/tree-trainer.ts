// Trains single trees with ml-random-forest (the patched ml-cart underneath, see patches/) and
// converts each into our CompactTree right away. Used on the calling thread and inside workers.
import { RandomForestClassifier } from 'ml-random-forest';
import { CompactTree } from '../../common/model/compact-tree';
import { FeatureMatrix } from '../../common/model/feature-matrix';
import { MlCartNodeJson, compactTreeFromMlCart } from '../../common/model/from-ml-cart';
import { ForestOptions, featuresPerTree, singleTreeOptions } from './forest-options';
import { treeSeed } from './random';

/** The part of ml-random-forest's toJSON() we read. */
interface ForestJson {
  baseModel: { indexes: number[][]; estimators: { root: unknown }[] };
}

/** Labels as the library wants them: a plain array of 0 (good) and 1 (bad). */
export function checkedLabels(labels: ArrayLike<number>, rows: number): number[] {
  if (labels.length !== rows) throw new RangeError(`${rows} rows but ${labels.length} labels`);
  return Array.from(labels, (label, i) => {
    if (label !== 0 && label !== 1)
      throw new RangeError(`label ${i} must be 0 (good) or 1 (bad), got ${label}`);
    return label;
  });
}

export class TreeTrainer {
  private readonly rows: number[][];
  private readonly labels: number[];

  constructor(
    private readonly training: FeatureMatrix,
    labels: ArrayLike<number>,
    private readonly options: ForestOptions,
  ) {
    this.labels = checkedLabels(labels, training.rows);
    featuresPerTree(options, training.cols);
    // The library wants row arrays; built once and reused by every tree.
    this.rows = Array.from({ length: training.rows }, (_, r) =>
      Array.from(training.data.subarray(r * training.cols, (r + 1) * training.cols)),
    );
  }

  /** Tree `index` of the forest: same options and index give the same tree anywhere. */
  train(index: number): CompactTree {
    const forest = new RandomForestClassifier(
      singleTreeOptions(this.options, treeSeed(this.options.seed, index)),
    );
    forest.train(this.rows, this.labels);
    const json = forest.toJSON() as unknown as ForestJson;
    // JSON round trip: turns the leaves' ml-matrix distributions into plain arrays.
    const root = JSON.parse(JSON.stringify(json.baseModel.estimators[0].root)) as MlCartNodeJson;
    return compactTreeFromMlCart(root, json.baseModel.indexes[0], this.training);
  }
}
