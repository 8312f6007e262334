// The profile's bytes in Redis: a fixed little-endian layout behind a version byte. Every field is
// stored at exactly the precision the in-memory state holds, so decodeState(encodeState(s))
// deep-equals s. Layout of version 2 (offsets in bytes), also tabled in docs/features.md:
//    0  u8       encoding version (2)
//    1  u32 x3   latest event, first event, last order (Unix seconds)
//   13  u16 x3   lifetime orders, quick cancels, orders in the lifetime means (all saturating)
//   19  u32 x2   merchant sketch (64 bits), 27 u32 device sketch (32 bits)
//   31  u32 x5   recent event-id hashes (newest first)
//   51  f32 x15  decayed sums (SUM order)
//  111  u16 x13  shares (SHARE order)
//  137  end
// Version 1 (123 bytes, 36 features; what Redis holds when this code rolls out) is still read and
// upgraded in memory: see decodeV1. Writes are always version 2.
import { CreditScoreError } from '../errors';
import { RECENT_ID_COUNT, SHARE_COUNT, SUM_COUNT, WORD, emptyState, type ProfileState } from './state';

export const STATE_ENCODING_VERSION = 2;
export const ENCODED_STATE_BYTES = 137;

const IDS_OFFSET = 31;
const SUMS_OFFSET = IDS_OFFSET + 4 * RECENT_ID_COUNT;
const SHARES_OFFSET = SUMS_OFFSET + 4 * SUM_COUNT;

/** Version 1: no quick cancels, no mean-order counter, the first 8 shares only. */
const V1_BYTES = 123;
const V1_IDS_OFFSET = 27;
const V1_SUMS_OFFSET = V1_IDS_OFFSET + 4 * RECENT_ID_COUNT;
const V1_SHARES_OFFSET = V1_SUMS_OFFSET + 4 * SUM_COUNT;
const V1_SHARE_COUNT = 8;

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
  b.writeUInt16LE(words[WORD.LIFETIME_ORDERS], 13); // apply() saturates the three counters at 0xffff
  b.writeUInt16LE(words[WORD.QUICK_CANCELS], 15);
  b.writeUInt16LE(words[WORD.MEAN_ORDERS], 17);
  b.writeUInt32LE(words[WORD.MERCHANTS_LO], 19);
  b.writeUInt32LE(words[WORD.MERCHANTS_HI], 23);
  b.writeUInt32LE(words[WORD.DEVICES], 27);
  for (let i = 0; i < RECENT_ID_COUNT; i++) b.writeUInt32LE(words[WORD.RECENT_IDS + i], IDS_OFFSET + 4 * i);
  for (let i = 0; i < SUM_COUNT; i++) b.writeFloatLE(sums[i], SUMS_OFFSET + 4 * i);
  for (let i = 0; i < SHARE_COUNT; i++) b.writeUInt16LE(shares[i], SHARES_OFFSET + 2 * i);
  return b;
}

/** Reads version 2, or version 1 upgraded to it; refuses anything else. */
export function decodeState(bytes: Uint8Array): ProfileState {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 1) throw new StateDecodeError('empty profile state');
  const version = b[0];
  if (version === STATE_ENCODING_VERSION) return decodeV2(b);
  if (version === 1) return decodeV1(b);
  throw new StateDecodeError(
    `unknown profile state encoding version ${version} (this build reads versions 1 and ${STATE_ENCODING_VERSION})`,
  );
}

function decodeV2(b: Buffer): ProfileState {
  expectLength(b, ENCODED_STATE_BYTES);
  const s = emptyState();
  const { sums, shares, words } = s;
  readTimes(b, words);
  words[WORD.LIFETIME_ORDERS] = b.readUInt16LE(13);
  words[WORD.QUICK_CANCELS] = b.readUInt16LE(15);
  words[WORD.MEAN_ORDERS] = b.readUInt16LE(17);
  readSketchesAndIds(b, words, 19, IDS_OFFSET);
  readSums(b, sums, SUMS_OFFSET);
  for (let i = 0; i < SHARE_COUNT; i++) shares[i] = b.readUInt16LE(SHARES_OFFSET + 2 * i);
  return s;
}

/**
 * Version 1 upgraded: every field it had keeps its value (so the 36 features it served read the
 * same), and the fields version 2 added start empty: quick cancels 0, the 90-day instalment order
 * share 0 (over the 90-day order weight already there), and the lifetime means with no order
 * counted (MEAN_ORDERS 0), so they average the orders from the upgrade on. docs/features.md,
 * "Upgrading version 1 profiles", says what the new features read meanwhile.
 */
function decodeV1(b: Buffer): ProfileState {
  expectLength(b, V1_BYTES);
  const s = emptyState();
  const { sums, shares, words } = s;
  readTimes(b, words);
  words[WORD.LIFETIME_ORDERS] = b.readUInt16LE(13);
  readSketchesAndIds(b, words, 15, V1_IDS_OFFSET);
  readSums(b, sums, V1_SUMS_OFFSET);
  for (let i = 0; i < V1_SHARE_COUNT; i++) shares[i] = b.readUInt16LE(V1_SHARES_OFFSET + 2 * i);
  return s;
}

function expectLength(b: Buffer, length: number): void {
  if (b.length !== length) {
    throw new StateDecodeError(`profile state v${b[0]} must be ${length} bytes, got ${b.length}`);
  }
}

function readTimes(b: Buffer, words: Uint32Array): void {
  words[WORD.LATEST_SEC] = b.readUInt32LE(1);
  words[WORD.FIRST_SEC] = b.readUInt32LE(5);
  words[WORD.LAST_ORDER_SEC] = b.readUInt32LE(9);
}

function readSketchesAndIds(b: Buffer, words: Uint32Array, sketches: number, ids: number): void {
  words[WORD.MERCHANTS_LO] = b.readUInt32LE(sketches);
  words[WORD.MERCHANTS_HI] = b.readUInt32LE(sketches + 4);
  words[WORD.DEVICES] = b.readUInt32LE(sketches + 8);
  for (let i = 0; i < RECENT_ID_COUNT; i++) words[WORD.RECENT_IDS + i] = b.readUInt32LE(ids + 4 * i);
}

function readSums(b: Buffer, sums: Float32Array, offset: number): void {
  for (let i = 0; i < SUM_COUNT; i++) {
    const v = b.readFloatLE(offset + 4 * i);
    if (!Number.isFinite(v)) throw new StateDecodeError(`profile state value ${i} is not finite`);
    sums[i] = v;
  }
}
