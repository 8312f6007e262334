// Original file: proto/creditscore/v1/scoring.proto

export interface GetScoreRequest {
  userId?: string;
}

export interface GetScoreRequest__Output {
  userId: string;
}
