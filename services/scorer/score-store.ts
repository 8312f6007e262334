// Reads and writes latest scores in Redis: one script call per Cluster slot group (a score bucket
// shares its slot with the profile bucket of the same index, see keys.ts).
import type { RedisClient } from '../common/redis/client';
import { DependencyError } from '../common/errors';
import type { KeyBuilder } from '../common/redis/keys';
import { slotGroups } from '../common/redis/slot-groups';
import { decodeScoreRecord, encodeScoreRecord, type ScoreRecord } from './score-record';

export interface ScoreWrite {
  userId: string;
  record: ScoreRecord;
}

/** What set-scores-if-newer.lua did with one record. */
export type WriteStatus = 'written' | 'current' | 'stale';
const STATUS: Record<number, WriteStatus> = { 0: 'stale', 1: 'written', 2: 'current' };

export class ScoreStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeyBuilder,
  ) {}

  async read(userIds: readonly string[]): Promise<Map<string, ScoreRecord>> {
    const found = new Map<string, ScoreRecord>();
    const keys = userIds.map((id) => this.keys.scoreBucket(id));
    await Promise.all(
      slotGroups(this.redis, keys).map(async (group) => {
        // get-profiles.lua is a plain multi-key HGET: it reads score buckets just as well.
        const values = await guard('reading scores', () =>
          this.redis.getProfilesBuffer(
            group.length,
            ...group.map((i) => keys[i]!),
            ...group.map((i) => userIds[i]!),
          ),
        );
        values.forEach((v, j) => {
          if (v) found.set(userIds[group[j]!]!, decodeScoreRecord(v));
        });
      }),
    );
    return found;
  }

  /** One user's score: a plain HGET, sent with whatever else the caller asks for in this turn. */
  async readOne(userId: string): Promise<ScoreRecord | undefined> {
    const v = await guard('reading a score', () =>
      this.redis.hgetBuffer(this.keys.scoreBucket(userId), userId),
    );
    return v ? decodeScoreRecord(v) : undefined;
  }

  /** The status of each write, in the order given. */
  async write(writes: readonly ScoreWrite[]): Promise<WriteStatus[]> {
    const statuses: WriteStatus[] = new Array<WriteStatus>(writes.length);
    const keys = writes.map((w) => this.keys.scoreBucket(w.userId));
    await Promise.all(
      slotGroups(this.redis, keys).map(async (group) => {
        const args: (string | Buffer)[] = group.map((i) => keys[i]!);
        for (const i of group) args.push(writes[i]!.userId, encodeScoreRecord(writes[i]!.record));
        const result = await guard('writing scores', () =>
          this.redis.setScoresIfNewer(group.length, ...args),
        );
        result.forEach((s, j) => (statuses[group[j]!] = STATUS[s] ?? 'stale'));
      }),
    );
    return statuses;
  }
}

async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new DependencyError(`Redis failed while ${what}: ${(err as Error).message}`, err);
  }
}
