// `node dist/services/trainer/cli/current-model-fits.js <models dir>`: exits 0 when the promoted
// model serves this build's features, 1 with the reason otherwise (none promoted, or trained on an
// older feature set). `npm start` then trains a starter model instead of starting a scorer that
// would refuse the old one.
import { FEATURE_NAMES, FEATURE_SET_VERSION } from '../../common/features';
import { whyCurrentModelUnfit } from '../../common/model/model-registry';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: current-model-fits.js <models dir>');
  const why = await whyCurrentModelUnfit(dir, FEATURE_NAMES, FEATURE_SET_VERSION);
  if (why !== undefined) {
    console.log(why);
    process.exit(1);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(2);
});
