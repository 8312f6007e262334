// Original file: proto/creditscore/v1/scoring.proto

import type {
  Score as _creditscore_v1_Score,
  Score__Output as _creditscore_v1_Score__Output,
} from '../../creditscore/v1/Score';

export interface BatchGetScoresResponse {
  /**
   * In the order of the request; duplicates are answered once.
   */
  scores?: _creditscore_v1_Score[];
  notFoundUserIds?: string[];
}

export interface BatchGetScoresResponse__Output {
  /**
   * In the order of the request; duplicates are answered once.
   */
  scores: _creditscore_v1_Score__Output[];
  notFoundUserIds: string[];
}
