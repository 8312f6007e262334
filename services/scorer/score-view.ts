// A stored score record as the outside world sees it: on the scores topic and over gRPC. Reason
// texts are looked up by code (the record stores codes only).
import type { Score } from '../common/proto/generated/creditscore/v1/Score';
import type { ScoreRecord } from './score-record';
import type { ScoreUpdated } from './scorer-events';

export type ReasonText = (code: string) => string;

export function toScoreUpdated(
  userId: string,
  r: ScoreRecord,
  text: ReasonText,
  scoredAt: number,
): ScoreUpdated {
  return {
    userId,
    points: r.points,
    probabilityOfDefault: r.probabilityOfDefault,
    reasons: r.reasonCodes.map((code) => ({ code, text: text(code) })),
    modelVersion: r.modelVersion,
    modelEpoch: r.modelEpochMs,
    featureVersion: r.featureVersion,
    sourcePartition: r.partition,
    asOf: r.asOfMs,
    updatedAt: r.updatedAtMs,
    scoredAt,
  };
}

export function scoreMessage(userId: string, r: ScoreRecord, text: ReasonText): Score {
  return {
    userId,
    points: r.points,
    probabilityOfDefault: r.probabilityOfDefault,
    reasons: r.reasonCodes.map((code) => ({ code, text: text(code) })),
    modelVersion: r.modelVersion,
    featureVersion: r.featureVersion,
    asOfMs: r.asOfMs,
    updatedAtMs: r.updatedAtMs,
  };
}

export function scoreMessageFromEvent(e: ScoreUpdated): Score {
  return {
    userId: e.userId,
    points: e.points,
    probabilityOfDefault: e.probabilityOfDefault,
    reasons: e.reasons,
    modelVersion: e.modelVersion,
    featureVersion: e.featureVersion,
    asOfMs: e.asOf,
    updatedAtMs: e.updatedAt,
  };
}
