// CRC-64-AVRO, the 64-bit Rabin fingerprint the Avro specification defines for schema fingerprints
// ("Schema Fingerprints"). Only schemas are fingerprinted, once each at start-up, so a plain bigint
// implementation is fast enough and easy to check against the specification's reference code.

/** The fingerprint of the empty input, which also seeds the table (the specification's EMPTY). */
export const CRC64_AVRO_EMPTY = 0xc15d213aa4d7a795n;

const TABLE: readonly bigint[] = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let bit = 0; bit < 8; bit++) fp = (fp >> 1n) ^ (CRC64_AVRO_EMPTY & -(fp & 1n));
  return fp;
});

/** CRC-64-AVRO of the bytes, or of a string's UTF-8 encoding, as an unsigned 64-bit bigint. */
export function crc64Avro(data: Uint8Array | string): bigint {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fp = CRC64_AVRO_EMPTY;
  for (const byte of bytes) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

/** The 8 little-endian bytes of a fingerprint, the order single-object encoding puts on the wire. */
export function fingerprintToBytesLE(fingerprint: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(fingerprint);
  return bytes;
}
