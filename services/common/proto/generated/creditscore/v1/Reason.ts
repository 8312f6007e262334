// Original file: proto/creditscore/v1/scoring.proto

/**
 * A principal adverse reason: a stable code and a text a shopper can read.
 */
export interface Reason {
  code?: string;
  text?: string;
}

/**
 * A principal adverse reason: a stable code and a text a shopper can read.
 */
export interface Reason__Output {
  code: string;
  text: string;
}
