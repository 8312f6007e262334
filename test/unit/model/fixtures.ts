// Small hand-checkable models shared by the model specs.
import { CompactTree, LEAF } from '../../../services/common/model/compact-tree';
import {
  ModelArtifact,
  ModelArtifactContent,
  createModelArtifact,
} from '../../../services/common/model/model-artifact';
import { DEFAULT_SCORE_SCALE } from '../../../services/common/model/score-scale';

/**
 *            node 0: f0 < 0.5        value 0.36 (= 0.6 * 0.2 + 0.4 * 0.6), cover 100
 *           /                \
 *   node 1: leaf 0.2     node 2: f1 < 1    value 0.6 (= 0.75 * 0.5 + 0.25 * 0.9), cover 40
 *   cover 60             /            \
 *               node 3: leaf 0.5   node 4: leaf 0.9
 *               cover 30           cover 10
 */
export const HAND_TREE: CompactTree = {
  feature: [0, LEAF, 1, LEAF, LEAF],
  threshold: [0.5, 0, 1, 0, 0],
  left: [1, LEAF, 3, LEAF, LEAF],
  right: [2, LEAF, 4, LEAF, LEAF],
  value: [0.36, 0.2, 0.6, 0.5, 0.9],
  cover: [100, 60, 40, 30, 10],
};

/** A stump on f2: value 0.1 left (f2 < 0), 0.3 right, equal covers. */
export const STUMP_F2: CompactTree = {
  feature: [2, LEAF, LEAF],
  threshold: [0, 0, 0],
  left: [1, LEAF, LEAF],
  right: [2, LEAF, LEAF],
  value: [0.2, 0.1, 0.3],
  cover: [50, 25, 25],
};

export const HAND_FEATURES = ['spend_30d', 'night_share_30d', 'returns_90d'];

export function handArtifactContent(overrides: Partial<ModelArtifactContent> = {}): ModelArtifactContent {
  return {
    featureSetVersion: 'features-v1',
    featureNames: HAND_FEATURES,
    forest: { trees: [HAND_TREE, STUMP_F2] },
    calibration: { method: 'identity' },
    scoreScale: DEFAULT_SCORE_SCALE,
    reasons: {
      table: {
        spend_30d: { code: 'RC01', text: 'Spending in the last 30 days is high' },
        night_share_30d: { code: 'RC02', text: 'Many purchases made late at night' },
      },
      fallback: { code: 'RC99', text: 'Other aspects of purchase history' },
    },
    training: {
      rows: 100,
      calibrationRows: 25,
      seed: 7,
      options: { trees: 2, maxDepth: 2 },
      durationMs: 12,
      trainedAt: '2025-01-02T03:04:05.000Z',
    },
    metrics: { auc: 0.75 },
    ...overrides,
  };
}

export function handArtifact(overrides: Partial<ModelArtifactContent> = {}): ModelArtifact {
  return createModelArtifact(handArtifactContent(overrides));
}
