import { expect } from 'chai';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelError } from '../../../services/common/model/model-errors';
import {
  loadModelFromRegistry,
  promoteModel,
  readCurrentPointer,
  saveModel,
  whyCurrentModelUnfit,
} from '../../../services/common/model/model-registry';
import { HAND_FEATURES, handArtifact } from './fixtures';

describe('model registry (models/<version>.json + current.json)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'model-registry-')), 'models');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('saves by version, promotes, and loads the current model', async () => {
    const first = handArtifact();
    const second = handArtifact({ metrics: { auc: 0.8 } });
    expect(await saveModel(dir, first)).to.equal(join(dir, `${first.version}.json`));
    await saveModel(dir, second);
    expect(await readCurrentPointer(dir)).to.equal(undefined);

    await promoteModel(dir, first.version, '2025-01-02T00:00:00.000Z');
    expect((await loadModelFromRegistry(dir, HAND_FEATURES)).version).to.equal(first.version);
    await promoteModel(dir, second.version);
    expect(await readCurrentPointer(dir)).to.deep.equal({
      version: second.version,
      file: `${second.version}.json`,
    });
    expect((await loadModelFromRegistry(dir, HAND_FEATURES)).version).to.equal(second.version);
    expect((await loadModelFromRegistry(dir, HAND_FEATURES, first.version)).version).to.equal(first.version);

    expect((await readdir(dir)).sort()).to.deep.equal(
      [`${first.version}.json`, `${second.version}.json`, 'current.json'].sort(),
    );
    expect(JSON.parse(await readFile(join(dir, `${first.version}.json`), 'utf8')).version).to.equal(
      first.version,
    );
  });

  it('refuses to promote a version that was not saved, or a path-like version', async () => {
    await saveModel(dir, handArtifact());
    await expectReject(promoteModel(dir, '0123456789abcdef'), /does not exist/);
    await expectReject(promoteModel(dir, '../../etc/passwd'), /not a model version/);
  });

  it('says clearly when nothing was promoted', async () => {
    await expectReject(loadModelFromRegistry(dir, HAND_FEATURES), /no model promoted/);
  });

  it("says why the promoted model cannot serve a build's features (npm start then trains one)", async () => {
    expect(await whyCurrentModelUnfit(dir, HAND_FEATURES)).to.match(/no model promoted/);
    const model = handArtifact();
    await saveModel(dir, model);
    await promoteModel(dir, model.version);
    expect(await whyCurrentModelUnfit(dir, HAND_FEATURES)).to.equal(undefined);
    // A build that added a feature the model was not trained on (an upgrade of the feature set).
    const why = await whyCurrentModelUnfit(dir, [...HAND_FEATURES, 'new_feature']);
    expect(why).to.contain(model.version).and.to.contain('new_feature');
    // Same names, another feature code version (a changed window or unit): the scorer refuses it too.
    expect(await whyCurrentModelUnfit(dir, HAND_FEATURES, model.featureSetVersion)).to.equal(undefined);
    expect(await whyCurrentModelUnfit(dir, HAND_FEATURES, 'fs-other')).to.contain(
      'the caller computes feature set fs-other',
    );
  });
});

async function expectReject(promise: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(ModelError);
    expect((err as Error).message).to.match(message);
    return;
  }
  throw new Error('expected a rejection');
}
