// Loads the Lua scripts in ./lua with ioredis defineCommand, so each runs by EVALSHA and is typed
// here. One entry per file; the file's header comment documents KEYS and ARGV.
import { readFileSync } from 'node:fs';
import type { Result } from 'ioredis';
import type { RedisClient } from './client';
import { projectPath } from '../paths';

/** numberOfKeys undefined: the caller passes the key count first (variadic scripts). */
const SCRIPTS: Record<string, { file: string; numberOfKeys?: number }> = {
  getProfiles: { file: 'get-profiles.lua' },
  getBuckets: { file: 'get-buckets.lua' },
  setProfilesIfNewer: { file: 'set-profiles-if-newer.lua' },
  pruneProfiles: { file: 'prune-profiles.lua', numberOfKeys: 2 },
  advanceCheckpoint: { file: 'advance-checkpoint.lua', numberOfKeys: 1 },
  setScoresIfNewer: { file: 'set-scores-if-newer.lua' },
};

declare module 'ioredis' {
  interface RedisCommander<Context> {
    getProfilesBuffer(
      numKeys: number,
      ...keysThenArgs: (string | Buffer)[]
    ): Result<(Buffer | null)[], Context>;
    /** Per key, its hash as a flat [field, value, ...] array. */
    getBucketsBuffer(numKeys: number, ...keys: string[]): Result<Buffer[][], Context>;
    setProfilesIfNewer(numKeys: number, ...keysThenArgs: (string | Buffer)[]): Result<number, Context>;
    /** Returns [profiles deleted, scores deleted]. */
    pruneProfiles(
      profileBucketKey: string,
      scoreBucketKey: string,
      cutoffSec: number,
    ): Result<[number, number], Context>;
    advanceCheckpoint(
      key: string,
      firstOffset: string,
      nextOffset: string,
    ): Result<[number, string], Context>;
    /** Per record: 1 written, 2 already stored (same version and model), 0 stale (not written). */
    setScoresIfNewer(numKeys: number, ...keysThenArgs: (string | Buffer)[]): Result<number[], Context>;
  }
}

export function defineScripts(redis: RedisClient): void {
  for (const [name, { file, numberOfKeys }] of Object.entries(SCRIPTS)) {
    const lua = readFileSync(projectPath('services', 'common', 'redis', 'lua', file), 'utf8');
    redis.defineCommand(name, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
  }
}
