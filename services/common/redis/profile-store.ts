// Reads and writes profile records for many users in one round trip each (pipelines), so a batch
// of thousands of events costs two Redis round trips, not thousands. Works on Redis Cluster too:
// every command touches one key.
import type { Redis, Cluster } from 'ioredis';
import { DependencyError } from '../errors';
import type { KeyBuilder } from './keys';
import { decodeProfileRecord, encodeProfileRecord, type ProfilePosition } from './profile-record';

export interface StoredProfile {
  position: ProfilePosition;
  state: Buffer;
}

export interface ProfileWrite {
  userId: string;
  position: ProfilePosition;
  state: Buffer;
}

export class ProfileStore {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly keys: KeyBuilder,
    private readonly ttlMs: number,
  ) {}

  async read(userIds: string[]): Promise<Map<string, StoredProfile>> {
    const found = new Map<string, StoredProfile>();
    if (userIds.length === 0) return found;
    const pipe = this.redis.pipeline();
    for (const id of userIds) pipe.getBuffer(this.keys.profile(id));
    const replies = await execOrThrow(pipe, 'reading profiles');
    replies.forEach((value, i) => {
      if (value) found.set(userIds[i]!, decodeProfileRecord(value as Buffer));
    });
    return found;
  }

  /** Returns how many records were written (the rest were already at or past their position). */
  async write(writes: ProfileWrite[]): Promise<number> {
    if (writes.length === 0) return 0;
    const pipe = this.redis.pipeline();
    for (const w of writes)
      pipe.setProfileIfNewer(
        this.keys.profile(w.userId),
        encodeProfileRecord(w.position, w.state),
        this.ttlMs,
      );
    const replies = await execOrThrow(pipe, 'writing profiles');
    return replies.reduce((n: number, r) => n + Number(r), 0);
  }
}

/** Runs a pipeline; any failed command fails the whole call as a retriable DependencyError. */
export async function execOrThrow(pipe: ReturnType<Redis['pipeline']>, what: string): Promise<unknown[]> {
  let results: [Error | null, unknown][] | null;
  try {
    results = await pipe.exec();
  } catch (err) {
    throw new DependencyError(`Redis failed while ${what}: ${(err as Error).message}`, err);
  }
  if (!results) throw new DependencyError(`Redis pipeline aborted while ${what}`);
  return results.map(([err, value]) => {
    if (err) throw new DependencyError(`Redis failed while ${what}: ${err.message}`, err);
    return value;
  });
}
