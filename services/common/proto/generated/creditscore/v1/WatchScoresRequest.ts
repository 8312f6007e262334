// Original file: proto/creditscore/v1/scoring.proto

export interface WatchScoresRequest {
  /**
   * Empty: every shopper. Otherwise only these (at most 1,000).
   */
  userIds?: string[];
}

export interface WatchScoresRequest__Output {
  /**
   * Empty: every shopper. Otherwise only these (at most 1,000).
   */
  userIds: string[];
}
