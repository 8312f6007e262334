// A profile as stored in Redis: an 8-byte header naming the Kafka position of the last event the
// state includes, then the feature state's own compact encoding. The header layout is what
// lua/set-profile-if-newer.lua compares.
export const PROFILE_HEADER_BYTES = 8;
const MAX_OFFSET = 2 ** 48 - 1;

export interface ProfilePosition {
  partition: number;
  /** Offset of the last event (of this user, on this partition) the state reflects. */
  offset: number;
}

export function encodeProfileRecord(pos: ProfilePosition, state: Buffer): Buffer {
  if (!Number.isInteger(pos.partition) || pos.partition < 0 || pos.partition > 0xffff)
    throw new RangeError(`partition out of range: ${pos.partition}`);
  if (!Number.isInteger(pos.offset) || pos.offset < 0 || pos.offset > MAX_OFFSET)
    throw new RangeError(`offset out of range: ${pos.offset}`);
  const out = Buffer.allocUnsafe(PROFILE_HEADER_BYTES + state.length);
  out.writeUInt16BE(pos.partition, 0);
  out.writeUIntBE(pos.offset, 2, 6);
  state.copy(out, PROFILE_HEADER_BYTES);
  return out;
}

export function decodeProfileRecord(record: Buffer): { position: ProfilePosition; state: Buffer } {
  if (record.length < PROFILE_HEADER_BYTES) throw new RangeError('profile record shorter than its header');
  return {
    position: { partition: record.readUInt16BE(0), offset: record.readUIntBE(2, 6) },
    state: record.subarray(PROFILE_HEADER_BYTES),
  };
}
