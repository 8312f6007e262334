import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../services/common/model/canonical-json';
import { loadModel } from '../../../services/common/model/load-model';
import { MODEL_FORMAT, modelVersion, serializeModel } from '../../../services/common/model/model-artifact';
import { FeatureMismatchError, ModelError } from '../../../services/common/model/model-errors';
import { HAND_FEATURES, HAND_TREE, handArtifact } from './fixtures';

describe('model artifact', () => {
  describe('canonical JSON', () => {
    it('sorts keys, drops undefined, keeps array order, no whitespace', () => {
      expect(canonicalJson({ b: 1, a: [3, { d: undefined, c: 'x' }], é: true, A: null })).to.equal(
        '{"A":null,"a":[3,{"c":"x"}],"b":1,"é":true}',
      );
    });

    it('refuses values JSON cannot carry faithfully', () => {
      expect(() => canonicalJson({ a: [1, NaN] })).to.throw(RangeError, /\$\.a\[1\]/);
      expect(() => canonicalJson({ a: Infinity })).to.throw(RangeError);
      expect(() => canonicalJson({ a: new Float64Array(2) })).to.throw(TypeError, /typed array/);
    });
  });

  describe('version', () => {
    it('is the first 16 hex digits of sha256 over the canonical JSON without the version', () => {
      const artifact = handArtifact();
      const { version, ...rest } = artifact;
      const expected = createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 16);
      expect(version).to.match(/^[0-9a-f]{16}$/);
      expect(version).to.equal(expected);
      expect(artifact.format).to.equal(MODEL_FORMAT);
    });

    it('is stable for the same content (whatever the key order) and changes with any change', () => {
      const a = handArtifact();
      const reordered = handArtifact({ metrics: { z: 1, auc: 0.75 } });
      const same = handArtifact({ metrics: { auc: 0.75, z: 1 } });
      expect(reordered.version).to.equal(same.version);
      expect(handArtifact().version).to.equal(a.version);
      expect(handArtifact({ metrics: { auc: 0.76 } }).version).to.not.equal(a.version);
      expect(handArtifact({ featureSetVersion: 'features-v2' }).version).to.not.equal(a.version);
      const nudged = { ...HAND_TREE, threshold: [0.5000001, 0, 1, 0, 0] };
      expect(handArtifact({ forest: { trees: [nudged] } }).version).to.not.equal(a.version);
    });
  });

  describe('serialize and loadModel', () => {
    it('round-trips: the loaded model is the artifact that was written', () => {
      const artifact = handArtifact();
      const json = serializeModel(artifact);
      const model = loadModel(json, HAND_FEATURES);
      expect(model.version).to.equal(artifact.version);
      expect(model.artifact).to.deep.equal(JSON.parse(json));
      expect(modelVersion(model.artifact)).to.equal(artifact.version);
      expect(model.forest.treeCount).to.equal(2);
      expect(serializeModel(model.artifact)).to.equal(json);
    });

    it('accepts an already parsed object', () => {
      const artifact = handArtifact();
      expect(loadModel(JSON.parse(serializeModel(artifact)), HAND_FEATURES).version).to.equal(
        artifact.version,
      );
    });

    it('refuses content that does not match its version', () => {
      const json = serializeModel(handArtifact()).replace('"auc":0.75', '"auc":0.99');
      expect(() => loadModel(json, HAND_FEATURES)).to.throw(ModelError, /hashes to/);
    });

    it('names the features that differ', () => {
      const json = serializeModel(handArtifact());
      const err = (() => {
        try {
          loadModel(json, ['spend_30d', 'night_share_7d', 'returns_90d', 'tenure_days']);
        } catch (e) {
          return e as FeatureMismatchError;
        }
        throw new Error('loadModel accepted other features');
      })();
      expect(err).to.be.instanceOf(FeatureMismatchError);
      expect(err.message).to.contain('missing from the caller: night_share_30d');
      expect(err.message).to.contain('unknown to the model: night_share_7d, tenure_days');
      expect(err.missingFromCaller).to.deep.equal(['night_share_30d']);
      expect(err.unknownToModel).to.deep.equal(['night_share_7d', 'tenure_days']);
    });

    it('refuses the same features in another order, naming the first position', () => {
      const json = serializeModel(handArtifact());
      expect(() => loadModel(json, ['night_share_30d', 'spend_30d', 'returns_90d'])).to.throw(
        FeatureMismatchError,
        /position 0: model has spend_30d, caller has night_share_30d/,
      );
    });

    it('refuses another feature set version when asked to check it', () => {
      const json = serializeModel(handArtifact());
      expect(() => loadModel(json, HAND_FEATURES, { featureSetVersion: 'features-v2' })).to.throw(
        FeatureMismatchError,
        /feature set features-v1/,
      );
    });

    const broken: [string, (a: Record<string, unknown>) => void, RegExp][] = [
      ['not JSON', () => undefined, /not valid JSON/],
      ['another format', (a) => (a.format = 'other.v9'), /\$\.format/],
      [
        'a child index pointing backwards',
        (a) => ((a as never as T).forest.trees[0].left[2] = 1),
        /child index 1/,
      ],
      [
        'a shared child',
        (a) => ((a as never as T).forest.trees[0].right[2] = 1),
        /invalid child index|shares child/,
      ],
      [
        'a probability above 1',
        (a) => ((a as never as T).forest.trees[0].value[3] = 1.5),
        /value must be a probability/,
      ],
      [
        'a feature index out of range',
        (a) => ((a as never as T).forest.trees[0].feature[0] = 3),
        /feature index below 3/,
      ],
      [
        'arrays of different lengths',
        (a) => (a as never as T).forest.trees[0].cover.pop(),
        /cover has 4 entries/,
      ],
      ['a repeated feature name', (a) => ((a.featureNames as string[])[1] = 'spend_30d'), /repeat/],
      [
        'decreasing calibration',
        (a) => (a.calibration = { method: 'isotonic', x: [0.1, 0.2], y: [0.5, 0.4] }),
        /non-decreasing/,
      ],
      ['a broken score scale', (a) => ((a.scoreScale as { pdo: number }).pdo = -1), /pdo/],
      ['a reason without text', (a) => ((a as never as R).reasons.fallback.text = ''), /fallback\.text/],
      ['no metrics', (a) => delete a.metrics, /\$\.metrics/],
    ];
    type T = {
      forest: {
        trees: { left: number[]; right: number[]; value: number[]; feature: number[]; cover: number[] }[];
      };
    };
    type R = { reasons: { fallback: { text: string } } };
    for (const [what, breakIt, message] of broken) {
      it(`refuses an artifact with ${what}`, () => {
        const artifact = JSON.parse(serializeModel(handArtifact())) as Record<string, unknown>;
        breakIt(artifact);
        const input = what === 'not JSON' ? '{"format":' : artifact;
        expect(() => loadModel(input, HAND_FEATURES, { verifyVersion: false })).to.throw(ModelError, message);
      });
    }
  });
});
