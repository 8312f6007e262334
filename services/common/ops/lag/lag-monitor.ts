// Polls the lag of the project's consumer groups and keeps what one poll cannot know: a window of
// samples per partition for Burrow's status rules, and when each log-end offset was first seen,
// for lag in seconds. The exporter, the dashboard and the `lag` command all read its reports.
import type { Admin } from 'kafkajs';
import { fetchGroupLag, type PartitionLag } from './consumer-lag';
import { partitionStatus, worstStatus, type LagSample, type LagStatus } from './lag-status';
import { OffsetTimeTable } from './lag-seconds';

export interface MonitoredGroup {
  group: string;
  /** Topics to measure even when no member is assigned them (a stopped group still has lag). */
  topics: string[];
}

export interface PartitionReport extends PartitionLag {
  lagSeconds: number;
  status: LagStatus;
}

export interface GroupReport {
  group: string;
  state: string;
  members: number;
  status: LagStatus;
  lagSum: number;
  lagSecondsMax: number;
  partitions: PartitionReport[];
  /** Set when this group could not be measured in this poll. */
  error?: string;
}

export interface LagReport {
  at: number;
  groups: GroupReport[];
}

export class LagMonitor {
  private readonly windows = new Map<string, LagSample[]>();
  private readonly tables = new Map<string, OffsetTimeTable>();
  private last: LagReport | undefined;

  constructor(
    private readonly opts: {
      admin: Admin;
      groups: MonitoredGroup[];
      /** Samples per partition that Burrow's rules look at (Burrow's default is 10). */
      windowSize: number;
      onReport?: (report: LagReport) => void;
    },
  ) {}

  latest(): LagReport | undefined {
    return this.last;
  }

  async poll(): Promise<LagReport> {
    const groups = await Promise.all(this.opts.groups.map((g) => this.measure(g)));
    this.last = { at: Date.now(), groups };
    this.opts.onReport?.(this.last);
    return this.last;
  }

  private async measure(g: MonitoredGroup): Promise<GroupReport> {
    let lag;
    try {
      lag = await fetchGroupLag(this.opts.admin, g.group, g.topics);
    } catch (err) {
      const previous = this.last?.groups.find((r) => r.group === g.group);
      return { ...(previous ?? emptyGroup(g.group)), error: (err as Error).message };
    }
    const hasMembers = lag.members > 0;
    const partitions: PartitionReport[] = lag.partitions.map((p) => {
      const tp = `${p.topic}/${p.partition}`;
      let table = this.tables.get(tp);
      if (!table) this.tables.set(tp, (table = new OffsetTimeTable()));
      table.record(p.end, lag.at);
      const key = `${g.group}/${tp}`;
      const window = this.windows.get(key) ?? [];
      window.push({ at: lag.at, consumed: p.committed ?? p.start, lag: p.lag });
      if (window.length > this.opts.windowSize) window.shift();
      this.windows.set(key, window);
      return {
        ...p,
        lagSeconds: table.lagSeconds(p.committed ?? p.start, p.end, lag.at),
        status: partitionStatus(window, { windowSize: this.opts.windowSize, groupHasMembers: hasMembers }),
      };
    });
    const known = hasMembers || partitions.some((p) => p.committed !== null);
    return {
      group: g.group,
      state: lag.state,
      members: lag.members,
      status: known ? worstStatus(partitions.map((p) => p.status)) : 'NOTFOUND',
      lagSum: partitions.reduce((s, p) => s + p.lag, 0),
      lagSecondsMax: partitions.reduce((m, p) => Math.max(m, p.lagSeconds), 0),
      partitions,
    };
  }
}

function emptyGroup(group: string): GroupReport {
  return {
    group,
    state: 'Unknown',
    members: 0,
    status: 'NOTFOUND',
    lagSum: 0,
    lagSecondsMax: 0,
    partitions: [],
  };
}
