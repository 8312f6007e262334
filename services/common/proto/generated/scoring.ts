/* eslint-disable @typescript-eslint/no-explicit-any */
import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  BatchGetScoresRequest as _creditscore_v1_BatchGetScoresRequest,
  BatchGetScoresRequest__Output as _creditscore_v1_BatchGetScoresRequest__Output,
} from './creditscore/v1/BatchGetScoresRequest';
import type {
  BatchGetScoresResponse as _creditscore_v1_BatchGetScoresResponse,
  BatchGetScoresResponse__Output as _creditscore_v1_BatchGetScoresResponse__Output,
} from './creditscore/v1/BatchGetScoresResponse';
import type {
  CreditScoreServiceClient as _creditscore_v1_CreditScoreServiceClient,
  CreditScoreServiceDefinition as _creditscore_v1_CreditScoreServiceDefinition,
} from './creditscore/v1/CreditScoreService';
import type {
  DecideRequest as _creditscore_v1_DecideRequest,
  DecideRequest__Output as _creditscore_v1_DecideRequest__Output,
} from './creditscore/v1/DecideRequest';
import type {
  DecideResponse as _creditscore_v1_DecideResponse,
  DecideResponse__Output as _creditscore_v1_DecideResponse__Output,
} from './creditscore/v1/DecideResponse';
import type {
  GetScoreRequest as _creditscore_v1_GetScoreRequest,
  GetScoreRequest__Output as _creditscore_v1_GetScoreRequest__Output,
} from './creditscore/v1/GetScoreRequest';
import type {
  GetScoreResponse as _creditscore_v1_GetScoreResponse,
  GetScoreResponse__Output as _creditscore_v1_GetScoreResponse__Output,
} from './creditscore/v1/GetScoreResponse';
import type {
  Reason as _creditscore_v1_Reason,
  Reason__Output as _creditscore_v1_Reason__Output,
} from './creditscore/v1/Reason';
import type {
  Score as _creditscore_v1_Score,
  Score__Output as _creditscore_v1_Score__Output,
} from './creditscore/v1/Score';
import type {
  WatchScoresRequest as _creditscore_v1_WatchScoresRequest,
  WatchScoresRequest__Output as _creditscore_v1_WatchScoresRequest__Output,
} from './creditscore/v1/WatchScoresRequest';
import type {
  WatchScoresResponse as _creditscore_v1_WatchScoresResponse,
  WatchScoresResponse__Output as _creditscore_v1_WatchScoresResponse__Output,
} from './creditscore/v1/WatchScoresResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  creditscore: {
    v1: {
      BatchGetScoresRequest: MessageTypeDefinition<
        _creditscore_v1_BatchGetScoresRequest,
        _creditscore_v1_BatchGetScoresRequest__Output
      >;
      BatchGetScoresResponse: MessageTypeDefinition<
        _creditscore_v1_BatchGetScoresResponse,
        _creditscore_v1_BatchGetScoresResponse__Output
      >;
      CreditScoreService: SubtypeConstructor<typeof grpc.Client, _creditscore_v1_CreditScoreServiceClient> & {
        service: _creditscore_v1_CreditScoreServiceDefinition;
      };
      DecideRequest: MessageTypeDefinition<
        _creditscore_v1_DecideRequest,
        _creditscore_v1_DecideRequest__Output
      >;
      DecideResponse: MessageTypeDefinition<
        _creditscore_v1_DecideResponse,
        _creditscore_v1_DecideResponse__Output
      >;
      GetScoreRequest: MessageTypeDefinition<
        _creditscore_v1_GetScoreRequest,
        _creditscore_v1_GetScoreRequest__Output
      >;
      GetScoreResponse: MessageTypeDefinition<
        _creditscore_v1_GetScoreResponse,
        _creditscore_v1_GetScoreResponse__Output
      >;
      Outcome: EnumTypeDefinition;
      Reason: MessageTypeDefinition<_creditscore_v1_Reason, _creditscore_v1_Reason__Output>;
      Score: MessageTypeDefinition<_creditscore_v1_Score, _creditscore_v1_Score__Output>;
      WatchScoresRequest: MessageTypeDefinition<
        _creditscore_v1_WatchScoresRequest,
        _creditscore_v1_WatchScoresRequest__Output
      >;
      WatchScoresResponse: MessageTypeDefinition<
        _creditscore_v1_WatchScoresResponse,
        _creditscore_v1_WatchScoresResponse__Output
      >;
    };
  };
}
