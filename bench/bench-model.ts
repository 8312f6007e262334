// The model the pipeline benchmarks score with: a real one, since scoring cost grows with the
// forest. BENCH_MODELS_DIR, else the project's models/ (what `npm start` or `npm run train` made);
// when it holds no model for this build's features (none promoted, or one from an older feature
// set), the starter model `npm start` trains is trained into it (20,000 simulated shoppers, 50
// trees, about a minute).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../services/common/features';
import { loadModelFromRegistry, whyCurrentModelUnfit } from '../services/common/model/model-registry';
import { projectPath } from '../services/common/paths';

export interface BenchModel {
  dir: string;
  version: string;
  trees: number;
}

export async function benchModel(): Promise<BenchModel> {
  const dir = process.env.BENCH_MODELS_DIR ?? projectPath('models');
  const unfit = await whyCurrentModelUnfit(dir, FEATURE_NAMES, FEATURE_SET_VERSION);
  if (unfit !== undefined) {
    console.log(`(${unfit}: training the starter model npm start uses, about a minute)`);
    await promisify(execFile)(
      process.execPath,
      [
        projectPath('dist', 'services', 'trainer', 'cli', 'train.js'),
        ...['--shoppers', '20000', '--trees', '50', '--no-progress', '--score-timing-ms', '0'],
        ...['--models-dir', dir],
      ],
      { cwd: projectPath(), maxBuffer: 64 * 1024 * 1024 },
    );
  }
  const model = await loadModelFromRegistry(dir, FEATURE_NAMES);
  return { dir, version: model.version, trees: model.forest.treeCount };
}
