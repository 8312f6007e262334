// Trains a random forest of CompactTrees, on worker threads when asked (default: one per core, at
// most two). Trees are handed out one at a time to whichever worker is free, so a slow tree does not
// leave a core idle, and each tree's seed depends only on (seed, tree index): the forest is the same
// bit for bit with 0, 1 or 2 workers. The training set is put in shared memory once.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { CompactTree } from '../../common/model/compact-tree';
import { FeatureMatrix } from '../../common/model/feature-matrix';
import { ForestOptions, featuresPerTree, resolveForestOptions } from './forest-options';
import { TreeTrainer, checkedLabels } from './tree-trainer';
import { WorkerReply, WorkerSetup } from './worker-protocol';

export interface ForestProgress {
  readonly treesDone: number;
  readonly treesTotal: number;
  readonly elapsedMs: number;
  /** Training time of the tree just finished. */
  readonly lastTreeMs: number;
}

export type ForestProgressCallback = (progress: ForestProgress) => void;

export interface TrainedForest {
  readonly trees: CompactTree[];
  readonly options: ForestOptions;
  readonly durationMs: number;
}

/**
 * @param training - rows x features, model feature order.
 * @param labels - 0 = good, 1 = bad (default), one per row.
 */
export async function trainForest(
  training: FeatureMatrix,
  labels: ArrayLike<number>,
  options: Partial<ForestOptions> = {},
  onProgress?: ForestProgressCallback,
): Promise<TrainedForest> {
  const resolved = resolveForestOptions(options);
  const started = performance.now();
  const trees =
    resolved.workers === 0
      ? trainOnThisThread(training, labels, resolved, started, onProgress)
      : await trainOnWorkers(training, labels, resolved, started, onProgress);
  return { trees, options: resolved, durationMs: performance.now() - started };
}

function trainOnThisThread(
  training: FeatureMatrix,
  labels: ArrayLike<number>,
  options: ForestOptions,
  started: number,
  onProgress?: ForestProgressCallback,
): CompactTree[] {
  const trainer = new TreeTrainer(training, labels, options);
  const trees: CompactTree[] = [];
  for (let i = 0; i < options.trees; i++) {
    const treeStarted = performance.now();
    trees.push(trainer.train(i));
    const now = performance.now();
    onProgress?.({
      treesDone: i + 1,
      treesTotal: options.trees,
      elapsedMs: now - started,
      lastTreeMs: now - treeStarted,
    });
  }
  return trees;
}

function sharedFloat64(source: ArrayLike<number>): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(source.length * Float64Array.BYTES_PER_ELEMENT);
  new Float64Array(buffer).set(source);
  return buffer;
}

function sharedUint8(source: ArrayLike<number>): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(source.length);
  new Uint8Array(buffer).set(source);
  return buffer;
}

function trainOnWorkers(
  training: FeatureMatrix,
  labels: ArrayLike<number>,
  options: ForestOptions,
  started: number,
  onProgress?: ForestProgressCallback,
): Promise<CompactTree[]> {
  // Checked here: a Uint8Array would silently turn a label 0.5 into 0.
  checkedLabels(labels, training.rows);
  featuresPerTree(options, training.cols);
  const setup: WorkerSetup = {
    features: sharedFloat64(training.data),
    labels: sharedUint8(labels),
    rows: training.rows,
    cols: training.cols,
    options,
  };
  const workerCount = Math.min(options.workers, options.trees);
  const trees = new Array<CompactTree>(options.trees);
  let nextTree = 0;
  let treesDone = 0;

  return new Promise<CompactTree[]>((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (err === undefined) resolve(trees);
      else reject(err);
    };
    const sendNext = (worker: Worker) => {
      if (nextTree < options.trees) worker.postMessage({ tree: nextTree++ });
    };

    for (let w = 0; w < workerCount; w++) {
      const worker = new Worker(join(__dirname, 'forest-worker.js'), { workerData: setup });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (reply.type === 'error') return finish(new Error(`forest worker ${w} failed: ${reply.message}`));
        if (reply.type === 'tree') {
          trees[reply.index] = reply.tree;
          treesDone++;
          try {
            onProgress?.({
              treesDone,
              treesTotal: options.trees,
              elapsedMs: performance.now() - started,
              lastTreeMs: reply.ms,
            });
          } catch (err) {
            return finish(err as Error);
          }
          if (treesDone === options.trees) return finish();
        }
        sendNext(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled)
          finish(new Error(`forest worker ${w} exited with code ${code} before the forest was done`));
      });
    }
  });
}
