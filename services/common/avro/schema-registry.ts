// The schemas in schemas/ are the registry: every version of a record family stays there as
// <family>.v<N>.avsc, any version may have written a message still in Kafka, and the newest is the
// reader. No registry service is involved, so any Avro implementation holding these files can
// produce and consume (docs/events.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Schema } from 'avsc';

import { ConfigError } from '../errors';
import { projectPath } from '../paths';
import {
  compileSchema,
  encodeSingleObject,
  SingleObjectDecoder,
  type FingerprintedType,
} from './single-object';

const SCHEMA_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.avsc$/;

export interface SchemaVersion extends FingerprintedType {
  readonly family: string;
  readonly version: number;
  readonly file: string;
}

/** Encodes and decodes one record family as single objects. */
export interface EventCodec<T> {
  readonly family: string;
  /** Every version on disk, oldest first; all of them are understood by decode. */
  readonly versions: readonly number[];
  /** The schema decode reads into (the newest unless pinned). */
  readonly readerVersion: number;
  /** Writes with `version`, by default the reader version. Throws TypeError if the value does not fit. */
  encode(value: T, version?: number): Buffer;
  /** Reads a message written with any known version; throws InvalidEventError (WireErrorReason). */
  decode(message: Buffer): T;
}

export interface CodecOptions {
  /** Pins the reader to an older version, as a consumer built before a newer schema would be. */
  readerVersion?: number;
}

export class SchemaRegistry {
  readonly schemasDir: string;
  private readonly families: ReadonlyMap<string, readonly SchemaVersion[]>;
  private readonly codecs = new Map<string, EventCodec<unknown>>();

  constructor(schemasDir: string = projectPath('schemas')) {
    this.schemasDir = schemasDir;
    this.families = loadFamilies(schemasDir);
  }

  /** Every version of a family, oldest first. */
  versionsOf(family: string): readonly SchemaVersion[] {
    const versions = this.families.get(family);
    if (versions === undefined) {
      throw new ConfigError('schemas', `no ${family}.v<N>.avsc in ${this.schemasDir}`);
    }
    return versions;
  }

  /**
   * The codec of a family. Typing the value is the caller's claim: decode guarantees the reader
   * schema's shape, which the family's TypeScript interface mirrors. Codecs are cached, so calling
   * this per message is cheap, but holding the codec is cheaper.
   */
  codecFor<T = unknown>(family: string, options: CodecOptions = {}): EventCodec<T> {
    const versions = this.versionsOf(family);
    const readerVersion = options.readerVersion ?? versions[versions.length - 1].version;
    const cacheKey = `${family}@${readerVersion}`;
    let codec = this.codecs.get(cacheKey);
    if (codec === undefined) {
      codec = createCodec(family, versions, readerVersion);
      this.codecs.set(cacheKey, codec);
    }
    return codec as EventCodec<T>;
  }
}

let defaultRegistry: SchemaRegistry | undefined;

/** The registry of the project's own schemas/ folder, loaded on first use. */
export function defaultSchemaRegistry(): SchemaRegistry {
  defaultRegistry ??= new SchemaRegistry();
  return defaultRegistry;
}

function createCodec(
  family: string,
  versions: readonly SchemaVersion[],
  readerVersion: number,
): EventCodec<unknown> {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const reader = byVersion.get(readerVersion);
  if (reader === undefined) throw new ConfigError('schemas', `${family} has no version ${readerVersion}`);
  let decoder: SingleObjectDecoder;
  try {
    decoder = new SingleObjectDecoder(reader, versions);
  } catch (err) {
    // Breaking the evolution rules (docs/events.md) surfaces here, at start-up.
    throw new ConfigError(
      'schemas',
      `${family} v${readerVersion} cannot read every other version: ${String(err)}`,
    );
  }
  return {
    family,
    versions: versions.map((v) => v.version),
    readerVersion,
    encode(value, version = readerVersion) {
      const writer = byVersion.get(version);
      if (writer === undefined) throw new RangeError(`${family} has no schema version ${version}`);
      return encodeSingleObject(writer, value);
    },
    decode: (message) => decoder.decode(message),
  };
}

function loadFamilies(schemasDir: string): Map<string, SchemaVersion[]> {
  const families = new Map<string, SchemaVersion[]>();
  let files: string[];
  try {
    files = readdirSync(schemasDir);
  } catch (err) {
    throw new ConfigError('schemas', `cannot list ${schemasDir}: ${(err as Error).message}`);
  }
  for (const file of files) {
    const match = SCHEMA_FILE.exec(file);
    if (match === null) continue;
    const [, family, version] = match;
    const versions = families.get(family) ?? [];
    versions.push({ family, version: Number(version), file, ...loadSchema(join(schemasDir, file)) });
    families.set(family, versions);
  }
  for (const versions of families.values()) versions.sort((a, b) => a.version - b.version);
  return families;
}

function loadSchema(path: string): FingerprintedType {
  try {
    return compileSchema(JSON.parse(readFileSync(path, 'utf8')) as Schema);
  } catch (err) {
    throw new ConfigError('schemas', `${path}: ${(err as Error).message}`);
  }
}
