// Services as real child processes, for tests that kill -9 them or restart their dependencies.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Starts dist/services/<entry> with the given environment added to this one's. */
export function startService(entry: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', projectPath('dist', 'services', entry)], {
    env: { ...process.env, LOG_LEVEL: process.env.TEST_SERVICE_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000); // the tail is what explains a failure
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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A private redis-server (append-only persistence, own port and folder) that a test may kill and
 * restart without disturbing the shared one.
 */
export async function startPrivateRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'cs-redis-'));
  const port = await freePort();
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
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(ping, { what: `private redis on ${port}` });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** kill -9: whatever the append-only file has not flushed is lost, as in a real crash. */
    async crash() {
      const p = proc!;
      const gone = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await gone;
    },
    start,
    /** While crashed: forget everything on disk, as a replaced Redis would. */
    wipe() {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    },
    async destroy() {
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc!.once('exit', r));
        proc.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
