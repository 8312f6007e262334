// A private Redis Cluster for a test: 3 masters (no replicas) on free ports in a temporary
// folder, started and stopped by infra/redis/cluster.sh, so the script users run is what the tests
// run. Each node has its own append-only file, like the shared single Redis.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../../services/common/paths';
import { freePort } from './processes';
import { waitFor } from './wait';

const run = promisify(execFile);

export interface RunningRedisCluster {
  /** REDIS_URL of the cluster: redis+cluster://127.0.0.1:<port>,... */
  url: string;
  ports: number[];
  /** kill -9 of one node: what its append-only file holds survives, as in a real crash. */
  crash(port: number): Promise<void>;
  /** Starts the nodes that are down again (they rejoin from their nodes.conf) and waits for state ok. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RunningRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-redis-cluster-'));
  // Client and bus ports both picked free: the default bus port (port + 10000) may be taken or
  // beyond 65535 for an ephemeral port.
  const ports = new Set<number>();
  while (ports.size < masters * 2) ports.add(await freePort());
  const [client, bus] = [[...ports].slice(0, masters), [...ports].slice(masters)];
  const env = {
    ...process.env,
    REDIS_CLUSTER_PORTS: client.join(','),
    REDIS_CLUSTER_BUS_PORTS: bus.join(','),
    REDIS_CLUSTER_DIR: dir,
  };
  const script = (command: string) =>
    run('bash', [projectPath('infra', 'redis', 'cluster.sh'), command], { env });
  try {
    const { stdout } = await script('start');
    const url = /^REDIS_URL=(.+)$/m.exec(stdout)?.[1];
    if (!url) throw new Error(`cluster.sh start printed no REDIS_URL: ${stdout}`);
    return {
      url,
      ports: client,
      async crash(port) {
        const pid = Number(readFileSync(join(dir, String(port), 'redis.pid'), 'utf8'));
        process.kill(pid, 'SIGKILL');
        await waitFor(() => !alive(pid), { what: `cluster node ${port} gone` });
      },
      async restart() {
        await script('start');
      },
      async stop() {
        await script('stop');
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await script('stop').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
