// Services under test as child processes, each on admin (and gRPC) ports of its own, and what
// they report about themselves there (/readyz: assigned partitions; /metrics: counters). Two ways
// to run them: `startInstances`, n processes of one service sharing a consumer group (the
// scale-out test and benchmark); and a `Fleet` of updaters and scorers that the faults suite
// starts, kills (SIGKILL) and stops (SIGTERM), where a member that dies without being told to is
// replaced at once and reported: the suite must see no crash it did not cause.
import { freePort, startService, stopService, type ServiceProcess } from './processes';
import { readyStatus, rssBytes } from './admin';
import { waitFor } from './wait';

export interface Instance {
  process: ServiceProcess;
  adminPort: number;
  /** 0 when the service serves no gRPC. */
  grpcPort: number;
}

/** Distinct free ports (each probed separately, so two instances never get the same one). */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** One process of dist/services/<entry> on the given ports (gRPC only when `grpcPort` is set). */
function launch(
  entry: string,
  env: Record<string, string>,
  adminPort: number,
  grpcPort: number,
  onLine?: (line: string) => void,
): Instance {
  const own: Record<string, string> = { ADMIN_PORT: String(adminPort) };
  if (grpcPort !== 0) own.GRPC_PORT = String(grpcPort);
  return { process: startService(entry, { ...env, ...own }, onLine), adminPort, grpcPort };
}

/**
 * Starts `count` processes of dist/services/<entry> with the same environment (so the same
 * consumer group), each on admin and, with `grpc`, gRPC ports of its own.
 */
export async function startInstances(
  entry: string,
  count: number,
  env: Record<string, string>,
  opts: { grpc?: boolean } = {},
): Promise<Instance[]> {
  const ports = await distinctFreePorts(count * (opts.grpc ? 2 : 1));
  return Array.from({ length: count }, (_, i) =>
    launch(entry, env, ports[i]!, opts.grpc ? ports[count + i]! : 0),
  );
}

export async function stopInstances(instances: Instance[], signal: NodeJS.Signals = 'SIGTERM') {
  return Promise.all(instances.map((i) => stopService(i.process, signal)));
}

/** Rejects (with the process's last output) as soon as any instance exits. */
export function failOnExit(instances: Instance[]): { promise: Promise<never>; cancel: () => void } {
  let cancelled = false;
  const promise = new Promise<never>((_, reject) => {
    for (const [n, i] of instances.entries())
      void i.process.exited.then((code) => {
        if (!cancelled) reject(new Error(`instance ${n} exited (${code}):\n${i.process.output()}`));
      });
  });
  promise.catch(() => undefined); // observed through race(); never an unhandled rejection
  return { promise, cancel: () => (cancelled = true) };
}

/** Runs `work`, failing at once if an instance dies meanwhile rather than at the work's timeout. */
export async function whileAlive<T>(instances: Instance[], work: Promise<T>): Promise<T> {
  const exit = failOnExit(instances);
  try {
    return await Promise.race([work, exit.promise]);
  } finally {
    exit.cancel();
  }
}

export interface Readiness {
  ready: boolean;
  detail: { assigned?: { partition: number }[] } & Record<string, unknown>;
}

export async function readiness(i: Instance): Promise<Readiness> {
  const res = await fetch(`http://127.0.0.1:${i.adminPort}/readyz`);
  return (await res.json()) as Readiness;
}

/** The partitions the instance says it owns (its last group join). */
export async function assignedPartitions(i: Instance): Promise<number[]> {
  return ((await readiness(i)).detail.assigned ?? []).map((a) => a.partition).sort((a, b) => a - b);
}

/**
 * Sum of a metric's samples on the instance's /metrics, over the samples whose labels include
 * every given label (`{ outcome: 'applied' }`).
 */
export async function metricValue(i: Instance, name: string, labels: Record<string, string> = {}) {
  const text = await (await fetch(`http://127.0.0.1:${i.adminPort}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (wanted.every((w) => (m[2] ?? '').includes(w))) sum += Number(m[3]);
  }
  return sum;
}

/**
 * Waits until every instance is ready and the group has settled: each owns at least one partition,
 * no partition is owned twice, and together they own all `partitions`. Returns each one's share.
 */
export async function waitForSpread(
  instances: Instance[],
  partitions: number,
  what: string,
  timeoutMs = 120_000,
): Promise<number[][]> {
  const settled = waitFor(
    async () => {
      const states = await Promise.all(instances.map(readiness));
      if (!states.every((s) => s.ready)) return undefined;
      const shares = states.map((s) =>
        (s.detail.assigned ?? []).map((a) => a.partition).sort((a, b) => a - b),
      );
      const all = shares.flat();
      const spread =
        shares.every((s) => s.length > 0) && all.length === partitions && new Set(all).size === partitions;
      return spread ? shares : undefined;
    },
    { what: `${what}: ${instances.length} ready instances sharing ${partitions} partitions`, timeoutMs },
  );
  return whileAlive(instances, settled);
}

export type Role = 'updater' | 'scorer';

/** How the fleet starts a member of a role: dist/services/<entry> with `env`. */
export interface RoleSpec {
  entry: string;
  env: Record<string, string>;
  /** It serves gRPC: give it a port for that too. */
  grpc?: boolean;
}

export interface Member extends Instance {
  role: Role;
  name: string;
  /** The suite stopped or killed it (any exit after that is expected). */
  intended: boolean;
  /** Started with FAULT_KILL_AFTER_WRITES: it kills itself between a Redis write and a commit. */
  armed: boolean;
  ended: boolean;
  /** Times it has logged a batch failing and being retried with backoff. */
  retries: () => number;
}

export interface FleetStats {
  starts: number;
  kills: number;
  selfKills: number;
  gracefulStops: number;
  /** Exits the suite did not cause, with the tail of the output. */
  unexpected: string[];
  /** Warnings and errors the services logged, by component and message. */
  logged: Map<string, number>;
  /** Longest backoff a batch runner logged while retrying ('batch failed; retrying'). */
  maxRetryWaitMs: number;
  maxRssBytes: Record<Role, number>;
}

export class Fleet {
  readonly members = new Set<Member>();
  readonly stats: FleetStats = {
    starts: 0,
    kills: 0,
    selfKills: 0,
    gracefulStops: 0,
    unexpected: [],
    logged: new Map(),
    maxRetryWaitMs: 0,
    maxRssBytes: { updater: 0, scorer: 0 },
  };
  private counter = 0;
  private closing = false;
  private replacing: Promise<unknown>[] = [];
  private sampler?: NodeJS.Timeout;

  constructor(private readonly roles: Record<Role, RoleSpec>) {}

  async start(role: Role, extra: Record<string, string> = {}): Promise<Member> {
    const spec = this.roles[role];
    const [adminPort, grpcPort = 0] = await distinctFreePorts(spec.grpc ? 2 : 1);
    const name = `${role}-${++this.counter}`;
    let retries = 0;
    const onLine = (line: string) => {
      if (this.count(line)) retries++;
    };
    const m: Member = {
      ...launch(spec.entry, { ...spec.env, ...extra }, adminPort!, grpcPort, onLine),
      role,
      name,
      intended: false,
      armed: extra.FAULT_KILL_AFTER_WRITES !== undefined,
      ended: false,
      retries: () => retries,
    };
    this.members.add(m);
    this.stats.starts++;
    void m.process.exited.then((how) => this.onExit(m, how));
    return m;
  }

  live(role?: Role): Member[] {
    return [...this.members].filter(
      (m) => !m.ended && !m.intended && (role === undefined || m.role === role),
    );
  }

  async kill(m: Member): Promise<void> {
    m.intended = true;
    this.stats.kills++;
    await stopService(m.process, 'SIGKILL');
  }

  /** SIGTERM: the member finishes its batch, commits and leaves its group; exit code 0 expected. */
  async stop(m: Member): Promise<void> {
    m.intended = true;
    this.stats.gracefulStops++;
    const code = await stopService(m.process, 'SIGTERM');
    if (code !== 0)
      this.stats.unexpected.push(`${m.name} exited ${code} after SIGTERM:\n${tail(m.process.output())}`);
  }

  /** Waits until every live member's /readyz answers `status` (200 ready, 503 not ready). */
  async waitAll(status: 200 | 503, what: string, timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        await Promise.all(this.replacing);
        const live = this.live();
        const got = await Promise.all(live.map((m) => readyStatus(m.adminPort)));
        return live.length > 0 && got.every((s) => s === status);
      },
      { what, timeoutMs, intervalMs: 250 },
    );
  }

  /** Samples every live member's resident memory once a second. */
  sampleMemory(): void {
    this.sampler = setInterval(() => {
      for (const m of this.live()) {
        const rss = rssBytes(m.process.child.pid!) ?? 0;
        this.stats.maxRssBytes[m.role] = Math.max(this.stats.maxRssBytes[m.role], rss);
      }
    }, 1_000);
    this.sampler.unref();
  }

  /** Stops every member gracefully (checking they exit 0). */
  async shutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.sampler);
    await Promise.all(this.replacing);
    await Promise.all(this.live().map((m) => this.stop(m)));
  }

  /** Kills whatever still runs (cleanup after a failure). */
  async killAll(): Promise<void> {
    this.closing = true;
    clearInterval(this.sampler);
    await Promise.all(this.replacing.map((p) => p.catch(() => undefined)));
    await Promise.all(
      [...this.members].map((m) => {
        m.intended = true;
        return stopService(m.process, 'SIGKILL');
      }),
    );
  }

  private onExit(m: Member, how: number | string): void {
    m.ended = true;
    if (m.intended || this.closing) return;
    if (m.armed && how === 'SIGKILL') this.stats.selfKills++;
    else this.stats.unexpected.push(`${m.name} exited by itself (${how}):\n${tail(m.process.output())}`);
    // Keep the group at strength, as an orchestrator would.
    this.replacing.push(this.start(m.role));
  }

  /** Counts a warning or error line; true when it is a batch retried with backoff. */
  private count(line: string): boolean {
    if (!line.startsWith('{')) return false;
    try {
      const entry = JSON.parse(line) as { level?: number; component?: string; msg?: string; waitMs?: number };
      if ((entry.level ?? 0) < 40) return false;
      // Messages carry addresses and ids after a colon: count by what comes before.
      const key = `${entry.component ?? '?'}: ${(entry.msg ?? '?').split(':')[0]!.slice(0, 80)}`;
      this.stats.logged.set(key, (this.stats.logged.get(key) ?? 0) + 1);
      if (entry.msg !== 'batch failed; retrying') return false;
      this.stats.maxRetryWaitMs = Math.max(this.stats.maxRetryWaitMs, entry.waitMs ?? 0);
      return true;
    } catch {
      return false; // not a log line of ours
    }
  }
}

/** The last lines of a member's output: what explains its end. */
function tail(output: string): string {
  return output.trim().split('\n').slice(-5).join('\n');
}
