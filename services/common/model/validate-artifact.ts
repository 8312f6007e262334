// Structural validation of a model artifact read from outside (a file, a message). Every rule the
// scorer relies on is checked here once at load, so the hot path can trust indices and ranges:
// trees are proper binary trees in preorder (children after their parent, each node reached once),
// feature indices fit the feature list, probabilities are in [0, 1], calibration knots are ordered.
// Errors name the offending field by its JSON path.
import { CompactTree, LEAF } from './compact-tree';
import { Calibration } from './isotonic-calibration';
import { MODEL_FORMAT, ModelArtifact } from './model-artifact';
import { ModelError } from './model-errors';
import { ReasonEntry } from './reason-codes';
import { ScoreScale, validateScoreScale } from './score-scale';

type Json = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new ModelError(`invalid model artifact: ${path} ${problem}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Json;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'must be a non-empty string');
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
  return value;
}

function numberArray(value: unknown, path: string): number[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  for (let i = 0; i < value.length; i++) finite(value[i], `${path}[${i}]`);
  return value as number[];
}

function probability(value: number, path: string): void {
  if (!(value >= 0 && value <= 1)) fail(path, `must be a probability in [0, 1], got ${value}`);
}

function validateTree(value: unknown, path: string, featureCount: number): CompactTree {
  const tree = object(value, path);
  const fields = ['feature', 'threshold', 'left', 'right', 'value', 'cover'] as const;
  const arrays = fields.map((f) => numberArray(tree[f], `${path}.${f}`));
  const n = arrays[0].length;
  if (n === 0) fail(`${path}.feature`, 'must have at least one node');
  fields.forEach((f, i) => {
    if (arrays[i].length !== n) fail(`${path}.${f}`, `has ${arrays[i].length} entries, expected ${n}`);
  });
  const [feature, , left, right, nodeValue, cover] = arrays;
  const parents = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const at = `${path}[node ${i}]`;
    probability(nodeValue[i], `${at}.value`);
    if (!(cover[i] >= 0)) fail(`${at}.cover`, 'must be >= 0');
    if (feature[i] === LEAF) {
      if (left[i] !== LEAF || right[i] !== LEAF) fail(at, 'is a leaf but has children');
      continue;
    }
    if (!Number.isInteger(feature[i]) || feature[i] < 0 || feature[i] >= featureCount) {
      fail(`${at}.feature`, `must be ${LEAF} or a feature index below ${featureCount}, got ${feature[i]}`);
    }
    for (const child of [left[i], right[i]]) {
      // Children after the parent (preorder) rules out cycles; one parent each rules out sharing.
      if (!Number.isInteger(child) || child <= i || child >= n)
        fail(at, `has an invalid child index ${child}`);
      if (++parents[child] > 1) fail(at, `shares child ${child} with another node`);
    }
  }
  for (let i = 1; i < n; i++)
    if (parents[i] !== 1) fail(`${path}[node ${i}]`, 'is not reachable from the root');
  return tree as unknown as CompactTree;
}

function validateCalibration(value: unknown, path: string): Calibration {
  const calibration = object(value, path);
  if (calibration.method === 'identity') return calibration as unknown as Calibration;
  if (calibration.method !== 'isotonic') fail(`${path}.method`, 'must be "isotonic" or "identity"');
  const x = numberArray(calibration.x, `${path}.x`);
  const y = numberArray(calibration.y, `${path}.y`);
  if (x.length === 0 || x.length !== y.length) fail(path, 'needs as many x as y knots, at least one');
  for (let i = 0; i < x.length; i++) {
    probability(y[i], `${path}.y[${i}]`);
    if (i > 0 && !(x[i] > x[i - 1])) fail(`${path}.x[${i}]`, 'must be strictly increasing');
    if (i > 0 && !(y[i] >= y[i - 1])) fail(`${path}.y[${i}]`, 'must be non-decreasing');
  }
  return calibration as unknown as Calibration;
}

function validateReason(value: unknown, path: string): ReasonEntry {
  const entry = object(value, path);
  string(entry.code, `${path}.code`);
  string(entry.text, `${path}.text`);
  return entry as unknown as ReasonEntry;
}

/** Returns the value typed as a ModelArtifact, or throws a ModelError naming the first problem. */
export function validateModelArtifact(value: unknown): ModelArtifact {
  const artifact = object(value, '$');
  if (artifact.format !== MODEL_FORMAT)
    fail('$.format', `must be "${MODEL_FORMAT}", got ${JSON.stringify(artifact.format)}`);
  if (typeof artifact.version !== 'string' || !/^[0-9a-f]{16}$/.test(artifact.version)) {
    fail('$.version', 'must be 16 lowercase hex digits');
  }
  string(artifact.featureSetVersion, '$.featureSetVersion');

  if (!Array.isArray(artifact.featureNames) || artifact.featureNames.length === 0) {
    fail('$.featureNames', 'must be a non-empty array');
  }
  const names = artifact.featureNames as unknown[];
  names.forEach((name, i) => string(name, `$.featureNames[${i}]`));
  if (new Set(names).size !== names.length) fail('$.featureNames', 'must not repeat a name');

  const forest = object(artifact.forest, '$.forest');
  if (!Array.isArray(forest.trees) || forest.trees.length === 0)
    fail('$.forest.trees', 'must be a non-empty array');
  forest.trees.forEach((tree, t) => validateTree(tree, `$.forest.trees[${t}]`, names.length));

  validateCalibration(artifact.calibration, '$.calibration');

  const scale = object(artifact.scoreScale, '$.scoreScale');
  try {
    validateScoreScale(scale as unknown as ScoreScale);
  } catch (err) {
    fail('$.scoreScale', (err as Error).message);
  }

  const reasons = object(artifact.reasons, '$.reasons');
  const table = object(reasons.table, '$.reasons.table');
  for (const [feature, entry] of Object.entries(table)) validateReason(entry, `$.reasons.table.${feature}`);
  validateReason(reasons.fallback, '$.reasons.fallback');

  const training = object(artifact.training, '$.training');
  for (const field of ['rows', 'calibrationRows', 'durationMs'] as const) {
    if (!(finite(training[field], `$.training.${field}`) >= 0)) fail(`$.training.${field}`, 'must be >= 0');
  }
  if (!Number.isSafeInteger(training.seed)) fail('$.training.seed', 'must be an integer');
  object(training.options, '$.training.options');
  string(training.trainedAt, '$.training.trainedAt');

  object(artifact.metrics, '$.metrics');
  return artifact as unknown as ModelArtifact;
}
