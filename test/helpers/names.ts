// Unique names per test, so tests never see each other's topics, groups or Redis keys, even when
// a run is repeated against the same broker and Redis.
import { randomBytes } from 'node:crypto';

let counter = 0;

export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}
