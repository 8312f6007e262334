// The model artifact: one JSON document with everything needed to score and to audit a score.
// Its version is a content hash (first 16 hex digits of the SHA-256 of the canonical JSON of the
// document without the version field), so the same model always has the same version, any change
// gives a new one, and a loader can check that the file is the model it claims to be.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { CompactTree } from './compact-tree';
import { Calibration } from './isotonic-calibration';
import { ReasonEntry, ReasonTable } from './reason-codes';
import { ScoreScale } from './score-scale';

/** Bumped only for incompatible changes of this layout. */
export const MODEL_FORMAT = 'creditscore.forest.v1';

export interface TrainingMetadata {
  /** Rows the trees were trained on. */
  readonly rows: number;
  /** Held-out rows the calibration was fitted on. */
  readonly calibrationRows: number;
  readonly seed: number;
  /** The forest options used (trees, depth, feature fraction, ...). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly durationMs: number;
  /** When training finished, ISO-8601, given by the caller (the core never reads the clock). */
  readonly trainedAt: string;
}

export interface ModelArtifact {
  readonly format: typeof MODEL_FORMAT;
  /** Content hash, see modelVersion. */
  readonly version: string;
  /** Version of the feature code that produced the training vectors. */
  readonly featureSetVersion: string;
  /** Feature names in vector order; trees index into this list. */
  readonly featureNames: readonly string[];
  readonly forest: { readonly trees: readonly CompactTree[] };
  readonly calibration: Calibration;
  readonly scoreScale: ScoreScale;
  readonly reasons: { readonly table: ReasonTable; readonly fallback: ReasonEntry };
  readonly training: TrainingMetadata;
  /** Evaluation results (AUC, KS, ...), opaque to the model core. */
  readonly metrics: Readonly<Record<string, unknown>>;
}

/** Everything but the fields the core derives. */
export type ModelArtifactContent = Omit<ModelArtifact, 'format' | 'version'>;

const VERSION_HEX_DIGITS = 16;

/** First 16 hex digits of SHA-256 over the canonical JSON of the artifact without `version`. */
export function modelVersion(artifact: ModelArtifactContent | ModelArtifact): string {
  const content: Record<string, unknown> = { ...artifact, format: MODEL_FORMAT };
  delete content.version;
  return createHash('sha256')
    .update(canonicalJson(content), 'utf8')
    .digest('hex')
    .slice(0, VERSION_HEX_DIGITS);
}

/** Stamps format and version on the content (validate it with validateModelArtifact first if untrusted). */
export function createModelArtifact(content: ModelArtifactContent): ModelArtifact {
  const artifact = { ...content, format: MODEL_FORMAT } as const;
  return { ...artifact, version: modelVersion(artifact) };
}

/** The artifact as one canonical JSON document (stable bytes for one model). */
export function serializeModel(artifact: ModelArtifact): string {
  return canonicalJson(artifact);
}
