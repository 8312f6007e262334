// A latest score as stored in Redis (a field of a score bucket hash, see keys.ts): ~50-70 bytes.
// The 14-byte header is what lua/set-scores-if-newer.lua compares; the reason texts are not
// stored, only their stable codes (texts come from the model's reason table when served).
//
//   0  uint16  partition of the feature state's last event
//   2  uint48  feature version (that event's offset)
//   8  uint48  model epoch: when the scoring model was promoted, epoch ms
//  14  uint8   record format (1)
//  15  8 bytes model version (16 hex digits)
//  23  uint16  points
//  25  float64 probability of default
//  33  uint48  as-of time (the state's latest event time), epoch ms
//  39  uint48  updatedAt: Kafka timestamp of the batch that produced the state, epoch ms
//  45  uint8   reason count, then per reason: uint8 length + ASCII code
export const SCORE_HEADER_BYTES = 14;
const FORMAT = 1;
const FIXED_BYTES = 46;
const MAX_UINT48 = 2 ** 48 - 1;

export interface ScoreRecord {
  partition: number;
  featureVersion: number;
  modelEpochMs: number;
  modelVersion: string;
  points: number;
  probabilityOfDefault: number;
  asOfMs: number;
  updatedAtMs: number;
  reasonCodes: string[];
}

function uint48(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > MAX_UINT48) throw new RangeError(`${name} out of range: ${v}`);
  return v;
}

export function encodeScoreRecord(r: ScoreRecord): Buffer {
  if (!/^[0-9a-f]{16}$/.test(r.modelVersion)) throw new RangeError(`not a model version: ${r.modelVersion}`);
  if (!Number.isInteger(r.partition) || r.partition < 0 || r.partition > 0xffff)
    throw new RangeError(`partition out of range: ${r.partition}`);
  const codes = r.reasonCodes.map((c) => Buffer.from(c, 'ascii'));
  if (codes.length > 255 || codes.some((c) => c.length > 255))
    throw new RangeError('too many or too long reasons');
  const out = Buffer.allocUnsafe(FIXED_BYTES + codes.reduce((n, c) => n + 1 + c.length, 0));
  out.writeUInt16BE(r.partition, 0);
  out.writeUIntBE(uint48('featureVersion', r.featureVersion), 2, 6);
  out.writeUIntBE(uint48('modelEpochMs', r.modelEpochMs), 8, 6);
  out.writeUInt8(FORMAT, 14);
  out.write(r.modelVersion, 15, 8, 'hex');
  out.writeUInt16BE(Math.max(0, Math.min(0xffff, Math.round(r.points))), 23);
  out.writeDoubleBE(r.probabilityOfDefault, 25);
  out.writeUIntBE(uint48('asOfMs', Math.max(0, r.asOfMs)), 33, 6);
  out.writeUIntBE(uint48('updatedAtMs', Math.max(0, r.updatedAtMs)), 39, 6);
  out.writeUInt8(codes.length, 45);
  let at = FIXED_BYTES;
  for (const c of codes) {
    out.writeUInt8(c.length, at);
    c.copy(out, at + 1);
    at += 1 + c.length;
  }
  return out;
}

export function decodeScoreRecord(b: Buffer): ScoreRecord {
  if (b.length < FIXED_BYTES) throw new RangeError('score record shorter than its fixed part');
  if (b.readUInt8(14) !== FORMAT) throw new RangeError(`unknown score record format ${b.readUInt8(14)}`);
  const count = b.readUInt8(45);
  const reasonCodes: string[] = [];
  let at = FIXED_BYTES;
  for (let i = 0; i < count; i++) {
    const len = b.readUInt8(at);
    if (at + 1 + len > b.length) throw new RangeError('score record truncated in its reasons');
    reasonCodes.push(b.toString('ascii', at + 1, at + 1 + len));
    at += 1 + len;
  }
  return {
    partition: b.readUInt16BE(0),
    featureVersion: b.readUIntBE(2, 6),
    modelEpochMs: b.readUIntBE(8, 6),
    modelVersion: b.toString('hex', 15, 23),
    points: b.readUInt16BE(23),
    probabilityOfDefault: b.readDoubleBE(25),
    asOfMs: b.readUIntBE(33, 6),
    updatedAtMs: b.readUIntBE(39, 6),
    reasonCodes,
  };
}
