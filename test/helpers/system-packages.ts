// Programs some tests need from the operating system (Debian packages): found on PATH, or
// installed with apt-get when the tests run as root on a Debian-like machine (CI's clean machine),
// once per run. When neither works the caller skips, saying why.
import { execFileSync, spawnSync } from 'node:child_process';

const attempted = new Map<string, string | undefined>();
let aptUpdated = false;

/** Absolute path of the first of `binaries` on PATH, or undefined. */
export function findBinary(binaries: string[]): string | undefined {
  for (const b of binaries) {
    const r = spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

/**
 * The binary's path, installing Debian package `pkg` first if it is missing. Returns
 * { path } or { why } (the reason it cannot be had, for the skip message).
 */
export function ensureDebianPackage(binaries: string[], pkg: string): { path?: string; why?: string } {
  const found = findBinary(binaries);
  if (found) return { path: found };
  if (attempted.has(pkg)) return { why: attempted.get(pkg) };
  let why: string | undefined;
  if (process.getuid?.() !== 0)
    why = `${binaries[0]} is not installed and the tests do not run as root (apt-get install ${pkg})`;
  else if (!findBinary(['apt-get']))
    why = `${binaries[0]} is not installed and there is no apt-get to install ${pkg}`;
  else {
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      console.log(`      (installing Debian package ${pkg} for this test; this takes a while once)`);
      if (!aptUpdated)
        execFileSync('apt-get', ['update', '-qq'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      aptUpdated = true;
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 900_000,
      });
    } catch (err) {
      why = `apt-get install ${pkg} failed: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  const path = why ? undefined : findBinary(binaries);
  if (!path && !why) why = `${pkg} was installed but ${binaries[0]} is still not on PATH`;
  attempted.set(pkg, why);
  return path ? { path } : { why };
}
