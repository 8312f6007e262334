// Messages between train-forest.ts and forest-worker.ts.
import { CompactTree } from '../../common/model/compact-tree';
import { ForestOptions } from './forest-options';

/** workerData: the training set in shared memory (no copy per worker) and the options. */
export interface WorkerSetup {
  readonly features: SharedArrayBuffer;
  readonly labels: SharedArrayBuffer;
  readonly rows: number;
  readonly cols: number;
  readonly options: ForestOptions;
}

export interface WorkerRequest {
  /** Index of the tree to train. */
  readonly tree: number;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'tree'; readonly index: number; readonly tree: CompactTree; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };
