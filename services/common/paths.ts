// The project root, found from any compiled or source location, so contract files (schemas/,
// proto/) and Lua scripts are read from one place whether code runs from dist/ or a test.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot(__dirname);

/** Path of a file under the project root, e.g. projectPath('schemas', 'x.avsc'). */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
