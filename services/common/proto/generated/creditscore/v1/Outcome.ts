// Original file: proto/creditscore/v1/scoring.proto

export const Outcome = {
  OUTCOME_UNSPECIFIED: 'OUTCOME_UNSPECIFIED',
  OUTCOME_APPROVE: 'OUTCOME_APPROVE',
  OUTCOME_DECLINE: 'OUTCOME_DECLINE',
  /**
   * Not automatically approved: manual review, or a smaller amount within credit_limit_minor.
   */
  OUTCOME_REFER: 'OUTCOME_REFER',
} as const;

export type Outcome =
  | 'OUTCOME_UNSPECIFIED'
  | 0
  | 'OUTCOME_APPROVE'
  | 1
  | 'OUTCOME_DECLINE'
  | 2
  /**
   * Not automatically approved: manual review, or a smaller amount within credit_limit_minor.
   */
  | 'OUTCOME_REFER'
  | 3;

export type Outcome__Output = (typeof Outcome)[keyof typeof Outcome];
