// The model registry on disk (the only file of the model core that does I/O):
//   <dir>/<version>.json   one artifact per version (immutable: same version, same bytes)
//   <dir>/current.json     {"version": ..., "file": ...} the model to serve
// Writes go to a temporary file renamed into place, so a reader (a scorer starting up or reloading)
// never sees half a file, and promoting a model is one atomic pointer swap.
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LoadModelOptions, LoadedModel, loadModel } from './load-model';
import { ModelArtifact, serializeModel } from './model-artifact';
import { ModelError } from './model-errors';

export const CURRENT_POINTER_FILE = 'current.json';

export interface CurrentModelPointer {
  readonly version: string;
  /** File name inside the registry directory. */
  readonly file: string;
  /** When it was promoted, ISO-8601, if the caller said. */
  readonly promotedAt?: string;
}

const VERSION_PATTERN = /^[0-9a-f]{16}$/;

function modelFileName(version: string): string {
  if (!VERSION_PATTERN.test(version)) throw new ModelError(`not a model version: ${JSON.stringify(version)}`);
  return `${version}.json`;
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
}

/** Writes <dir>/<version>.json (creating dir) and returns its path; rewriting a version is harmless. */
export async function saveModel(dir: string, artifact: ModelArtifact): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, modelFileName(artifact.version));
  await writeAtomically(path, serializeModel(artifact));
  return path;
}

/** Points current.json at a saved version. */
export async function promoteModel(
  dir: string,
  version: string,
  promotedAt?: string,
): Promise<CurrentModelPointer> {
  const file = modelFileName(version);
  await stat(join(dir, file)).catch(() => {
    throw new ModelError(`cannot promote model ${version}: ${join(dir, file)} does not exist`);
  });
  const pointer: CurrentModelPointer =
    promotedAt === undefined ? { version, file } : { version, file, promotedAt };
  await writeAtomically(join(dir, CURRENT_POINTER_FILE), `${JSON.stringify(pointer, null, 2)}\n`);
  return pointer;
}

/** The current pointer, or undefined when no model was promoted yet. */
export async function readCurrentPointer(dir: string): Promise<CurrentModelPointer | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, CURRENT_POINTER_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const pointer = JSON.parse(text) as Partial<CurrentModelPointer>;
  if (typeof pointer.version !== 'string' || pointer.file !== modelFileName(pointer.version)) {
    throw new ModelError(`${join(dir, CURRENT_POINTER_FILE)} is not a valid model pointer`);
  }
  return pointer as CurrentModelPointer;
}

/** The JSON text of a saved version. */
export async function readModelJson(dir: string, version: string): Promise<string> {
  return readFile(join(dir, modelFileName(version)), 'utf8');
}

/** Loads (validates, checks features and version) the model a given version or current.json names. */
export async function loadModelFromRegistry(
  dir: string,
  expectedFeatureNames: readonly string[],
  version?: string,
  options?: LoadModelOptions,
): Promise<LoadedModel> {
  const chosen = version ?? (await readCurrentPointer(dir))?.version;
  if (chosen === undefined) throw new ModelError(`no model promoted in ${dir} (no ${CURRENT_POINTER_FILE})`);
  const model = loadModel(await readModelJson(dir, chosen), expectedFeatureNames, options);
  if (model.version !== chosen) {
    throw new ModelError(`${join(dir, modelFileName(chosen))} holds model ${model.version}`);
  }
  return model;
}

/**
 * Why the promoted model cannot serve these features (none promoted, or trained on another
 * feature set, e.g. after an upgrade added features), or undefined when it can. Checks what the
 * scorer checks at start-up: the feature names and, when given, the feature-set version.
 */
export async function whyCurrentModelUnfit(
  dir: string,
  expectedFeatureNames: readonly string[],
  featureSetVersion?: string,
): Promise<string | undefined> {
  try {
    await loadModelFromRegistry(dir, expectedFeatureNames, undefined, { featureSetVersion });
    return undefined;
  } catch (err) {
    if (err instanceof ModelError) return err.message;
    throw err;
  }
}
