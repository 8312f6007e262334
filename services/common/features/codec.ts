// The profile's bytes in Redis: a fixed little-endian layout behind a version byte. Every field is
// stored at exactly the precision the in-memory state holds, so decodeState(encodeState(s))
// deep-equals s. Layout (offsets in bytes), also tabled in docs/features.md:
//    0  u8       encoding version (2)
//    1  u32 x3   latest event, first event, last order (Unix seconds)
//   13  u16      lifetime orders (saturating), 15 u16 quick cancels (saturating)
//   17  u32 x2   merchant sketch (64 bits), 25 u32 device sketch (32 bits)
//   29  u32 x5   recent event-id hashes (newest first)
//   49  f32 x15  decayed sums (SUM order)
//  109  u16 x13  shares (SHARE order)
//  135  end
// Version 1 (123 bytes, 36 features) is refused: its profiles lack the lifetime means and must be
// rebuilt by replaying the events (docs/features.md, "State layout").
import { CreditScoreError } from '../errors';
import { RECENT_ID_COUNT, SHARE_COUNT, SUM_COUNT, WORD, emptyState, type ProfileState } from './state';

export const STATE_ENCODING_VERSION = 2;
export const ENCODED_STATE_BYTES = 135;

const IDS_OFFSET = 29;
const SUMS_OFFSET = IDS_OFFSET + 4 * RECENT_ID_COUNT;
const SHARES_OFFSET = SUMS_OFFSET + 4 * SUM_COUNT;

/** Stored profile bytes that cannot be read: wrong length, unknown version or corrupt values. */
export class StateDecodeError extends CreditScoreError {
  constructor(message: string) {
    super(message, { code: 'STATE_DECODE', retriable: false });
  }
}

export function encodeState(s: ProfileState): Buffer {
  const { sums, shares, words } = s;
  const b = Buffer.allocUnsafe(ENCODED_STATE_BYTES);
  b[0] = STATE_ENCODING_VERSION;
  b.writeUInt32LE(words[WORD.LATEST_SEC], 1);
  b.writeUInt32LE(words[WORD.FIRST_SEC], 5);
  b.writeUInt32LE(words[WORD.LAST_ORDER_SEC], 9);
  b.writeUInt16LE(words[WORD.LIFETIME_ORDERS], 13); // apply() saturates both counters at 0xffff
  b.writeUInt16LE(words[WORD.QUICK_CANCELS], 15);
  b.writeUInt32LE(words[WORD.MERCHANTS_LO], 17);
  b.writeUInt32LE(words[WORD.MERCHANTS_HI], 21);
  b.writeUInt32LE(words[WORD.DEVICES], 25);
  for (let i = 0; i < RECENT_ID_COUNT; i++) b.writeUInt32LE(words[WORD.RECENT_IDS + i], IDS_OFFSET + 4 * i);
  for (let i = 0; i < SUM_COUNT; i++) b.writeFloatLE(sums[i], SUMS_OFFSET + 4 * i);
  for (let i = 0; i < SHARE_COUNT; i++) b.writeUInt16LE(shares[i], SHARES_OFFSET + 2 * i);
  return b;
}

export function decodeState(bytes: Uint8Array): ProfileState {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 1) throw new StateDecodeError('empty profile state');
  const version = b[0];
  if (version !== STATE_ENCODING_VERSION) {
    throw new StateDecodeError(`unknown profile state encoding version ${version}`);
  }
  if (b.length !== ENCODED_STATE_BYTES) {
    throw new StateDecodeError(
      `profile state v${version} must be ${ENCODED_STATE_BYTES} bytes, got ${b.length}`,
    );
  }
  const s = emptyState();
  const { sums, shares, words } = s;
  words[WORD.LATEST_SEC] = b.readUInt32LE(1);
  words[WORD.FIRST_SEC] = b.readUInt32LE(5);
  words[WORD.LAST_ORDER_SEC] = b.readUInt32LE(9);
  words[WORD.LIFETIME_ORDERS] = b.readUInt16LE(13);
  words[WORD.QUICK_CANCELS] = b.readUInt16LE(15);
  words[WORD.MERCHANTS_LO] = b.readUInt32LE(17);
  words[WORD.MERCHANTS_HI] = b.readUInt32LE(21);
  words[WORD.DEVICES] = b.readUInt32LE(25);
  for (let i = 0; i < RECENT_ID_COUNT; i++) words[WORD.RECENT_IDS + i] = b.readUInt32LE(IDS_OFFSET + 4 * i);
  for (let i = 0; i < SUM_COUNT; i++) {
    const v = b.readFloatLE(SUMS_OFFSET + 4 * i);
    if (!Number.isFinite(v)) throw new StateDecodeError(`profile state value ${i} is not finite`);
    sums[i] = v;
  }
  for (let i = 0; i < SHARE_COUNT; i++) shares[i] = b.readUInt16LE(SHARES_OFFSET + 2 * i);
  return s;
}
