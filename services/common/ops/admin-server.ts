// The admin HTTP port every service exposes: /metrics (Prometheus text), /healthz (the process is
// alive) and /readyz (its dependencies are usable: 200 with details, or 503 saying what is not).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface Readiness {
  ready: boolean;
  detail: Record<string, unknown>;
}

export interface AdminServer {
  port: number;
  close(): Promise<void>;
}

export async function startAdminServer(opts: {
  port: number;
  registry: Registry;
  readiness: () => Promise<Readiness> | Readiness;
  /** Extra routes (the dashboard), path -> handler returning [status, content type, body]. */
  routes?: Record<string, () => Promise<[number, string, string | Buffer]>>;
}): Promise<AdminServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const reply = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    void (async () => {
      try {
        if (path === '/metrics') return reply(200, opts.registry.contentType, await opts.registry.metrics());
        if (path === '/healthz') return reply(200, 'application/json', '{"status":"ok"}');
        if (path === '/readyz') {
          const r = await opts.readiness();
          return reply(r.ready ? 200 : 503, 'application/json', JSON.stringify(r));
        }
        const route = opts.routes?.[path];
        if (route) return reply(...(await route()));
        reply(404, 'text/plain', 'not found\n');
      } catch (err) {
        reply(500, 'text/plain', `${(err as Error).message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '0.0.0.0', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
