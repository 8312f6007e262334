import { expect } from 'chai';
import {
  decodeScoreRecord,
  encodeScoreRecord,
  SCORE_HEADER_BYTES,
} from '../../../services/scorer/score-record';

describe('score record', () => {
  const record = {
    partition: 5,
    featureVersion: 2 ** 47 + 3,
    modelEpochMs: 1_767_225_600_000,
    modelVersion: '00ff00ff12345678',
    points: 712,
    probabilityOfDefault: 0.0123456789,
    asOfMs: 1_767_225_000_000,
    updatedAtMs: 1_767_225_000_123,
    reasonCodes: ['RC01', 'RC99'],
  };

  it('round-trips every field exactly', () => {
    expect(decodeScoreRecord(encodeScoreRecord(record))).to.deep.equal(record);
  });

  it('is compact and starts with the header the Lua script compares', () => {
    const b = encodeScoreRecord(record);
    expect(b.length).to.equal(46 + 2 * 5);
    expect(SCORE_HEADER_BYTES).to.equal(14);
    expect(b.readUInt16BE(0)).to.equal(5);
    expect(b.readUIntBE(2, 6)).to.equal(record.featureVersion);
    expect(b.readUIntBE(8, 6)).to.equal(record.modelEpochMs);
  });

  it('refuses values that do not fit', () => {
    expect(() => encodeScoreRecord({ ...record, featureVersion: 2 ** 48 })).to.throw(RangeError);
    expect(() => encodeScoreRecord({ ...record, modelVersion: 'nothex' })).to.throw(RangeError);
    expect(() => decodeScoreRecord(Buffer.alloc(10))).to.throw(RangeError);
  });
});
