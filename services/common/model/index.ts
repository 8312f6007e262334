// The pure model core's public surface (no I/O; the fs registry is imported separately from
// ./model-registry so importing the core never touches the disk).
export { LEAF, nodeCount, treeDepth } from './compact-tree';
export type { CompactTree } from './compact-tree';
export { featureMatrixFromRows, matrixRow } from './feature-matrix';
export type { FeatureMatrix } from './feature-matrix';
export { compactTreeFromMlCart } from './from-ml-cart';
export type { MlCartNodeJson } from './from-ml-cart';
export { compileForest, predictRaw } from './compiled-forest';
export type { CompiledForest } from './compiled-forest';
export { pathContributions } from './path-contributions';
export { calibrate, fitIsotonicCalibration } from './isotonic-calibration';
export type {
  Calibration,
  IdentityCalibration,
  IsotonicCalibration,
  IsotonicFitOptions,
} from './isotonic-calibration';
export {
  DEFAULT_SCORE_SCALE,
  oddsFromPoints,
  pointsFromOdds,
  pointsFromProbability,
  probabilityFromPoints,
  scaleFactor,
  scaleOffset,
  validateScoreScale,
} from './score-scale';
export type { ScoreScale } from './score-scale';
export {
  FALLBACK_REASON,
  MAX_REASONS,
  MIN_REASON_CONTRIBUTION,
  adverseReasons,
  compileReasons,
} from './reason-codes';
export type { AdverseReason, CompiledReasons, ReasonEntry, ReasonTable } from './reason-codes';
export { canonicalJson } from './canonical-json';
export { MODEL_FORMAT, createModelArtifact, modelVersion, serializeModel } from './model-artifact';
export type { ModelArtifact, ModelArtifactContent, TrainingMetadata } from './model-artifact';
export { validateModelArtifact } from './validate-artifact';
export { checkFeatureNames, compileModel, loadModel } from './load-model';
export type { LoadModelOptions, LoadedModel } from './load-model';
export { score } from './score';
export type { ScoreResult } from './score';
export { FeatureMismatchError, ModelError } from './model-errors';
