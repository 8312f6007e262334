import { expect } from 'chai';

import { defaultSchemaRegistry } from '../../../services/common/avro/schema-registry';
import {
  decodePurchaseEvent,
  PURCHASE_EVENT_REJECT_REASONS,
  type PurchaseEventDecodeResult,
} from '../../../services/common/events/decode-purchase-event';
import { purchaseEventCodec } from '../../../services/common/events/event-codecs';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import { SAMPLE_EVENT_TIME, samplePurchaseEvent, sampleV1PurchaseEvent } from './sample-purchase-event';

const MESSAGE_TIME = SAMPLE_EVENT_TIME + 60_000;
const codec = purchaseEventCodec();

function keyOf(event: PurchaseEvent): Buffer {
  return Buffer.from(event.userId, 'utf8');
}

function expectRejected(result: PurchaseEventDecodeResult, reason: string): void {
  expect(result.ok, 'expected a rejection').to.equal(false);
  if (result.ok) return;
  expect(result.reason).to.equal(reason);
  expect(result.error).to.be.a('string').and.not.equal('');
  expect(PURCHASE_EVENT_REJECT_REASONS).to.include(result.reason);
}

describe('decodePurchaseEvent', () => {
  it('decodes and validates a v2 message keyed by its user', () => {
    const event = samplePurchaseEvent({ discountMinor: 1200 });
    expect(decodePurchaseEvent(codec.encode(event), keyOf(event), MESSAGE_TIME)).to.deep.equal({
      ok: true,
      event,
    });
  });

  it('decodes a v1 message into the newest shape', () => {
    const event = sampleV1PurchaseEvent();
    const result = decodePurchaseEvent(codec.encode(event, 1), keyOf(event), MESSAGE_TIME);
    expect(result).to.deep.equal({ ok: true, event: { ...event, discountMinor: null } });
  });

  it('accepts a user id that is not ASCII when the key is its UTF-8 bytes', () => {
    const event = samplePurchaseEvent({ userId: '用户-42' });
    expect(decodePurchaseEvent(codec.encode(event), keyOf(event), MESSAGE_TIME).ok).to.equal(true);
  });

  it('missing_value: a tombstone', () => {
    expectRejected(decodePurchaseEvent(null, Buffer.from('u-1'), MESSAGE_TIME), 'missing_value');
  });

  it('missing_key: no key or an empty one', () => {
    const message = codec.encode(samplePurchaseEvent());
    expectRejected(decodePurchaseEvent(message, null, MESSAGE_TIME), 'missing_key');
    expectRejected(decodePurchaseEvent(message, Buffer.alloc(0), MESSAGE_TIME), 'missing_key');
  });

  it('key_mismatch: the key is not the event userId', () => {
    const message = codec.encode(samplePurchaseEvent({ userId: 'u-1' }));
    expectRejected(decodePurchaseEvent(message, Buffer.from('u-2'), MESSAGE_TIME), 'key_mismatch');
    expectRejected(decodePurchaseEvent(message, Buffer.from('u-1 '), MESSAGE_TIME), 'key_mismatch');
  });

  it('bad_user_id: a user id the API would refuse, even when the key matches it', () => {
    const event = samplePurchaseEvent({ userId: 'u'.repeat(129) });
    expectRejected(decodePurchaseEvent(codec.encode(event), keyOf(event), MESSAGE_TIME), 'bad_user_id');
  });

  it('oversized: over 64 KiB by default, before any decoding', () => {
    const huge = Buffer.alloc(64 * 1024 + 1, 0xc3);
    expectRejected(decodePurchaseEvent(huge, Buffer.from('u-1'), MESSAGE_TIME), 'oversized');
  });

  it('oversized: the limit is configurable', () => {
    const event = samplePurchaseEvent();
    const message = codec.encode(event);
    expectRejected(
      decodePurchaseEvent(message, keyOf(event), MESSAGE_TIME, { maxBytes: message.length - 1 }),
      'oversized',
    );
    expect(
      decodePurchaseEvent(message, keyOf(event), MESSAGE_TIME, { maxBytes: message.length }).ok,
    ).to.equal(true);
  });

  it('passes on wire errors as rejections', () => {
    const event = samplePurchaseEvent();
    const message = codec.encode(event);
    const unknownFingerprint = Buffer.from(message);
    unknownFingerprint[2] ^= 0x01;
    expectRejected(
      decodePurchaseEvent(Buffer.from('{"userId":"u"}'), keyOf(event), MESSAGE_TIME),
      'bad_magic',
    );
    expectRejected(decodePurchaseEvent(message.subarray(0, 20), keyOf(event), MESSAGE_TIME), 'truncated');
    expectRejected(
      decodePurchaseEvent(unknownFingerprint, keyOf(event), MESSAGE_TIME),
      'unknown_fingerprint',
    );
    expectRejected(
      decodePurchaseEvent(Buffer.concat([message, Buffer.from([1])]), keyOf(event), MESSAGE_TIME),
      'trailing_bytes',
    );
  });

  it('passes on validation errors as rejections', () => {
    const negative = samplePurchaseEvent({ amountMinor: -100 });
    expectRejected(
      decodePurchaseEvent(codec.encode(negative), keyOf(negative), MESSAGE_TIME),
      'negative_amount',
    );
    const future = samplePurchaseEvent({ eventTime: MESSAGE_TIME + 25 * 60 * 60 * 1000 });
    expectRejected(
      decodePurchaseEvent(codec.encode(future), keyOf(future), MESSAGE_TIME),
      'future_timestamp',
    );
    expect(
      decodePurchaseEvent(codec.encode(future), keyOf(future), MESSAGE_TIME, {
        futureToleranceMs: 26 * 3_600_000,
      }).ok,
    ).to.equal(true);
  });

  it('decodes with the codec it is given', () => {
    const v1Codec = defaultSchemaRegistry().codecFor('purchase-event', { readerVersion: 1 });
    const event = samplePurchaseEvent({ discountMinor: 7 });
    const result = decodePurchaseEvent(codec.encode(event), keyOf(event), MESSAGE_TIME, { codec: v1Codec });
    expect(result).to.deep.equal({ ok: true, event: sampleV1PurchaseEvent() });
  });

  it('lets a bug that is not about the message escape', () => {
    const broken = {
      ...codec,
      decode: () => {
        throw new Error('bug');
      },
    };
    const message = codec.encode(samplePurchaseEvent());
    expect(() => decodePurchaseEvent(message, Buffer.from('u-1'), MESSAGE_TIME, { codec: broken })).to.throw(
      'bug',
    );
  });
});
