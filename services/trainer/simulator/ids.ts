// Identifiers the simulated checkout system assigns. Event ids must be unique across millions of
// events (the pipeline deduplicates by event id, so an accidental collision would silently drop an
// event): they are built from (run tag, shopper index, per-shopper sequence) through an invertible
// mix, so they are unique by construction and still look random. Order ids are unique the same way.
import { mix32 } from './prng';

// Byte -> two hex digits; Number#toString(16) + padStart was a third of the generator's time.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
/** Character codes of one UUID, reused: ids are built without string concatenation, which would
 * leave a tree of ~10 cons-string nodes per id (hundreds of bytes, and GC work, per event). */
const UUID_CODES = new Array<number>(36).fill(DASH);

/** Writes `digits` hex digits of x (low digits) at codes[pos..]. */
function putHex(codes: number[], pos: number, x: number, digits: number): void {
  for (let i = digits - 1; i >= 0; i--) {
    codes[pos + i] = HEX_CODES[x & 15];
    x >>>= 4;
  }
}

/**
 * An RFC 9562 version-4-shaped UUID (so strict validators such as zod's uuidv4 accept it) whose 96
 * non-random bits are a bijection of (runTag, shopperIndex, sequence): three Feistel rounds on
 * (shopper, sequence) keyed by the run tag, then the tag masked by the result. Distinct triples
 * always give distinct ids; 26 further bits come from the shopper's random stream.
 * Layout (hex digits): aaaaaaaa-bbbb-4bbb-Vbcc-ccccccrrrrrr, V = variant 8..b.
 */
export function eventUuid(runTag: number, shopperIndex: number, sequence: number, random32: number): string {
  let a = shopperIndex >>> 0;
  let b = sequence >>> 0;
  b = (b ^ mix32((a + runTag) | 0)) >>> 0;
  a = (a ^ mix32(b ^ runTag)) >>> 0;
  b = (b ^ mix32((a + runTag) | 0)) >>> 0;
  const c = (runTag ^ mix32((a + b) | 0)) >>> 0;
  const u = UUID_CODES;
  putHex(u, 0, a, 8);
  putHex(u, 9, b >>> 16, 4);
  u[14] = HEX_CODES[4];
  putHex(u, 15, (b >>> 4) & 0xfff, 3);
  u[19] = HEX_CODES[8 + (random32 >>> 30)];
  putHex(u, 20, b & 15, 1);
  putHex(u, 21, c >>> 24, 2);
  putHex(u, 24, c & 0xffffff, 6);
  putHex(u, 30, random32 & 0xffffff, 6);
  return String.fromCharCode.apply(null, u);
}

/** Order number: run tag, shopper and the shopper's order sequence (base 36 keeps it short). */
export function orderIdOf(runTag: number, shopperIndex: number, orderSequence: number): string {
  return `o-${hex8(runTag)}-${shopperIndex.toString(36)}-${orderSequence.toString(36)}`;
}

export function userIdOf(prefix: string, shopperIndex: number): string {
  return prefix + String(shopperIndex).padStart(8, '0');
}

/** A hashed device fingerprint, as a checkout SDK would send it (16 hex digits). */
export function deviceIdOf(hi: number, lo: number): string {
  return 'd' + hex8(hi) + hex8(lo);
}

/** Merchant (store) id: category index and popularity rank, stable across runs. */
export function merchantIdOf(categoryIndex: number, rank: number): string {
  return `m${String(categoryIndex).padStart(2, '0')}-${rank}`;
}

/** 32-bit tag distinguishing runs with different seeds inside ids. */
export function runTagOf(seed32: number): number {
  return mix32(seed32 ^ 0x27d4eb2f);
}
