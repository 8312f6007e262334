// Worker-thread entry: receives the training set in shared memory once, then trains the trees the
// main thread asks for, one at a time, and posts each back as a CompactTree.
import { parentPort, workerData } from 'node:worker_threads';
import { ForestOptions } from './forest-options';
import { TreeTrainer } from './tree-trainer';
import { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('forest-worker.js must run in a worker thread');

const setup = workerData as WorkerSetup;
const post = (reply: WorkerReply) => port.postMessage(reply);

try {
  const training = { rows: setup.rows, cols: setup.cols, data: new Float64Array(setup.features) };
  const trainer = new TreeTrainer(training, new Uint8Array(setup.labels), setup.options as ForestOptions);
  port.on('message', (request: WorkerRequest) => {
    try {
      const started = performance.now();
      const tree = trainer.train(request.tree);
      post({ type: 'tree', index: request.tree, tree, ms: performance.now() - started });
    } catch (err) {
      post({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'error', message: (err as Error).stack ?? String(err) });
}
