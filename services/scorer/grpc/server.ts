// The gRPC server: creditscore.v1 plus the standard grpc.health.v1 service (Kubernetes probes,
// grpc_health_probe) and server reflection (grpcurl list/describe), on TLS when configured.
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import {
  loadScoringContract,
  PROTO_LOADER_OPTIONS,
  SCORING_PROTO,
  SCORING_SERVICE,
} from '../../common/proto/contract';
import type { CreditScoreServiceHandlers } from '../../common/proto/generated/creditscore/v1/CreditScoreService';
import { ConfigError } from '../../common/errors';

export interface TlsFiles {
  certFile?: string;
  keyFile?: string;
  clientCaFile?: string;
}

export interface RunningGrpcServer {
  port: number;
  setServing(serving: boolean): void;
  stop(graceMs?: number): Promise<void>;
}

export async function startGrpcServer(opts: {
  host: string;
  port: number;
  /** From serverCredentials(), read before anything else starts. */
  credentials: grpc.ServerCredentials;
  handlers: CreditScoreServiceHandlers;
}): Promise<RunningGrpcServer> {
  const { grpcObject } = loadScoringContract();
  const server = new grpc.Server({
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.max_receive_message_length': 4 * 1024 * 1024,
  });
  server.addService(grpcObject.creditscore.v1.CreditScoreService.service, opts.handlers);

  const health = new HealthImplementation({ '': 'SERVING', [SCORING_SERVICE]: 'SERVING' });
  health.addToServer(server);
  // Reflection describes the API and the health service (one definition holding both).
  const described = protoLoader.loadSync([SCORING_PROTO, healthProtoPath], PROTO_LOADER_OPTIONS);
  new ReflectionService(described).addToServer(server);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${opts.host}:${opts.port}`, opts.credentials, (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    setServing(serving) {
      const s = serving ? 'SERVING' : 'NOT_SERVING';
      health.setStatus('', s);
      health.setStatus(SCORING_SERVICE, s);
    },
    stop: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

/**
 * Plaintext, TLS (cert + key) or mutual TLS (+ client CA). Reads the files at once, so a missing or
 * unreadable one stops the start-up naming its setting, before any connection is made.
 */
export function serverCredentials(tls: TlsFiles): grpc.ServerCredentials {
  if (!tls.certFile && !tls.keyFile) {
    if (tls.clientCaFile) throw new ConfigError('TLS_CLIENT_CA_FILE', 'needs TLS_CERT_FILE and TLS_KEY_FILE');
    return grpc.ServerCredentials.createInsecure();
  }
  if (!tls.certFile || !tls.keyFile)
    throw new ConfigError(
      tls.certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      'TLS needs both TLS_CERT_FILE and TLS_KEY_FILE',
    );
  const read = (setting: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(setting, `cannot read ${path}: ${(err as Error).message}`);
    }
  };
  const ca = tls.clientCaFile ? read('TLS_CLIENT_CA_FILE', tls.clientCaFile) : null;
  return grpc.ServerCredentials.createSsl(
    ca,
    [{ cert_chain: read('TLS_CERT_FILE', tls.certFile), private_key: read('TLS_KEY_FILE', tls.keyFile) }],
    ca !== null,
  );
}
