// The Redis encoding: versioned, fixed size within the budget, and an exact round trip.
import { expect } from 'chai';
import {
  ENCODED_STATE_BYTES,
  STATE_ENCODING_VERSION,
  StateDecodeError,
  applyInPlace,
  decodeState,
  emptyState,
  encodeState,
} from '../../../services/common/features';
import { PROFILE_HEADER_BYTES } from '../../../services/common/redis/profile-record';
import { randomStream } from './fixtures';

/**
 * The whole profile in Redis must fit 256 bytes. Profiles are fields of bucket hashes stored as
 * listpacks (docs/storage.md): beside the record (store header + state) a profile costs its user-id
 * field, entry headers and its share of the bucket keys, ~40 bytes measured at 1 million profiles
 * (189.2 bytes per profile with 149-byte records, bench/profile-memory.ts via `npm run bench -- memory`). A
 * record over 256 bytes would also turn its bucket into a hashtable (hash-max-listpack-value 256),
 * at about twice the memory.
 */
const LISTPACK_FIELD_OVERHEAD_BYTES = 41;
const LISTPACK_MAX_VALUE_BYTES = 256;

describe('features: state encoding', () => {
  it('fits the Redis budget', () => {
    const record = PROFILE_HEADER_BYTES + ENCODED_STATE_BYTES;
    expect(record).to.be.at.most(LISTPACK_MAX_VALUE_BYTES);
    expect(record + LISTPACK_FIELD_OVERHEAD_BYTES).to.be.at.most(256);
  });

  it('round-trips the empty state; the first byte is the encoding version', () => {
    const bytes = encodeState(emptyState());
    expect(bytes.length).to.equal(ENCODED_STATE_BYTES);
    expect(bytes[0]).to.equal(STATE_ENCODING_VERSION);
    expect(decodeState(bytes)).to.deep.equal(emptyState());
  });

  it('a heavy user (5,000 events over years) stays the same size and round-trips exactly', () => {
    const s = emptyState();
    for (const e of randomStream(2024, 5000)) applyInPlace(s, e, { allowedLatenessMs: Infinity });
    const bytes = encodeState(s);
    expect(bytes.length).to.equal(ENCODED_STATE_BYTES);
    const back = decodeState(bytes);
    expect(back).to.deep.equal(s);
    expect(encodeState(back).equals(bytes)).to.equal(true);
    // Also from a plain Uint8Array view at an offset (as a Redis client might hand it over).
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(decodeState(padded.subarray(3))).to.deep.equal(s);
  });

  it('refuses bytes it cannot read', () => {
    const good = encodeState(emptyState());
    expect(() => decodeState(Buffer.alloc(0))).to.throw(StateDecodeError);
    expect(() => decodeState(good.subarray(0, good.length - 1))).to.throw(StateDecodeError);
    expect(() => decodeState(Buffer.concat([good, Buffer.from([0])]))).to.throw(StateDecodeError);
    const future = Buffer.from(good);
    future[0] = STATE_ENCODING_VERSION + 1;
    expect(() => decodeState(future)).to.throw(StateDecodeError, /version/);
    const corrupt = Buffer.from(good);
    corrupt.writeFloatLE(Number.NaN, 51); // the first decayed sum
    expect(() => decodeState(corrupt)).to.throw(StateDecodeError, /finite/);
  });
});
