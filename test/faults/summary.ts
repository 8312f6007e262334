// The run's figures as a table, then every difference (per user or message) when there are any.
import type { FaultRunReport } from './driver';

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const list = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(', ');

export function formatSummary(r: FaultRunReport): string {
  const p = r.params;
  const v = r.verdict;
  const f = r.fleet;
  const logged = (part: string) =>
    [...(f?.logged ?? new Map<string, number>())]
      .filter(([k]) => k.includes(part))
      .reduce((a, [, c]) => a + c, 0);
  const dead = v ? Object.values(v.deadLettered).reduce((a, b) => a + b, 0) : 0;
  const minutes = Math.floor(r.durationMs / 60_000);
  const seconds = Math.round((r.durationMs % 60_000) / 1000);
  const rows: [string, string][] = [
    ['seed', String(p.seed)],
    [
      'messages sent',
      `${n(p.events + p.hostile)} (${n(p.events)} simulator events + ${n(p.hostile)} hostile)`,
    ],
    ['hostile by kind', list(r.hostileByKind)],
    ['events applied', v ? n(v.applied) : '-'],
    ['dead-lettered', v ? `${n(dead)}: ${list(v.deadLettered)}` : '-'],
    ['applied + dead-lettered', v ? `${n(v.applied + dead)} of ${n(v.sent)} sent` : '-'],
    ['dead letters written twice (at least once)', v ? n(v.deadLetterRepeats) : '-'],
    ['shoppers checked (features + score)', v ? n(v.users) : '-'],
    ['consumer group lag at the end', v ? `updater ${v.lag.updater}, scorer ${v.lag.scorer}` : '-'],
    [
      'kills (SIGKILL)',
      f ? `${f.kills} by the suite + ${f.selfKills} self-kills between Redis write and commit` : '-',
    ],
    [
      'restarts',
      `Redis ${r.restarts.redis} (kill -9, the last ${n(r.redisLostBytes)} bytes of its append-only log lost), broker ${r.restarts.broker} (kill -9)`,
    ],
    ['members', `${p.instances} updaters + ${p.instances} scorers; ${f?.starts ?? 0} starts in all`],
    [
      'rebalances forced by extra members',
      `${r.extraMembers.started} joined, ${r.extraMembers.stopped} left (SIGTERM)`,
    ],
    [
      'members not ready (503) during the outage',
      `Redis ${r.notReadySeen.redis}, broker ${r.notReadySeen.broker}`,
    ],
    [
      'batches retried with backoff (logged)',
      f ? `${n(logged('batch failed; retrying'))}, longest wait ${f.maxRetryWaitMs} ms` : '-',
    ],
    ['replays from a Redis checkpoint (logged)', f ? n(logged('checkpoint')) : '-'],
    ['largest RSS', f ? `updater ${mb(f.maxRssBytes.updater)}, scorer ${mb(f.maxRssBytes.scorer)}` : '-'],
    [
      'gRPC fuzz',
      r.fuzz
        ? `${n(r.fuzz.calls)} calls, ${r.fuzz.streams.opened + r.fuzz.streams.dropped} watch streams, health ${r.fuzz.health}, ${r.fuzz.violations.length} violations`
        : 'not run',
    ],
    ['unexpected exits', String(f?.unexpected.length ?? 0)],
    ['duration', `${minutes} min ${seconds} s`],
    ['differences', String(r.failures.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, val]) => `  ${k.padEnd(width)}  ${val}`);
  if (r.failures.length > 0) {
    lines.push('', `  ${r.failures.length} differences:`);
    for (const d of r.failures.slice(0, 200)) lines.push(`    ${d}`);
    if (r.failures.length > 200) lines.push(`    ... and ${r.failures.length - 200} more`);
  }
  return lines.join('\n');
}
