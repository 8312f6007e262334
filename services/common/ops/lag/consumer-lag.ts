// One measurement of a consumer group's lag, as `kafka-consumer-groups --describe` makes it:
// committed offsets (OffsetFetch) against the partitions' log-end offsets (ListOffsets), with the
// member that owns each partition (DescribeGroups). Topics are the configured ones plus whatever
// the group's members are assigned now (OffsetFetch cannot list a group's topics in kafkajs).
import { AssignerProtocol, type Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed (next) offset, or null when it never committed on this partition. */
  committed: number | null;
  /** Log-end offset (high watermark) and log-start offset. */
  end: number;
  start: number;
  /**
   * end - committed. With no commit the group will start at the log start (the product's
   * consumers read from the beginning), so everything retained counts as lag.
   */
  lag: number;
  owner?: { memberId: string; clientId: string; host: string };
}

export interface GroupLag {
  group: string;
  /** Group coordinator state: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead. */
  state: string;
  members: number;
  partitions: PartitionLag[];
  at: number;
}

export async function fetchGroupLag(admin: Admin, group: string, topics: string[]): Promise<GroupLag> {
  const described = (await admin.describeGroups([group])).groups[0];
  const owners = new Map<string, PartitionLag['owner']>();
  const assignedTopics = new Set(topics);
  for (const m of described?.members ?? []) {
    if (described?.protocolType !== 'consumer' || m.memberAssignment.length === 0) continue;
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
      assignedTopics.add(topic);
      for (const p of partitions)
        owners.set(`${topic}/${p}`, { memberId: m.memberId, clientId: m.clientId, host: m.clientHost });
    }
  }
  // A configured topic may not exist yet (its service creates it at start-up): skip it until it does.
  const existing = new Set(await admin.listTopics());
  const wanted = [...assignedTopics].filter((t) => existing.has(t));
  const at = Date.now();
  const [committed, ends] = await Promise.all([
    wanted.length > 0 ? admin.fetchOffsets({ groupId: group, topics: wanted }) : Promise.resolve([]),
    Promise.all(wanted.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) }))),
  ]);
  const commits = new Map<string, number>();
  for (const t of committed)
    for (const p of t.partitions)
      if (Number(p.offset) >= 0) commits.set(`${t.topic}/${p.partition}`, Number(p.offset));

  const partitions: PartitionLag[] = [];
  for (const { topic, offsets } of ends)
    for (const o of offsets) {
      const key = `${topic}/${o.partition}`;
      const c = commits.get(key) ?? null;
      const end = Number(o.high);
      const start = Number(o.low);
      partitions.push({
        topic,
        partition: o.partition,
        committed: c,
        end,
        start,
        lag: Math.max(0, end - (c ?? start)),
        owner: owners.get(key),
      });
    }
  partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return {
    group,
    state: described?.state ?? 'Dead',
    members: described?.members.length ?? 0,
    partitions,
    at,
  };
}
