// The gRPC contract (proto/creditscore/v1/scoring.proto) loaded at run time, with the very options
// the TypeScript types in ./generated were produced with (npm run proto:gen): 64-bit integers as
// numbers (every int64 in the contract is an amount, offset or epoch ms below 2^53), enums as
// their names, defaults filled in. Shared by the scorer (server) and services/client.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { projectPath } from '../paths';
import type { ProtoGrpcType } from './generated/scoring';

export const PROTO_ROOT = projectPath('proto');
export const SCORING_PROTO = 'creditscore/v1/scoring.proto';
export const SCORING_SERVICE = 'creditscore.v1.CreditScoreService';

export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let cached: { definition: protoLoader.PackageDefinition; grpcObject: ProtoGrpcType } | undefined;

export function loadScoringContract(): {
  definition: protoLoader.PackageDefinition;
  grpcObject: ProtoGrpcType;
} {
  if (!cached) {
    const definition = protoLoader.loadSync(SCORING_PROTO, PROTO_LOADER_OPTIONS);
    cached = { definition, grpcObject: grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType };
  }
  return cached;
}
