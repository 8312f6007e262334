// Original file: proto/creditscore/v1/scoring.proto

import type {
  Reason as _creditscore_v1_Reason,
  Reason__Output as _creditscore_v1_Reason__Output,
} from '../../creditscore/v1/Reason';
import type { Long } from '@grpc/proto-loader';

export interface Score {
  userId?: string;
  /**
   * Scorecard points (default scale: 300-850, 600 points at odds 50:1, 20 points to double the odds).
   */
  points?: number;
  /**
   * Calibrated probability of default, 0..1.
   */
  probabilityOfDefault?: number | string;
  /**
   * Up to four, strongest first. Empty when nothing in the profile counts against the shopper.
   */
  reasons?: _creditscore_v1_Reason[];
  /**
   * Content hash of the model that computed the score.
   */
  modelVersion?: string;
  /**
   * Version of the feature state scored (grows with every applied purchase event of the shopper).
   */
  featureVersion?: number | string | Long;
  /**
   * The event time the features were computed as of (the shopper's latest event), epoch ms UTC.
   */
  asOfMs?: number | string | Long;
  /**
   * Kafka timestamp of the batch of purchase events that produced this state, epoch ms.
   */
  updatedAtMs?: number | string | Long;
}

export interface Score__Output {
  userId: string;
  /**
   * Scorecard points (default scale: 300-850, 600 points at odds 50:1, 20 points to double the odds).
   */
  points: number;
  /**
   * Calibrated probability of default, 0..1.
   */
  probabilityOfDefault: number;
  /**
   * Up to four, strongest first. Empty when nothing in the profile counts against the shopper.
   */
  reasons: _creditscore_v1_Reason__Output[];
  /**
   * Content hash of the model that computed the score.
   */
  modelVersion: string;
  /**
   * Version of the feature state scored (grows with every applied purchase event of the shopper).
   */
  featureVersion: number;
  /**
   * The event time the features were computed as of (the shopper's latest event), epoch ms UTC.
   */
  asOfMs: number;
  /**
   * Kafka timestamp of the batch of purchase events that produced this state, epoch ms.
   */
  updatedAtMs: number;
}
