// A schema's identity on the wire: the CRC-64-AVRO fingerprint of its Parsing Canonical Form.
import { parsingCanonicalForm } from './canonical-form';
import { crc64Avro, fingerprintToBytesLE } from './crc64-avro';

export interface SchemaFingerprint {
  readonly canonicalForm: string;
  /** Unsigned 64-bit value, as Java's SchemaNormalization.parsingFingerprint64 (read as unsigned). */
  readonly fingerprint: bigint;
  /** The same 8 bytes, little-endian, as single-object encoding writes them after C3 01. */
  readonly fingerprintLE: Buffer;
}

/** Fingerprint of a schema given as parsed JSON. */
export function fingerprintSchema(schema: unknown): SchemaFingerprint {
  const canonicalForm = parsingCanonicalForm(schema);
  const fingerprint = crc64Avro(canonicalForm);
  return { canonicalForm, fingerprint, fingerprintLE: fingerprintToBytesLE(fingerprint) };
}
