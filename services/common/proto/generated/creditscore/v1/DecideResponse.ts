// Original file: proto/creditscore/v1/scoring.proto

import type {
  Outcome as _creditscore_v1_Outcome,
  Outcome__Output as _creditscore_v1_Outcome__Output,
} from '../../creditscore/v1/Outcome';
import type {
  Reason as _creditscore_v1_Reason,
  Reason__Output as _creditscore_v1_Reason__Output,
} from '../../creditscore/v1/Reason';
import type {
  Score as _creditscore_v1_Score,
  Score__Output as _creditscore_v1_Score__Output,
} from '../../creditscore/v1/Score';
import type { Long } from '@grpc/proto-loader';

export interface DecideResponse {
  decisionId?: string;
  outcome?: _creditscore_v1_Outcome;
  /**
   * The amount approved (the order amount when approved, else 0).
   */
  approvedAmountMinor?: number | string | Long;
  /**
   * The shopper's credit limit under the policy, in the order's currency.
   */
  creditLimitMinor?: number | string | Long;
  currency?: string;
  /**
   * Why: the score's adverse reasons, or policy reasons (e.g. THIN_FILE, OVER_LIMIT).
   */
  reasons?: _creditscore_v1_Reason[];
  /**
   * The score the decision used; absent for a thin file.
   */
  score?: _creditscore_v1_Score | null;
  /**
   * True when the shopper had no score and the thin-file policy decided.
   */
  thinFile?: boolean;
  /**
   * Hash of the decision policy in force.
   */
  policyVersion?: string;
  decidedAtMs?: number | string | Long;
  /**
   * Longest instalment term the policy allows this shopper.
   */
  maxInstalments?: number;
}

export interface DecideResponse__Output {
  decisionId: string;
  outcome: _creditscore_v1_Outcome__Output;
  /**
   * The amount approved (the order amount when approved, else 0).
   */
  approvedAmountMinor: number;
  /**
   * The shopper's credit limit under the policy, in the order's currency.
   */
  creditLimitMinor: number;
  currency: string;
  /**
   * Why: the score's adverse reasons, or policy reasons (e.g. THIN_FILE, OVER_LIMIT).
   */
  reasons: _creditscore_v1_Reason__Output[];
  /**
   * The score the decision used; absent for a thin file.
   */
  score: _creditscore_v1_Score__Output | null;
  /**
   * True when the shopper had no score and the thin-file policy decided.
   */
  thinFile: boolean;
  /**
   * Hash of the decision policy in force.
   */
  policyVersion: string;
  decidedAtMs: number;
  /**
   * Longest instalment term the policy allows this shopper.
   */
  maxInstalments: number;
}
