import { expect } from 'chai';

import { defaultSchemaRegistry } from '../../../services/common/avro/schema-registry';
import {
  compileSchema,
  encodeSingleObject,
  SingleObjectDecoder,
} from '../../../services/common/avro/single-object';
import { expectInvalidEvent } from './expect-invalid-event';
import { singleObjectVectors } from './vectors';

describe('single-object encoding', () => {
  describe("interoperates with Apache Avro for Java's BinaryMessageEncoder", () => {
    for (const vector of singleObjectVectors) {
      const codec = () => defaultSchemaRegistry().codecFor(vector.family, { readerVersion: vector.version });

      it(`decodes Java's bytes: ${vector.name}`, () => {
        expect(codec().decode(Buffer.from(vector.singleObject, 'hex'))).to.deep.equal(vector.value);
      });

      it(`encodes byte for byte what Java does: ${vector.name}`, () => {
        expect(codec().encode(vector.value).toString('hex')).to.equal(vector.singleObject);
      });
    }
  });

  describe('layout', () => {
    const writer = compileSchema({ type: 'record', name: 'T', fields: [{ name: 'n', type: 'long' }] });

    it('is C3 01, the little-endian fingerprint, then the binary datum', () => {
      const message = encodeSingleObject(writer, { n: -2 });
      expect(message.subarray(0, 2).toString('hex')).to.equal('c301');
      expect(message.subarray(2, 10)).to.deep.equal(writer.fingerprintLE);
      // zig-zag varint of -2
      expect(message.subarray(10).toString('hex')).to.equal('03');
    });

    it('refuses to encode a value that does not fit the schema, naming the field', () => {
      expect(() => encodeSingleObject(writer, { n: 'seven' })).to.throw(TypeError, 'at n');
      expect(() => encodeSingleObject(writer, { n: 2 ** 60 })).to.throw(TypeError, 'at n');
    });
  });

  describe('wire errors', () => {
    const enumWriter = compileSchema({
      type: 'record',
      name: 'T',
      fields: [
        { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
        { name: 's', type: 'string' },
      ],
    });
    const decoder = new SingleObjectDecoder(enumWriter, [enumWriter]);
    const valid = encodeSingleObject(enumWriter, { e: 'B', s: 'hello' });
    const header = valid.subarray(0, 10);

    it('decodes a valid message', () => {
      expect(decoder.decode(valid)).to.deep.equal({ e: 'B', s: 'hello' });
    });

    it('bad_magic: anything that does not start C3 01', () => {
      expectInvalidEvent(() => decoder.decode(Buffer.alloc(0)), 'bad_magic');
      expectInvalidEvent(() => decoder.decode(Buffer.from([0xc3])), 'bad_magic');
      expectInvalidEvent(() => decoder.decode(Buffer.from('{"e":"B","s":"hello"}')), 'bad_magic');
      expectInvalidEvent(
        () => decoder.decode(Buffer.concat([Buffer.from([0xc3, 0x02]), valid.subarray(2)])),
        'bad_magic',
      );
    });

    it('truncated: the message ends inside the header', () => {
      expectInvalidEvent(() => decoder.decode(valid.subarray(0, 9)), 'truncated');
    });

    it('truncated: the datum ends early', () => {
      expectInvalidEvent(() => decoder.decode(valid.subarray(0, valid.length - 1)), 'truncated');
      expectInvalidEvent(() => decoder.decode(header), 'truncated');
    });

    it('unknown_fingerprint: no known schema has the fingerprint, which the message names', () => {
      const unknown = Buffer.from(valid);
      unknown[9] ^= 0xff;
      const error = expectInvalidEvent(() => decoder.decode(unknown), 'unknown_fingerprint');
      expect(error.message).to.contain(unknown.readBigUInt64LE(2).toString(16).padStart(16, '0'));
    });

    it('undecodable: bytes no writer could have produced (enum index 7 of 2)', () => {
      const badEnum = Buffer.concat([header, Buffer.from([0x0e, 0x00])]);
      const error = expectInvalidEvent(() => decoder.decode(badEnum), 'undecodable');
      expect(error.message).to.contain('enum index');
    });

    it('undecodable: a long beyond 2^53 that JavaScript cannot hold exactly', () => {
      const longWriter = compileSchema({ type: 'long' });
      const huge = Buffer.concat([
        Buffer.from([0xc3, 0x01]),
        longWriter.fingerprintLE,
        Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      ]);
      expectInvalidEvent(() => new SingleObjectDecoder(longWriter, [longWriter]).decode(huge), 'undecodable');
    });

    it('trailing_bytes: bytes left after the datum', () => {
      expectInvalidEvent(() => decoder.decode(Buffer.concat([valid, Buffer.from([0])])), 'trailing_bytes');
    });
  });
});
