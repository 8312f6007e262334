// Reads and writes the profiles of a whole batch in a few script calls (one per Cluster slot
// group, see slot-groups.ts), so thousands of events cost a handful of Redis round trips.
import type { RedisClient } from './client';
import { DependencyError } from '../errors';
import type { KeyBuilder } from './keys';
import { decodeProfileRecord, encodeProfileRecord, type ProfileRecord } from './profile-record';
import { slotGroups } from './slot-groups';

export interface ProfileWrite extends ProfileRecord {
  userId: string;
}

export class ProfileStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeyBuilder,
  ) {}

  async read(userIds: string[]): Promise<Map<string, ProfileRecord>> {
    const found = new Map<string, ProfileRecord>();
    const keys = userIds.map((id) => this.keys.profileBucket(id));
    await Promise.all(
      slotGroups(this.redis, keys).map(async (group) => {
        const values = await guard('reading profiles', () =>
          this.redis.getProfilesBuffer(
            group.length,
            ...group.map((i) => keys[i]!),
            ...group.map((i) => userIds[i]!),
          ),
        );
        values.forEach((v, j) => {
          if (v) found.set(userIds[group[j]!]!, decodeProfileRecord(v));
        });
      }),
    );
    return found;
  }

  /** Returns how many records were written (the rest were already at or past their position). */
  async write(writes: ProfileWrite[]): Promise<number> {
    const keys = writes.map((w) => this.keys.profileBucket(w.userId));
    const counts = await Promise.all(
      slotGroups(this.redis, keys).map((group) => {
        const args: (string | Buffer)[] = group.map((i) => keys[i]!);
        for (const i of group) args.push(writes[i]!.userId, encodeProfileRecord(writes[i]!));
        return guard('writing profiles', () => this.redis.setProfilesIfNewer(group.length, ...args));
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}

async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new DependencyError(`Redis failed while ${what}: ${(err as Error).message}`, err);
  }
}
