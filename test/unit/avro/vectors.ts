// The cross-implementation vectors of test/vectors/ (generate_avro_vectors.py tells where they come from).
import { readFileSync } from 'node:fs';

import { projectPath } from '../../../services/common/paths';

interface Opinion {
  agrees: boolean;
  canonicalForm?: string;
  fingerprintLE?: string;
}

export interface Crc64Vector {
  input: string;
  fingerprint: string;
  fingerprintLE: string;
  python: Opinion;
}

export interface SchemaVector {
  name: string;
  schema: unknown;
  canonicalForm: string;
  fingerprint: string;
  fingerprintLE: string;
  python: Opinion;
}

export interface SingleObjectVector {
  name: string;
  family: string;
  version: number;
  value: Record<string, unknown>;
  singleObject: string;
}

function readVectors<T>(file: string): T {
  return JSON.parse(readFileSync(projectPath('test', 'vectors', file), 'utf8')) as T;
}

export const fingerprintVectors = readVectors<{ crc64: Crc64Vector[]; schemas: SchemaVector[] }>(
  'avro-fingerprints.json',
);
export const singleObjectVectors = readVectors<{ datums: SingleObjectVector[] }>(
  'avro-single-object.json',
).datums;

export function schemaVector(name: string): SchemaVector {
  const vector = fingerprintVectors.schemas.find((v) => v.name === name);
  if (vector === undefined) throw new Error(`no vector named ${name}`);
  return vector;
}
