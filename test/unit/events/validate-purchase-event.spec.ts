import { expect } from 'chai';

import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import {
  MIN_EVENT_TIME_MS,
  validatePurchaseEvent,
} from '../../../services/common/events/validate-purchase-event';
import { expectInvalidEvent } from '../avro/expect-invalid-event';
import { SAMPLE_EVENT_TIME, samplePurchaseEvent, sampleV1PurchaseEvent } from './sample-purchase-event';

const HOUR_MS = 60 * 60 * 1000;
// The Kafka message timestamp a minute after the event happened.
const MESSAGE_TIME = SAMPLE_EVENT_TIME + 60_000;

function expectRejected(event: unknown, reason: string, referenceTimeMs = MESSAGE_TIME): string {
  return expectInvalidEvent(() => validatePurchaseEvent(event, referenceTimeMs), reason).message;
}

describe('validatePurchaseEvent', () => {
  it('returns a valid event as it is', () => {
    const event = samplePurchaseEvent({ discountMinor: 500 });
    expect(validatePurchaseEvent(event, MESSAGE_TIME)).to.equal(event);
  });

  it('accepts the edges of every range', () => {
    const edges = [
      samplePurchaseEvent({ amountMinor: 0, discountMinor: 0, itemCount: 1 }),
      samplePurchaseEvent({ amountMinor: 10_000_000_000, discountMinor: 10_000_000_000, itemCount: 10_000 }),
      samplePurchaseEvent({ eventTime: MIN_EVENT_TIME_MS }),
      samplePurchaseEvent({ eventTime: MESSAGE_TIME + 24 * HOUR_MS }),
      samplePurchaseEvent({ deviceId: null, timeZone: null, type: 'CANCEL', category: 'OTHER' }),
      samplePurchaseEvent({ timeZone: 'UTC' }),
      sampleV1PurchaseEvent(),
    ];
    for (const event of edges) expect(validatePurchaseEvent(event, MESSAGE_TIME)).to.equal(event);
  });

  it('missing_field: empty ids', () => {
    for (const field of ['eventId', 'userId', 'orderId', 'merchantId', 'deviceId'] as const) {
      expect(expectRejected(samplePurchaseEvent({ [field]: '' }), 'missing_field')).to.contain(field);
    }
    const withoutOrder: Partial<PurchaseEvent> = samplePurchaseEvent();
    delete withoutOrder.orderId;
    expectRejected(withoutOrder, 'missing_field');
  });

  it('field_too_long: ids other than userId over 256 characters', () => {
    for (const field of ['eventId', 'orderId', 'merchantId', 'deviceId'] as const) {
      expect(expectRejected(samplePurchaseEvent({ [field]: 'x'.repeat(257) }), 'field_too_long')).to.contain(
        field,
      );
      expect(
        validatePurchaseEvent(samplePurchaseEvent({ [field]: 'x'.repeat(256) }), MESSAGE_TIME)[field],
      ).to.have.length(256);
    }
  });

  it('bad_user_id: a userId the API would refuse (over 128 characters, spaces, control characters)', () => {
    for (const userId of ['u'.repeat(129), 'u'.repeat(256), 'shopper 42', 'u\t1', 'u\u0000']) {
      expect(expectRejected(samplePurchaseEvent({ userId }), 'bad_user_id')).to.match(/^userId /);
    }
    // The limit is the API's, whatever the caller sets for the other ids.
    expectInvalidEvent(
      () =>
        validatePurchaseEvent(samplePurchaseEvent({ userId: 'u'.repeat(129) }), MESSAGE_TIME, {
          maxIdLength: 1000,
        }),
      'bad_user_id',
    );
    for (const userId of ['u'.repeat(128), '用户-42'])
      expect(validatePurchaseEvent(samplePurchaseEvent({ userId }), MESSAGE_TIME).userId).to.equal(userId);
  });

  it('bad_field_type: values no Avro decoder would produce', () => {
    expectRejected(null, 'bad_field_type');
    expectRejected(samplePurchaseEvent({ amountMinor: 12.5 }), 'bad_field_type');
    expectRejected({ ...samplePurchaseEvent(), eventTime: '2024-06-10' }, 'bad_field_type');
    expectRejected({ ...samplePurchaseEvent(), type: 'REFUND' }, 'bad_field_type');
    expectRejected({ ...samplePurchaseEvent(), userId: 42 }, 'bad_field_type');
  });

  it('negative_amount', () => {
    expectRejected(samplePurchaseEvent({ amountMinor: -1 }), 'negative_amount');
  });

  it('amount_too_large: over 10^10 minor units', () => {
    expectRejected(samplePurchaseEvent({ amountMinor: 10_000_000_001 }), 'amount_too_large');
  });

  it('bad_discount: negative or over the amount ceiling', () => {
    expectRejected(samplePurchaseEvent({ discountMinor: -5 }), 'bad_discount');
    expectRejected(samplePurchaseEvent({ discountMinor: 10_000_000_001 }), 'bad_discount');
  });

  it('bad_item_count: outside 1..10,000', () => {
    expectRejected(samplePurchaseEvent({ itemCount: 0 }), 'bad_item_count');
    expectRejected(samplePurchaseEvent({ itemCount: -3 }), 'bad_item_count');
    expectRejected(samplePurchaseEvent({ itemCount: 10_001 }), 'bad_item_count');
  });

  it('bad_currency: not an ISO 4217 code', () => {
    for (const currency of ['cny', 'RMB', 'CN', '', 'ABC']) {
      expectRejected(samplePurchaseEvent({ currency }), 'bad_currency');
    }
    for (const currency of ['CNY', 'USD', 'HKD', 'JPY']) {
      expect(validatePurchaseEvent(samplePurchaseEvent({ currency }), MESSAGE_TIME).currency).to.equal(
        currency,
      );
    }
  });

  it('absurd_timestamp: before 2000-01-01', () => {
    expectRejected(samplePurchaseEvent({ eventTime: 0 }), 'absurd_timestamp');
    expectRejected(samplePurchaseEvent({ eventTime: MIN_EVENT_TIME_MS - 1 }), 'absurd_timestamp');
    // Seconds sent where milliseconds belong land in 1970.
    expectRejected(
      samplePurchaseEvent({ eventTime: Math.floor(SAMPLE_EVENT_TIME / 1000) }),
      'absurd_timestamp',
    );
  });

  it('future_timestamp: more than the tolerance after the reference time, not the wall clock', () => {
    const future = samplePurchaseEvent({ eventTime: MESSAGE_TIME + 24 * HOUR_MS + 1 });
    expectRejected(future, 'future_timestamp');
    // The same event replayed against a later message timestamp is fine: only the reference counts.
    expect(validatePurchaseEvent(future, MESSAGE_TIME + 2 * HOUR_MS)).to.equal(future);
  });

  it('takes the future tolerance and other limits from the caller', () => {
    const event = samplePurchaseEvent({ eventTime: MESSAGE_TIME + 2 * HOUR_MS });
    expectInvalidEvent(
      () => validatePurchaseEvent(event, MESSAGE_TIME, { futureToleranceMs: HOUR_MS }),
      'future_timestamp',
    );
    expectInvalidEvent(
      () => validatePurchaseEvent(samplePurchaseEvent({ itemCount: 11 }), MESSAGE_TIME, { maxItemCount: 10 }),
      'bad_item_count',
    );
    expectInvalidEvent(
      () =>
        validatePurchaseEvent(samplePurchaseEvent({ amountMinor: 101 }), MESSAGE_TIME, {
          maxAmountMinor: 100,
        }),
      'amount_too_large',
    );
  });

  it('skips only the future check when the message has no timestamp', () => {
    const event = samplePurchaseEvent();
    expect(validatePurchaseEvent(event, -1)).to.equal(event);
    expect(validatePurchaseEvent(event, Number.NaN)).to.equal(event);
    expectInvalidEvent(
      () => validatePurchaseEvent(samplePurchaseEvent({ eventTime: 5 }), -1),
      'absurd_timestamp',
    );
  });

  it('bad_time_zone: not a zone the runtime knows, every time it is seen', () => {
    for (const timeZone of ['Mars/Olympus_Mons', '+08:00', '', 'Asia/Shanghai ']) {
      expectRejected(samplePurchaseEvent({ timeZone }), 'bad_time_zone');
      expectRejected(samplePurchaseEvent({ timeZone }), 'bad_time_zone');
    }
    for (const timeZone of ['Asia/Shanghai', 'Asia/Hong_Kong', 'America/New_York', 'Etc/GMT-8', 'PRC']) {
      expect(validatePurchaseEvent(samplePurchaseEvent({ timeZone }), MESSAGE_TIME).timeZone).to.equal(
        timeZone,
      );
    }
  });
});
