// Loads the Lua scripts in ./lua with ioredis defineCommand, so each runs by EVALSHA and is
// typed here. One entry per file; the file's header comment documents KEYS and ARGV.
import { readFileSync } from 'node:fs';
import type { Redis, Cluster, Result } from 'ioredis';
import { projectPath } from '../paths';

const SCRIPTS = {
  setProfileIfNewer: { file: 'set-profile-if-newer.lua', numberOfKeys: 1 },
  advanceCheckpoint: { file: 'advance-checkpoint.lua', numberOfKeys: 1 },
} as const;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    setProfileIfNewer(key: string, record: Buffer, ttlMs: number): Result<number, Context>;
    advanceCheckpoint(key: string, nextOffset: string): Result<number, Context>;
  }
}

export function defineScripts(redis: Redis | Cluster): void {
  for (const [name, { file, numberOfKeys }] of Object.entries(SCRIPTS)) {
    const lua = readFileSync(projectPath('services', 'common', 'redis', 'lua', file), 'utf8');
    redis.defineCommand(name, { lua, numberOfKeys });
  }
}
