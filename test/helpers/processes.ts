// Services as real child processes, for tests that kill -9 them or restart their dependencies.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../services/common/paths';
import { waitFor } from './wait';

export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts dist/services/<entry> with the given environment added to this one's. `onLine` sees every
 * output line (pino JSON) as it comes, for tests that count what a service logged.
 */
export function startService(
  entry: string,
  env: Record<string, string>,
  onLine?: (line: string) => void,
): ServiceProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', projectPath('dist', 'services', entry)], {
    env: { ...process.env, LOG_LEVEL: process.env.TEST_SERVICE_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    out = (out + text).slice(-20_000); // the tail is what explains a failure
    if (!onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) onLine(line);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => out, exited };
}

export async function stopService(
  p: ServiceProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | string> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

export async function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A free port below the kernel's ephemeral range (32768-60999 on Linux), for a server the test
 * restarts: while it is down, no outgoing connection or port-0 listener of a busy machine can take
 * its port.
 */
async function freeStablePort(): Promise<number> {
  for (;;) {
    const port = 28_000 + Math.floor(Math.random() * 4_000);
    const got = await freePort(port).catch(() => undefined);
    if (got !== undefined) return got;
  }
}

/**
 * Pids and folders of the private servers this process started: killed and deleted when it exits,
 * however it exits (a failed assertion, mocha's --exit, Ctrl-C), so no broker or Redis outlives
 * its test run.
 */
const privatePids = new Set<number>();
const privateDirs = new Set<string>();
let exitHook = false;
function ownPid(pid: number, dir: string): void {
  privatePids.add(pid);
  privateDirs.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const p of privatePids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const d of privateDirs) rmSync(d, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

/** False once the process is gone or a zombie (an orphan whose reaping is up to init). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): signal 0 is all there is
  }
}

async function killAndWait(pid: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  await waitFor(() => !isAlive(pid), { what: `process ${pid} to exit`, timeoutMs: 60_000 });
  privatePids.delete(pid);
}

/**
 * A private redis-server (the project's infra/redis/redis.conf: append-only, fsync every second;
 * own port and folder) that a test may kill and restart without disturbing the shared one.
 */
export async function startPrivateRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'cs-redis-'));
  const logFile = join(dir, 'redis.log');
  const port = await freeStablePort();
  let proc: ChildProcess | undefined;
  const ping = async () => {
    const { Redis } = await import('ioredis');
    const c = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => undefined); // refused while it starts: that is what we poll for
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  };
  const start = async () => {
    proc = spawn(
      'redis-server',
      [
        projectPath('infra', 'redis', 'redis.conf'),
        '--port',
        String(port),
        '--dir',
        dir,
        '--logfile',
        logFile,
      ],
      { stdio: 'ignore' },
    );
    ownPid(proc.pid!, dir);
    await waitFor(ping, { what: `private redis on ${port}`, timeoutMs: 60_000 }).catch((err: Error) => {
      const log = existsSync(logFile)
        ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n')
        : '';
      throw new Error(`${err.message}\n${log}`);
    });
  };
  const running = () => proc !== undefined && proc.exitCode === null && proc.signalCode === null;
  const aofDir = join(dir, 'appendonlydir');
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Where the append-only log ends now (the incremental file named by the manifest). */
    aofMark(): AofMark | undefined {
      try {
        const manifest = readFileSync(join(aofDir, 'appendonly.aof.manifest'), 'utf8');
        const file = [...manifest.matchAll(/^file (\S+) seq \d+ type i$/gm)].pop()?.[1];
        return file ? { file, size: statSync(join(aofDir, file)).size } : undefined;
      } catch {
        return undefined;
      }
    },
    /**
     * kill -9. The operating system still holds every write Redis made, so a process crash alone
     * loses nothing; given a mark, the log is cut back to it, which is what a machine crash leaves
     * with fsync every second: the writes after the last fsync are gone. Returns the bytes cut
     * (0 when the log was rewritten since the mark and cannot be cut).
     */
    async crash(keep?: AofMark): Promise<number> {
      if (running()) await killAndWait(proc!.pid!);
      const now = keep && this.aofMark();
      if (!keep || !now || now.file !== keep.file || now.size < keep.size) return 0;
      truncateSync(join(aofDir, keep.file), keep.size);
      return now.size - keep.size;
    },
    start,
    /** While crashed: forget everything on disk, as a replaced Redis would. */
    wipe() {
      rmSync(aofDir, { recursive: true, force: true });
    },
    async destroy() {
      if (running()) await killAndWait(proc!.pid!);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

export interface AofMark {
  file: string;
  size: number;
}

/**
 * A private single-node broker started by the project's own scripts (infra/kafka/start.sh) on free
 * ports with its data in a temporary CREDITSCORE_HOME, for tests that stop or crash the broker:
 * the shared broker of the test run is never touched. `destroy()` (and this process's exit) kills
 * it and deletes its data.
 */
export async function startPrivateKafka() {
  const home = mkdtempSync(join(tmpdir(), 'cs-kafka-'));
  const port = await freeStablePort();
  let controllerPort = await freeStablePort();
  while (controllerPort === port) controllerPort = await freeStablePort();
  const brokers = [`127.0.0.1:${port}`];
  const env = {
    ...process.env,
    CREDITSCORE_HOME: home,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_BROKERS: brokers[0]!,
    KAFKA_HEAP: process.env.KAFKA_HEAP ?? '-Xms256m -Xmx512m',
  };
  const pidFile = join(home, 'kafka', 'kafka.pid');
  const pid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : undefined);
  const script = (name: string) =>
    new Promise<void>((resolve, reject) =>
      execFile('bash', [projectPath('infra', 'kafka', name)], { env }, (err, _out, stderr) =>
        err ? reject(new Error(`infra/kafka/${name} failed: ${stderr}`)) : resolve(),
      ),
    );
  const start = async () => {
    await script('start.sh');
    const p = pid();
    if (p === undefined || !isAlive(p)) throw new Error(`private broker on ${port} did not start (${home})`);
    ownPid(p, home);
  };
  await start();
  return {
    brokers,
    port,
    home,
    start,
    /** kill -9: the broker recovers its logs on the next start, as after a machine crash. */
    async crash() {
      const p = pid();
      if (p !== undefined) await killAndWait(p);
    },
    /** A clean shutdown (infra/kafka/stop.sh). */
    async stop() {
      const p = pid();
      await script('stop.sh');
      if (p !== undefined) privatePids.delete(p);
    },
    async destroy() {
      const p = pid();
      if (p !== undefined) await killAndWait(p);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export type PrivateKafka = Awaited<ReturnType<typeof startPrivateKafka>>;
