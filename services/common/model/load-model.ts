// From artifact to a model ready to score: validate the document, check that its content matches its
// version and that it was trained on exactly the features the caller computes (same names, same
// order), then precompute the flat forest and reason lookups once.
import { CompiledForest, compileForest } from './compiled-forest';
import { Calibration } from './isotonic-calibration';
import { ModelArtifact, modelVersion } from './model-artifact';
import { FeatureMismatchError, ModelError } from './model-errors';
import { CompiledReasons, compileReasons } from './reason-codes';
import { ScoreScale } from './score-scale';
import { validateModelArtifact } from './validate-artifact';

export interface LoadedModel {
  readonly version: string;
  readonly featureSetVersion: string;
  readonly featureNames: readonly string[];
  readonly forest: CompiledForest;
  readonly calibration: Calibration;
  readonly scoreScale: ScoreScale;
  readonly reasons: CompiledReasons;
  readonly artifact: ModelArtifact;
  /** Per-feature contribution buffer reused by every score (scoring is synchronous). */
  readonly contributions: Float64Array;
}

export interface LoadModelOptions {
  /** Refuse a model built from another feature code version. */
  readonly featureSetVersion?: string;
  /** Recompute the content hash and refuse a mismatch (default true; costs ~ one JSON pass). */
  readonly verifyVersion?: boolean;
}

/**
 * Parses (if given a string), validates and compiles a model artifact.
 * @param json - the artifact's JSON text, or the already parsed document.
 * @param expectedFeatureNames - the feature vector layout the caller will pass to score().
 * @throws ModelError for a malformed or tampered artifact, FeatureMismatchError for other features.
 */
export function loadModel(
  json: unknown,
  expectedFeatureNames: readonly string[],
  options: LoadModelOptions = {},
): LoadedModel {
  let parsed: unknown = json;
  if (typeof json === 'string') {
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw new ModelError(`model artifact is not valid JSON: ${(err as Error).message}`);
    }
  }
  const artifact = validateModelArtifact(parsed);
  if (options.verifyVersion !== false) {
    const actual = modelVersion(artifact);
    if (actual !== artifact.version) {
      throw new ModelError(
        `model artifact claims version ${artifact.version} but its content hashes to ${actual}`,
      );
    }
  }
  if (options.featureSetVersion !== undefined && options.featureSetVersion !== artifact.featureSetVersion) {
    throw new FeatureMismatchError(
      `model ${artifact.version} was trained on feature set ${artifact.featureSetVersion}, ` +
        `the caller computes feature set ${options.featureSetVersion}`,
      [],
      [],
    );
  }
  checkFeatureNames(artifact, expectedFeatureNames);
  return compileModel(artifact);
}

/** Compiles an artifact that is already trusted (e.g. just trained); loadModel for anything read. */
export function compileModel(artifact: ModelArtifact): LoadedModel {
  const featureCount = artifact.featureNames.length;
  return {
    version: artifact.version,
    featureSetVersion: artifact.featureSetVersion,
    featureNames: artifact.featureNames,
    forest: compileForest(artifact.forest.trees, featureCount),
    calibration: artifact.calibration,
    scoreScale: artifact.scoreScale,
    reasons: compileReasons(artifact.featureNames, artifact.reasons.table, artifact.reasons.fallback),
    artifact,
    contributions: new Float64Array(featureCount),
  };
}

/** Throws a FeatureMismatchError naming the features that differ (or the first position out of order). */
export function checkFeatureNames(artifact: ModelArtifact, expected: readonly string[]): void {
  const model = artifact.featureNames;
  if (model.length === expected.length && model.every((name, i) => name === expected[i])) return;
  const modelSet = new Set(model);
  const expectedSet = new Set(expected);
  const missingFromCaller = model.filter((name) => !expectedSet.has(name));
  const unknownToModel = expected.filter((name) => !modelSet.has(name));
  const head = `model ${artifact.version} (feature set ${artifact.featureSetVersion}) does not match the caller's features:`;
  if (missingFromCaller.length > 0 || unknownToModel.length > 0) {
    const parts: string[] = [];
    if (missingFromCaller.length > 0) parts.push(`missing from the caller: ${missingFromCaller.join(', ')}`);
    if (unknownToModel.length > 0) parts.push(`unknown to the model: ${unknownToModel.join(', ')}`);
    throw new FeatureMismatchError(`${head} ${parts.join('; ')}`, missingFromCaller, unknownToModel);
  }
  if (model.length !== expected.length) {
    throw new FeatureMismatchError(
      `${head} the caller lists ${expected.length} features (some repeated), the model ${model.length}`,
      [],
      [],
    );
  }
  const i = model.findIndex((name, k) => name !== expected[k]);
  throw new FeatureMismatchError(
    `${head} same features in another order; first difference at position ${i}: ` +
      `model has ${model[i]}, caller has ${expected[i]}`,
    [],
    [],
  );
}
