import { expect } from 'chai';

import { CRC64_AVRO_EMPTY, crc64Avro, fingerprintToBytesLE } from '../../../services/common/avro/crc64-avro';
import { fingerprintVectors } from './vectors';

describe('CRC-64-AVRO', () => {
  it('gives the specification seed for empty input', () => {
    expect(crc64Avro('')).to.equal(0xc15d213aa4d7a795n);
    expect(crc64Avro(new Uint8Array(0))).to.equal(CRC64_AVRO_EMPTY);
  });

  for (const vector of fingerprintVectors.crc64) {
    it(`matches Java's SchemaNormalization.fingerprint64 for ${JSON.stringify(vector.input)}`, () => {
      const fingerprint = crc64Avro(vector.input);
      expect(fingerprint.toString(16).padStart(16, '0')).to.equal(vector.fingerprint);
      expect(fingerprintToBytesLE(fingerprint).toString('hex')).to.equal(vector.fingerprintLE);
    });
  }

  it('hashes a string as its UTF-8 bytes', () => {
    const text = '信用分 🙂';
    expect(crc64Avro(text)).to.equal(crc64Avro(Buffer.from(text, 'utf8')));
  });

  it('writes the fingerprint little-endian', () => {
    expect(fingerprintToBytesLE(0x0102030405060708n).toString('hex')).to.equal('0807060504030201');
  });
});
