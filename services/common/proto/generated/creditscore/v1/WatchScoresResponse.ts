// Original file: proto/creditscore/v1/scoring.proto

import type {
  Score as _creditscore_v1_Score,
  Score__Output as _creditscore_v1_Score__Output,
} from '../../creditscore/v1/Score';

export interface WatchScoresResponse {
  score?: _creditscore_v1_Score | null;
}

export interface WatchScoresResponse__Output {
  score: _creditscore_v1_Score__Output | null;
}
