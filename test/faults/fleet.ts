// The services under test as child processes: updaters and scorers in their consumer groups,
// started, killed (SIGKILL), stopped (SIGTERM) and probed. A member that dies without being told
// to is replaced at once and reported: the suite must see no crash it did not cause.
import { freePort, stopService, type ServiceProcess } from '../helpers/processes';
import { startUpdaterProcess, type UpdaterTestSetup } from '../helpers/updater';
import { readyStatus, rssBytes } from '../helpers/admin';
import { waitFor } from '../helpers/wait';
import { startScorerProcess, type ScorerTestSetup } from '../integration/scorer/scorer-fixture';

export type Role = 'updater' | 'scorer';

export interface Member {
  role: Role;
  name: string;
  adminPort: number;
  grpcPort: number;
  proc: ServiceProcess;
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

  constructor(
    private readonly setups: { updater: UpdaterTestSetup; scorer: ScorerTestSetup },
    private readonly env: Record<Role, Record<string, string>>,
  ) {}

  async start(role: Role, extra: Record<string, string> = {}): Promise<Member> {
    const adminPort = await freePort();
    const grpcPort = role === 'scorer' ? await freePort() : 0;
    const env = { ...this.env[role], ...extra, ADMIN_PORT: String(adminPort), GRPC_PORT: String(grpcPort) };
    const name = `${role}-${++this.counter}`;
    let retries = 0;
    const onLine = (line: string) => {
      if (this.count(line)) retries++;
    };
    const proc =
      role === 'updater'
        ? startUpdaterProcess(this.setups.updater, env, onLine)
        : startScorerProcess(this.setups.scorer, env, onLine);
    const m: Member = {
      role,
      name,
      adminPort,
      grpcPort,
      proc,
      intended: false,
      armed: extra.FAULT_KILL_AFTER_WRITES !== undefined,
      ended: false,
      retries: () => retries,
    };
    this.members.add(m);
    this.stats.starts++;
    void proc.exited.then((how) => this.onExit(m, how));
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
    await stopService(m.proc, 'SIGKILL');
  }

  /** SIGTERM: the member finishes its batch, commits and leaves its group; exit code 0 expected. */
  async stop(m: Member): Promise<void> {
    m.intended = true;
    this.stats.gracefulStops++;
    const code = await stopService(m.proc, 'SIGTERM');
    if (code !== 0)
      this.stats.unexpected.push(`${m.name} exited ${code} after SIGTERM:\n${tail(m.proc.output())}`);
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
        const rss = rssBytes(m.proc.child.pid!) ?? 0;
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
        return stopService(m.proc, 'SIGKILL');
      }),
    );
  }

  private onExit(m: Member, how: number | string): void {
    m.ended = true;
    if (m.intended || this.closing) return;
    if (m.armed && how === 'SIGKILL') this.stats.selfKills++;
    else this.stats.unexpected.push(`${m.name} exited by itself (${how}):\n${tail(m.proc.output())}`);
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
