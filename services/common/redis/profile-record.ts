// A profile as stored in Redis: a 12-byte header naming the Kafka position of the last event the
// state includes and that event's time, then the feature state's own compact encoding. The header
// layout is what lua/set-profiles-if-newer.lua and lua/prune-profiles.lua read.
export const PROFILE_HEADER_BYTES = 12;
const MAX_OFFSET = 2 ** 48 - 1;

export interface ProfilePosition {
  partition: number;
  /** Offset of the last event (of this user, on this partition) the state reflects. */
  offset: number;
}

export interface ProfileRecord {
  position: ProfilePosition;
  /** Latest event time in the state, epoch seconds (what expiry of inactive profiles goes by). */
  lastEventSec: number;
  state: Buffer;
}

export function encodeProfileRecord(r: ProfileRecord): Buffer {
  const { partition, offset } = r.position;
  if (!Number.isInteger(partition) || partition < 0 || partition > 0xffff)
    throw new RangeError(`partition out of range: ${partition}`);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    throw new RangeError(`offset out of range: ${offset}`);
  const out = Buffer.allocUnsafe(PROFILE_HEADER_BYTES + r.state.length);
  out.writeUInt16BE(partition, 0);
  out.writeUIntBE(offset, 2, 6);
  out.writeUInt32BE(Math.max(0, Math.min(0xffffffff, Math.floor(r.lastEventSec))), 8);
  r.state.copy(out, PROFILE_HEADER_BYTES);
  return out;
}

export function decodeProfileRecord(record: Buffer): ProfileRecord {
  if (record.length < PROFILE_HEADER_BYTES) throw new RangeError('profile record shorter than its header');
  return {
    position: { partition: record.readUInt16BE(0), offset: record.readUIntBE(2, 6) },
    lastEventSec: record.readUInt32BE(8),
    state: record.subarray(PROFILE_HEADER_BYTES),
  };
}
