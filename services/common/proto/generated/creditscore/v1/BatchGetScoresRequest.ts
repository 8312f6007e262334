// Original file: proto/creditscore/v1/scoring.proto

export interface BatchGetScoresRequest {
  userIds?: string[];
}

export interface BatchGetScoresRequest__Output {
  userIds: string[];
}
