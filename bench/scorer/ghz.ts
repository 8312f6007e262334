// Load from ghz (https://ghz.sh, Go: a load generator that is not itself the bottleneck, unlike a
// grpc-js client on the same 2 cores). Install: `go install github.com/bojand/ghz/cmd/ghz@latest`;
// GHZ=path overrides ~/go/bin/ghz. Each run also reports the CPU the server (this process) and ghz
// used, so a reader can see which side was saturated.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fmtInt } from '../stats';

export const GHZ = process.env.GHZ ?? join(homedir(), 'go', 'bin', 'ghz');

export function checkGhz(): void {
  if (!existsSync(GHZ))
    throw new Error(`ghz not found at ${GHZ}: go install github.com/bojand/ghz/cmd/ghz@latest`);
}

interface GhzJson {
  rps: number;
  count: number;
  latencyDistribution: { percentage: number; latency: number }[] | null;
  errorDistribution?: Record<string, number>;
  statusCodeDistribution: Record<string, number>;
}

export interface GhzResult {
  rps: number;
  count: number;
  p50Ms: number;
  p99Ms: number;
  codes: Record<string, number>;
  errors?: Record<string, number>;
  /** CPU of this process (the server under test) and of ghz, in cores (1.0 = one core busy). */
  serverCores: number;
  ghzCores: number;
}

export interface GhzCall {
  port: number;
  /** Method of creditscore.v1.CreditScoreService. */
  method: string;
  /** JSON request; ghz templates such as {{.UUID}} allowed. */
  data: string;
  apiKey: string;
  concurrency: number;
  /** Total calls (a count rather than a duration: no calls cut off when time runs out). */
  total: number;
  /** Fixed rate in calls/s; absent = as fast as the server answers. */
  rate?: number;
  connections?: number;
}

/** CPU seconds of this process's children that have exited and been waited for (Linux). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After the ") ", field 3 (state) is index 0: cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

// Asynchronous on purpose: the server under test runs in this process and must keep serving.
export async function runGhz(c: GhzCall): Promise<GhzResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const children = childrenCpuSeconds();
  const { stdout } = await promisify(execFile)(
    GHZ,
    [
      '--insecure',
      '--proto',
      'proto/creditscore/v1/scoring.proto',
      '--import-paths',
      'proto',
      '--call',
      `creditscore.v1.CreditScoreService.${c.method}`,
      '-d',
      c.data,
      '-m',
      JSON.stringify({ authorization: `Bearer ${c.apiKey}` }),
      '-n',
      String(c.total),
      '-c',
      String(c.concurrency),
      ...(c.rate ? ['-r', String(c.rate)] : []),
      '--connections',
      String(c.connections ?? 4),
      '--format',
      'json',
      `127.0.0.1:${c.port}`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const r = JSON.parse(stdout) as GhzJson;
  const pct = (p: number) =>
    ((r.latencyDistribution ?? []).find((d) => d.percentage === p)?.latency ?? NaN) / 1e6;
  return {
    rps: r.rps,
    count: r.count,
    p50Ms: pct(50),
    p99Ms: pct(99),
    codes: r.statusCodeDistribution,
    errors: r.errorDistribution,
    serverCores: (used.user + used.system) / 1e6 / wall,
    ghzCores: (childrenCpuSeconds() - children) / wall,
  };
}

export function ghzLine(name: string, r: GhzResult): string {
  const errors = r.errors && Object.keys(r.errors).length > 0 ? ` errors ${JSON.stringify(r.errors)}` : '';
  return (
    `${name.padEnd(30)} ${fmtInt(r.rps).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms` +
    `  CPU server ${r.serverCores.toFixed(2)} (${Math.round((r.serverCores / r.rps) * 1e6)} µs/call) / ghz ${r.ghzCores.toFixed(2)} cores  codes ${JSON.stringify(r.codes)}${errors}`
  );
}
