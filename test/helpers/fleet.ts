// Several instances of one service as child processes sharing a consumer group, and what each
// reports about itself on its admin port (/readyz: assigned partitions; /metrics: counters). Used
// by the scale-out test and the scaling benchmark.
import { freePort, startService, stopService, type ServiceProcess } from './processes';
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
  return Array.from({ length: count }, (_, i) => {
    const adminPort = ports[i]!;
    const grpcPort = opts.grpc ? ports[count + i]! : 0;
    const own: Record<string, string> = { ADMIN_PORT: String(adminPort) };
    if (opts.grpc) own.GRPC_PORT = String(grpcPort);
    return { process: startService(entry, { ...env, ...own }), adminPort, grpcPort };
  });
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
