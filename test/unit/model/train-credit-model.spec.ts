import { expect } from 'chai';
import { matrixRow } from '../../../services/common/model/feature-matrix';
import { loadModel } from '../../../services/common/model/load-model';
import { serializeModel } from '../../../services/common/model/model-artifact';
import { score } from '../../../services/common/model/score';
import { syntheticCreditData } from '../../../services/trainer/forest/synthetic-credit-data';
import { trainCreditModel } from '../../../services/trainer/forest/train-credit-model';

describe('trainCreditModel', function () {
  this.timeout(60000);

  it('holds out a calibration set, trains, calibrates and produces a loadable artifact', async () => {
    const data = syntheticCreditData(2500, 6, 21);
    const reasonTable = { f00: { code: 'RC01', text: 'Risk factor zero is high' } };
    let progressCalls = 0;
    const { artifact, trainingRows, calibrationRows } = await trainCreditModel({
      X: data.X,
      y: data.y,
      featureNames: data.featureNames,
      featureSetVersion: 'synthetic-1',
      reasonTable,
      forest: { trees: 4, maxDepth: 5, maxFeatures: 0.5, seed: 3, workers: 0 },
      trainedAt: '2025-03-01T00:00:00.000Z',
      metrics: { note: 'unit test' },
      onProgress: () => progressCalls++,
    });
    expect(progressCalls).to.equal(4);
    expect(calibrationRows.length).to.equal(500);
    expect(new Set([...trainingRows, ...calibrationRows]).size).to.equal(2500);
    expect(artifact.training).to.include({
      rows: 2000,
      calibrationRows: 500,
      seed: 3,
      trainedAt: '2025-03-01T00:00:00.000Z',
    });
    expect(artifact.training.options).to.include({ trees: 4, maxDepth: 5, splitSearch: 'sweep' });
    expect(artifact.training.options).to.not.have.property('workers');
    expect(artifact.calibration.method).to.equal('isotonic');

    const model = loadModel(serializeModel(artifact), data.featureNames);
    expect(model.version).to.equal(artifact.version);
    const results = Array.from({ length: 50 }, (_, r) => score(model, matrixRow(data.X, r)));
    for (const result of results) {
      expect(result.points).to.be.within(300, 850);
      expect(result.reasons.length).to.be.at.most(4);
    }
    // f00 drives the synthetic risk most; it must show up as a reason for some risky shoppers.
    expect(results.some((r) => r.reasons.some((reason) => reason.code === 'RC01'))).to.equal(true);
  });

  it('refuses mismatched inputs', async () => {
    const data = syntheticCreditData(100, 4, 1);
    const base = { X: data.X, y: data.y, featureSetVersion: 'x', reasonTable: {}, trainedAt: 't' };
    await expectReject(trainCreditModel({ ...base, featureNames: ['a'] }), /feature names/);
    await expectReject(
      trainCreditModel({ ...base, featureNames: data.featureNames, calibrationFraction: 1 }),
      /calibrationFraction/,
    );
  });
});

async function expectReject(promise: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect((err as Error).message).to.match(message);
    return;
  }
  throw new Error('expected a rejection');
}
