// Original file: proto/creditscore/v1/scoring.proto

import type { Long } from '@grpc/proto-loader';

export interface DecideRequest {
  userId?: string;
  /**
   * The checkout's order id: the idempotency key.
   */
  orderId?: string;
  /**
   * Order amount in minor units of currency (fen for CNY, cents for USD), > 0.
   */
  amountMinor?: number | string | Long;
  /**
   * ISO 4217 code; the policy lists the currencies it has limits for.
   */
  currency?: string;
  merchantId?: string;
  /**
   * Number of instalments asked for: 1 = pay in full later.
   */
  instalments?: number;
}

export interface DecideRequest__Output {
  userId: string;
  /**
   * The checkout's order id: the idempotency key.
   */
  orderId: string;
  /**
   * Order amount in minor units of currency (fen for CNY, cents for USD), > 0.
   */
  amountMinor: number;
  /**
   * ISO 4217 code; the policy lists the currencies it has limits for.
   */
  currency: string;
  merchantId: string;
  /**
   * Number of instalments asked for: 1 = pay in full later.
   */
  instalments: number;
}
