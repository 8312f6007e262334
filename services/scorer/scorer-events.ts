// The scorer's own event families (schemas/score-updated.v*.avsc, schemas/decision.v*.avsc):
// in-memory shapes and codecs. Kept beside the scorer, their only producer.
import { defaultSchemaRegistry, type EventCodec } from '../common/avro/schema-registry';

export interface ReasonEvent {
  code: string;
  text: string;
}

export interface ScoreUpdated {
  userId: string;
  points: number;
  probabilityOfDefault: number;
  reasons: ReasonEvent[];
  modelVersion: string;
  modelEpoch: number;
  featureVersion: number;
  sourcePartition: number;
  asOf: number;
  updatedAt: number;
  scoredAt: number;
}

export type DecisionOutcome = 'APPROVE' | 'DECLINE' | 'REFER';

export interface DecisionEvent {
  decisionId: string;
  orderId: string;
  userId: string;
  merchantId: string;
  amountMinor: number;
  currency: string;
  instalments: number;
  outcome: DecisionOutcome;
  approvedAmountMinor: number;
  creditLimitMinor: number;
  maxInstalments: number;
  reasons: ReasonEvent[];
  thinFile: boolean;
  points: number | null;
  probabilityOfDefault: number | null;
  modelVersion: string | null;
  featureVersion: number | null;
  policyVersion: string;
  apiKeyId: string;
  decidedAt: number;
}

export const SCORE_UPDATED_FAMILY = 'score-updated';
export const DECISION_FAMILY = 'decision';

export function scoreUpdatedCodec(): EventCodec<ScoreUpdated> {
  return defaultSchemaRegistry().codecFor<ScoreUpdated>(SCORE_UPDATED_FAMILY);
}

export function decisionCodec(): EventCodec<DecisionEvent> {
  return defaultSchemaRegistry().codecFor<DecisionEvent>(DECISION_FAMILY);
}
