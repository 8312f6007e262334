// Avro single-object encoding (specification, "Single-object encoding"):
//
//   offset 0   1   2 ............................ 9   10 ...
//          C3  01  CRC-64-AVRO of writer schema, LE   Avro binary datum
//
// The fingerprint names the writer schema; the decoder resolves the datum from that schema to the
// reader's, which is how old and new producers coexist. avsc does the binary datum and resolution;
// logical types are deliberately not registered, so timestamp-millis stays a number (epoch ms).
import { Type, type Resolver, type Schema } from 'avsc';

import { InvalidEventError } from '../errors';
import { fingerprintSchema, type SchemaFingerprint } from './schema-fingerprint';

export const SINGLE_OBJECT_MAGIC: readonly [number, number] = [0xc3, 0x01];
export const SINGLE_OBJECT_HEADER_BYTES = 10;

/** Reasons (InvalidEventError.reason) a single-object message cannot be decoded. */
export const WIRE_ERROR_REASONS = [
  'bad_magic',
  'truncated',
  'unknown_fingerprint',
  'undecodable',
  'trailing_bytes',
] as const;
export type WireErrorReason = (typeof WIRE_ERROR_REASONS)[number];

/** An avsc type together with the fingerprint of the schema it was compiled from. */
export interface FingerprintedType extends SchemaFingerprint {
  readonly type: Type;
}

/** Compiles a schema (parsed .avsc JSON) and fingerprints it from the same JSON. */
export function compileSchema(schema: Schema): FingerprintedType {
  // Plain objects for records (no avsc methods on their prototype), so values compare, spread and
  // serialise like any other object.
  return { ...fingerprintSchema(schema), type: Type.forSchema(schema, { omitRecordMethods: true }) };
}

/** Encodes a value as a single object. Throws (a programming error, not bad input) if it does not fit. */
export function encodeSingleObject(writer: FingerprintedType, value: unknown): Buffer {
  const badPaths: string[] = [];
  // avsc writes without checking, so a wrong value could otherwise produce garbage bytes.
  if (!writer.type.isValid(value, { errorHook: (path) => badPaths.push(path.join('.') || '(root)') })) {
    throw new TypeError(`value does not match ${writer.type.name ?? 'the schema'} at ${badPaths.join(', ')}`);
  }
  const datum = writer.type.toBuffer(value);
  const message = Buffer.allocUnsafe(SINGLE_OBJECT_HEADER_BYTES + datum.length);
  message[0] = SINGLE_OBJECT_MAGIC[0];
  message[1] = SINGLE_OBJECT_MAGIC[1];
  writer.fingerprintLE.copy(message, 2);
  datum.copy(message, SINGLE_OBJECT_HEADER_BYTES);
  return message;
}

interface KnownWriter {
  // The fingerprint as two 32-bit halves: compared without allocating a bigint or a string.
  readonly low: number;
  readonly high: number;
  // Undefined when the writer schema is the reader's own: avsc then reads directly.
  readonly resolver: Resolver | undefined;
}

/** Decodes single-object messages written with any of the known writer schemas into the reader's. */
export class SingleObjectDecoder {
  private readonly reader: Type;
  private readonly writers: readonly KnownWriter[];

  /**
   * Resolvers are built here, once per writer, so an incompatible schema fails at start-up rather
   * than on the first message that uses it.
   */
  constructor(reader: FingerprintedType, writers: readonly FingerprintedType[]) {
    this.reader = reader.type;
    this.writers = writers.map((writer) => ({
      low: writer.fingerprintLE.readUInt32LE(0),
      high: writer.fingerprintLE.readUInt32LE(4),
      resolver:
        writer.fingerprint === reader.fingerprint ? undefined : reader.type.createResolver(writer.type),
    }));
  }

  /** The value read with the reader schema; throws InvalidEventError with a WireErrorReason. */
  decode(message: Buffer): unknown {
    if (
      message.length < 2 ||
      message[0] !== SINGLE_OBJECT_MAGIC[0] ||
      message[1] !== SINGLE_OBJECT_MAGIC[1]
    ) {
      throw new InvalidEventError('bad_magic', 'not an Avro single-object message (no C3 01 header)');
    }
    if (message.length < SINGLE_OBJECT_HEADER_BYTES) {
      throw new InvalidEventError('truncated', `message of ${message.length} bytes ends inside the header`);
    }
    const writer = this.findWriter(message.readUInt32LE(2), message.readUInt32LE(6));
    if (writer === undefined) {
      const fingerprint = message.readBigUInt64LE(2).toString(16).padStart(16, '0');
      throw new InvalidEventError(
        'unknown_fingerprint',
        `no known writer schema has fingerprint ${fingerprint}`,
      );
    }
    let decoded: { value: unknown; offset: number };
    try {
      decoded = this.reader.decode(message, SINGLE_OBJECT_HEADER_BYTES, writer.resolver);
    } catch (err) {
      // avsc throws on bytes no schema could have written: a bad enum or union index, a long
      // beyond 2^53.
      throw new InvalidEventError('undecodable', `datum does not decode: ${(err as Error).message}`, err);
    }
    // avsc reports a datum that runs past the end (or a negative length prefix) as offset -1.
    if (decoded.offset < 0)
      throw new InvalidEventError('truncated', 'datum ends before the schema says it does');
    if (decoded.offset !== message.length) {
      throw new InvalidEventError(
        'trailing_bytes',
        `${message.length - decoded.offset} bytes follow the datum (wrong writer schema?)`,
      );
    }
    return decoded.value;
  }

  // A family has a handful of versions, so a linear scan beats any map keyed by a derived value.
  private findWriter(low: number, high: number): KnownWriter | undefined {
    for (const writer of this.writers) if (writer.low === low && writer.high === high) return writer;
    return undefined;
  }
}
