// Clients of the standard services every scorer serves without an API key: grpc.health.v1 and
// server reflection (what Kubernetes probes and grpcurl use).
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { projectPath } from '../../services/common/paths';

type Ctor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client & Record<string, unknown>;

function load(file: string, includeDirs: string[] = []): grpc.GrpcObject {
  return grpc.loadPackageDefinition(
    protoLoader.loadSync(file, { keepCase: true, enums: String, includeDirs }),
  );
}

export async function healthStatus(address: string, service = ''): Promise<string> {
  const pkg = load(healthProtoPath) as unknown as { grpc: { health: { v1: { Health: Ctor } } } };
  const client = new pkg.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) =>
      (client.Check as (req: unknown, cb: (e: Error | null, r: { status: string }) => void) => void)(
        { service },
        (err, res) => (err ? reject(err) : resolve(res.status)),
      ),
    );
  } finally {
    client.close();
  }
}

/** The service names server reflection lists (grpcurl list). */
export async function reflectedServices(address: string): Promise<string[]> {
  const root = projectPath('node_modules', '@grpc', 'reflection', 'build', 'proto');
  const pkg = load(join(root, 'grpc/reflection/v1/reflection.proto'), [root]) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: Ctor } } };
  };
  const client = new pkg.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
  try {
    const call = (client.ServerReflectionInfo as () => grpc.ClientDuplexStream<unknown, unknown>)();
    const reply = new Promise<string[]>((resolve, reject) => {
      call.on('data', (res: { list_services_response?: { service: { name: string }[] } }) => {
        resolve((res.list_services_response?.service ?? []).map((s) => s.name));
        call.end();
      });
      call.on('error', reject);
    });
    call.write({ list_services: '' });
    return await reply;
  } finally {
    client.close();
  }
}
