// The lag report as a text table, in the layout of `kafka-consumer-groups.sh --describe` (GROUP,
// TOPIC, PARTITION, CURRENT-OFFSET, LOG-END-OFFSET, LAG, CONSUMER-ID, HOST, CLIENT-ID) with this
// project's additions: estimated lag in seconds and the Burrow-style status per partition.
import type { LagReport } from './lag-monitor';

const HEADER = [
  'GROUP',
  'TOPIC',
  'PARTITION',
  'CURRENT-OFFSET',
  'LOG-END-OFFSET',
  'LAG',
  'LAG-SECONDS',
  'STATUS',
  'CONSUMER-ID',
  'HOST',
  'CLIENT-ID',
];

export function formatLagTable(report: LagReport): string {
  const rows: string[][] = [];
  const summaries: string[] = [];
  for (const g of report.groups) {
    summaries.push(
      `Consumer group '${g.group}': status ${g.status}, state ${g.state}, ${g.members} member(s), ` +
        `lag ${g.lagSum}, max lag ${g.lagSecondsMax.toFixed(1)} s${g.error ? `, error: ${g.error}` : ''}`,
    );
    for (const p of g.partitions)
      rows.push([
        g.group,
        p.topic,
        String(p.partition),
        p.committed === null ? '-' : String(p.committed),
        String(p.end),
        String(p.lag),
        p.lagSeconds.toFixed(1),
        p.status,
        p.owner?.memberId ?? '-',
        p.owner?.host ?? '-',
        p.owner?.clientId ?? '-',
      ]);
  }
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' ')
      .trimEnd();
  return [...summaries, '', line(HEADER), ...rows.map(line)].join('\n') + '\n';
}
