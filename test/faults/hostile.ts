// Hostile messages for the purchases topic, each built so that its fate is known in advance: it
// must be dead-lettered, and (except for random bytes after a valid header) with a known reason.
// Mutations that could still decode to a valid event (a bit flip inside an amount, say) are not
// used: such a message is a legitimate event, not an attack.
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { encodeEvent } from '../helpers/pipeline';

/** Weighted: a kind listed twice is picked twice as often. Huge payloads are kept rare. */
export const HOSTILE_KINDS = [
  'truncated',
  'truncated',
  'magic_flip',
  'fingerprint_flip',
  'fingerprint_flip',
  'user_id_flip',
  'user_id_flip',
  'trailing_bytes',
  'garbage',
  'garbage',
  'garbage_after_magic',
  'garbage_datum',
  'garbage_datum',
  'missing_key',
  'wrong_key',
  'wrong_key',
  'missing_value',
  'extreme',
  'extreme',
  'extreme',
  'extreme',
  'too_late',
  'too_late',
  'huge',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export interface HostileContext {
  seq: number;
  /** The most recent good event: its shopper's key puts the message on a real partition. */
  base: PurchaseEvent;
  rnd: () => number;
  latestOfUser: number;
  allowedLatenessMs: number;
}

export interface Hostile {
  key: Buffer | null;
  value: Buffer | null;
  kind: HostileKind;
  event?: PurchaseEvent;
  reasons?: readonly string[] | null;
}

const DAY_MS = 86_400_000;
const MAX_EVENT_BYTES = 65_536; // the updater's default MAX_EVENT_BYTES
const HEADER = 10; // C3 01 + 8-byte fingerprint

function bytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

function flipBit(buf: Buffer, at: number, rnd: () => number): Buffer {
  const out = Buffer.from(buf);
  out[at]! ^= 1 << Math.floor(rnd() * 8);
  return out;
}

/** Reads an Avro zig-zag varint at `at`: [value, bytes used]. */
function readVarint(buf: Buffer, at: number): [number, number] {
  let n = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = buf[i++]!;
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) break;
  }
  return [n % 2 === 0 ? n / 2 : -(n + 1) / 2, i - at];
}

/** [start, length] of the userId bytes: the datum is eventId (string), then userId (string). */
function userIdBytes(value: Buffer): [number, number] {
  const [eventIdLength, a] = readVarint(value, HEADER);
  const at = HEADER + a + eventIdLength;
  const [userIdLength, b] = readVarint(value, at);
  return [at + b, userIdLength];
}

type Extreme = [Partial<PurchaseEvent>, string];

/** One out-of-contract value per event (validation stops at the first), with its reason. */
function extremes(rnd: () => number): Extreme[] {
  return [
    [{ amountMinor: -1 - Math.floor(rnd() * 1e9) }, 'negative_amount'],
    [{ amountMinor: 9_007_199_254_740_990 }, 'amount_too_large'], // avsc's largest long
    [{ amountMinor: 10_000_000_001 }, 'amount_too_large'],
    [{ eventTime: 0 }, 'absurd_timestamp'],
    [{ eventTime: -DAY_MS }, 'absurd_timestamp'],
    [{ eventTime: Date.UTC(2100, 0, 1) }, 'future_timestamp'],
    [{ itemCount: 0 }, 'bad_item_count'],
    [{ itemCount: 2 ** 31 - 1 }, 'bad_item_count'],
    [{ currency: 'ZZZ' }, 'bad_currency'],
    [{ currency: 'cny' }, 'bad_currency'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'bad_time_zone'],
    [{ timeZone: '../../etc/passwd' }, 'bad_time_zone'],
    [{ merchantId: 'm'.repeat(257 + Math.floor(rnd() * 5000)) }, 'field_too_long'],
    [{ userId: 'u'.repeat(129 + Math.floor(rnd() * 5000)) }, 'bad_user_id'],
    [{ userId: 'shopper 42' }, 'bad_user_id'],
    [{ orderId: '' }, 'missing_field'],
    [{ deviceId: '' }, 'missing_field'],
  ];
}

export function hostileMessage(kind: HostileKind, c: HostileContext): Hostile {
  const { rnd, seq } = c;
  // A fresh event id: a hostile copy never shares an id with a good event.
  const copy: PurchaseEvent = { ...c.base, eventId: `hostile-${seq}` };
  const key = Buffer.from(copy.userId);
  const valid = encodeEvent(copy);
  switch (kind) {
    case 'truncated': {
      // Where the cut falls decides whether avsc notices the end (truncated) or reads a nonsense
      // index first (undecodable).
      const keep = Math.floor(rnd() * (valid.length - 1));
      return {
        kind,
        key,
        value: valid.subarray(0, keep),
        reasons: ['truncated', 'undecodable', 'bad_magic'],
      };
    }
    case 'magic_flip':
      return { kind, key, value: flipBit(valid, Math.floor(rnd() * 2), rnd), reasons: ['bad_magic'] };
    case 'fingerprint_flip':
      return {
        kind,
        key,
        value: flipBit(valid, 2 + Math.floor(rnd() * 8), rnd),
        reasons: ['unknown_fingerprint'],
      };
    case 'user_id_flip': {
      // The datum still decodes, but to another shopper than the key names; or to an id no
      // shopper may have (a flip can turn '0' into a space or '-' into a carriage return).
      const [at, length] = userIdBytes(valid);
      return {
        kind,
        key,
        value: flipBit(valid, at + Math.floor(rnd() * length), rnd),
        reasons: ['key_mismatch', 'bad_user_id'],
      };
    }
    case 'trailing_bytes':
      return {
        kind,
        key,
        value: Buffer.concat([valid, bytes(rnd, 1 + Math.floor(rnd() * 64))]),
        reasons: ['trailing_bytes'],
      };
    case 'garbage': {
      const value = bytes(rnd, Math.floor(rnd() * 400));
      if (value.length > 0 && value[0] === 0xc3) value[0] = 0;
      return { kind, key, value, reasons: ['bad_magic'] };
    }
    case 'garbage_after_magic':
      return {
        kind,
        key,
        value: Buffer.concat([Buffer.from([0xc3, 0x01]), bytes(rnd, 8 + Math.floor(rnd() * 400))]),
        reasons: ['unknown_fingerprint'],
      };
    case 'garbage_datum':
      // A known schema's fingerprint, then random bytes: any reason, but dead-lettered.
      return {
        kind,
        key: Buffer.from(`garbage-${seq}`),
        value: Buffer.concat([valid.subarray(0, HEADER), bytes(rnd, Math.floor(rnd() * 400))]),
        reasons: null,
      };
    case 'missing_key':
      return { kind, key: rnd() < 0.5 ? null : Buffer.alloc(0), value: valid, reasons: ['missing_key'] };
    case 'wrong_key': {
      const r = rnd();
      const wrong =
        r < 0.4
          ? Buffer.from(`${copy.userId}x`)
          : r < 0.7
            ? bytes(rnd, 1 + Math.floor(rnd() * 64))
            : Buffer.from('k'.repeat(1000 + Math.floor(rnd() * 20_000)));
      return { kind, key: wrong, value: valid, reasons: ['key_mismatch'] };
    }
    case 'missing_value':
      return { kind, key, value: null, reasons: ['missing_value'] };
    case 'extreme': {
      const list = extremes(rnd);
      const [change, reason] = list[Math.floor(rnd() * list.length)]!;
      return { kind, key, value: encodeEvent({ ...copy, ...change }), reasons: [reason] };
    }
    case 'too_late': {
      // A valid event just past the allowed lateness behind the shopper's latest: the verdict's
      // replay decides (too_late, dead-lettered), as the updater must.
      const event = { ...copy, eventTime: c.latestOfUser - c.allowedLatenessMs - DAY_MS };
      return { kind, key, value: encodeEvent(event), event };
    }
    case 'huge': {
      const size = MAX_EVENT_BYTES + 1 + Math.floor(rnd() * 600_000);
      const value = Buffer.alloc(size, Math.floor(rnd() * 256));
      valid.copy(value, 0, 0, HEADER);
      return { kind, key, value, reasons: ['oversized'] };
    }
  }
}
