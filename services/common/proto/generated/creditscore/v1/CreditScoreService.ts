// Original file: proto/creditscore/v1/scoring.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  BatchGetScoresRequest as _creditscore_v1_BatchGetScoresRequest,
  BatchGetScoresRequest__Output as _creditscore_v1_BatchGetScoresRequest__Output,
} from '../../creditscore/v1/BatchGetScoresRequest';
import type {
  BatchGetScoresResponse as _creditscore_v1_BatchGetScoresResponse,
  BatchGetScoresResponse__Output as _creditscore_v1_BatchGetScoresResponse__Output,
} from '../../creditscore/v1/BatchGetScoresResponse';
import type {
  DecideRequest as _creditscore_v1_DecideRequest,
  DecideRequest__Output as _creditscore_v1_DecideRequest__Output,
} from '../../creditscore/v1/DecideRequest';
import type {
  DecideResponse as _creditscore_v1_DecideResponse,
  DecideResponse__Output as _creditscore_v1_DecideResponse__Output,
} from '../../creditscore/v1/DecideResponse';
import type {
  GetScoreRequest as _creditscore_v1_GetScoreRequest,
  GetScoreRequest__Output as _creditscore_v1_GetScoreRequest__Output,
} from '../../creditscore/v1/GetScoreRequest';
import type {
  GetScoreResponse as _creditscore_v1_GetScoreResponse,
  GetScoreResponse__Output as _creditscore_v1_GetScoreResponse__Output,
} from '../../creditscore/v1/GetScoreResponse';
import type {
  WatchScoresRequest as _creditscore_v1_WatchScoresRequest,
  WatchScoresRequest__Output as _creditscore_v1_WatchScoresRequest__Output,
} from '../../creditscore/v1/WatchScoresRequest';
import type {
  WatchScoresResponse as _creditscore_v1_WatchScoresResponse,
  WatchScoresResponse__Output as _creditscore_v1_WatchScoresResponse__Output,
} from '../../creditscore/v1/WatchScoresResponse';

export interface CreditScoreServiceClient extends grpc.Client {
  /**
   * The latest scores of up to 1,000 shoppers; unknown ones are listed in not_found_user_ids.
   * More than 1,000 ids is INVALID_ARGUMENT.
   */
  BatchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  BatchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  BatchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  BatchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  /**
   * The latest scores of up to 1,000 shoppers; unknown ones are listed in not_found_user_ids.
   * More than 1,000 ids is INVALID_ARGUMENT.
   */
  batchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  batchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  batchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;
  batchGetScores(
    argument: _creditscore_v1_BatchGetScoresRequest,
    callback: grpc.requestCallback<_creditscore_v1_BatchGetScoresResponse__Output>,
  ): grpc.ClientUnaryCall;

  /**
   * Checkout approval. Idempotent by order_id: the same order gets the same decision (and the same
   * decision_id); the same order_id with other parameters is ALREADY_EXISTS. A shopper with no
   * history gets the thin-file policy. Every new decision is appended to the audit topic.
   */
  Decide(
    argument: _creditscore_v1_DecideRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  Decide(
    argument: _creditscore_v1_DecideRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  Decide(
    argument: _creditscore_v1_DecideRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  Decide(
    argument: _creditscore_v1_DecideRequest,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  /**
   * Checkout approval. Idempotent by order_id: the same order gets the same decision (and the same
   * decision_id); the same order_id with other parameters is ALREADY_EXISTS. A shopper with no
   * history gets the thin-file policy. Every new decision is appended to the audit topic.
   */
  decide(
    argument: _creditscore_v1_DecideRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  decide(
    argument: _creditscore_v1_DecideRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  decide(
    argument: _creditscore_v1_DecideRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;
  decide(
    argument: _creditscore_v1_DecideRequest,
    callback: grpc.requestCallback<_creditscore_v1_DecideResponse__Output>,
  ): grpc.ClientUnaryCall;

  /**
   * The latest score of one shopper. NOT_FOUND when the shopper has never been scored.
   */
  GetScore(
    argument: _creditscore_v1_GetScoreRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetScore(
    argument: _creditscore_v1_GetScoreRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetScore(
    argument: _creditscore_v1_GetScoreRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  GetScore(
    argument: _creditscore_v1_GetScoreRequest,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  /**
   * The latest score of one shopper. NOT_FOUND when the shopper has never been scored.
   */
  getScore(
    argument: _creditscore_v1_GetScoreRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  getScore(
    argument: _creditscore_v1_GetScoreRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  getScore(
    argument: _creditscore_v1_GetScoreRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;
  getScore(
    argument: _creditscore_v1_GetScoreRequest,
    callback: grpc.requestCallback<_creditscore_v1_GetScoreResponse__Output>,
  ): grpc.ClientUnaryCall;

  /**
   * Score updates as they are written, for every shopper or the given ones (up to 1,000). Starts
   * from "now": fetch the current scores with BatchGetScores first if you need them.
   */
  WatchScores(
    argument: _creditscore_v1_WatchScoresRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_creditscore_v1_WatchScoresResponse__Output>;
  WatchScores(
    argument: _creditscore_v1_WatchScoresRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_creditscore_v1_WatchScoresResponse__Output>;
  /**
   * Score updates as they are written, for every shopper or the given ones (up to 1,000). Starts
   * from "now": fetch the current scores with BatchGetScores first if you need them.
   */
  watchScores(
    argument: _creditscore_v1_WatchScoresRequest,
    metadata: grpc.Metadata,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_creditscore_v1_WatchScoresResponse__Output>;
  watchScores(
    argument: _creditscore_v1_WatchScoresRequest,
    options?: grpc.CallOptions,
  ): grpc.ClientReadableStream<_creditscore_v1_WatchScoresResponse__Output>;
}

export interface CreditScoreServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The latest scores of up to 1,000 shoppers; unknown ones are listed in not_found_user_ids.
   * More than 1,000 ids is INVALID_ARGUMENT.
   */
  BatchGetScores: grpc.handleUnaryCall<
    _creditscore_v1_BatchGetScoresRequest__Output,
    _creditscore_v1_BatchGetScoresResponse
  >;

  /**
   * Checkout approval. Idempotent by order_id: the same order gets the same decision (and the same
   * decision_id); the same order_id with other parameters is ALREADY_EXISTS. A shopper with no
   * history gets the thin-file policy. Every new decision is appended to the audit topic.
   */
  Decide: grpc.handleUnaryCall<_creditscore_v1_DecideRequest__Output, _creditscore_v1_DecideResponse>;

  /**
   * The latest score of one shopper. NOT_FOUND when the shopper has never been scored.
   */
  GetScore: grpc.handleUnaryCall<_creditscore_v1_GetScoreRequest__Output, _creditscore_v1_GetScoreResponse>;

  /**
   * Score updates as they are written, for every shopper or the given ones (up to 1,000). Starts
   * from "now": fetch the current scores with BatchGetScores first if you need them.
   */
  WatchScores: grpc.handleServerStreamingCall<
    _creditscore_v1_WatchScoresRequest__Output,
    _creditscore_v1_WatchScoresResponse
  >;
}

export interface CreditScoreServiceDefinition extends grpc.ServiceDefinition {
  BatchGetScores: MethodDefinition<
    _creditscore_v1_BatchGetScoresRequest,
    _creditscore_v1_BatchGetScoresResponse,
    _creditscore_v1_BatchGetScoresRequest__Output,
    _creditscore_v1_BatchGetScoresResponse__Output
  >;
  Decide: MethodDefinition<
    _creditscore_v1_DecideRequest,
    _creditscore_v1_DecideResponse,
    _creditscore_v1_DecideRequest__Output,
    _creditscore_v1_DecideResponse__Output
  >;
  GetScore: MethodDefinition<
    _creditscore_v1_GetScoreRequest,
    _creditscore_v1_GetScoreResponse,
    _creditscore_v1_GetScoreRequest__Output,
    _creditscore_v1_GetScoreResponse__Output
  >;
  WatchScores: MethodDefinition<
    _creditscore_v1_WatchScoresRequest,
    _creditscore_v1_WatchScoresResponse,
    _creditscore_v1_WatchScoresRequest__Output,
    _creditscore_v1_WatchScoresResponse__Output
  >;
}
