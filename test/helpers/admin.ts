// Probes of a service's admin port and of its process, as an orchestrator or operator sees them.
import { readFileSync } from 'node:fs';

/** /readyz of the admin port: the HTTP status, or 0 when nothing answers. */
export async function readyStatus(adminPort: number, timeoutMs = 2_000): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${adminPort}/readyz`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Resident set size of a process (Linux /proc), or undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
