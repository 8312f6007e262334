#!/usr/bin/env bash
# `npm run proto:gen`: TypeScript types of the gRPC contract into services/common/proto/generated/
# (committed, so a clean clone builds without this step; re-run after editing a .proto). The
# options must match PROTO_LOADER_OPTIONS in services/common/proto/contract.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=services/common/proto/generated
rm -rf "$out"
npx proto-loader-gen-types --longs=Number --enums=String --defaults --oneofs --includeComments \
  --grpcLib=@grpc/grpc-js -I proto -O "$out" creditscore/v1/scoring.proto
# Generated code is not ours to lint (it uses `any` in a helper type).
sed -i '1i /* eslint-disable @typescript-eslint/no-explicit-any */' "$out/scoring.ts"
npx prettier --log-level warn --write "$out"
