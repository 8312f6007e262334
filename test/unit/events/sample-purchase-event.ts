// A valid purchase event as a checkout would send it, for tests to vary one field at a time.
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';

/** 2024-06-10T06:13:20.123Z */
export const SAMPLE_EVENT_TIME = 1718000000123;

export function samplePurchaseEvent(overrides: Partial<PurchaseEvent> = {}): PurchaseEvent {
  return {
    eventId: '6f1c9a52-3d0e-4c1b-9d7e-2a8b5f0c4e11',
    userId: 'u-10000042',
    eventTime: SAMPLE_EVENT_TIME,
    type: 'ORDER',
    orderId: 'o-2024-0610-88817',
    amountMinor: 239900,
    currency: 'CNY',
    itemCount: 3,
    category: 'ELECTRONICS',
    merchantId: 'm-88',
    paymentMethod: 'INSTALMENT_CREDIT',
    channel: 'MINI_PROGRAM',
    deviceId: 'd-5e884898da28',
    timeZone: 'Asia/Shanghai',
    discountMinor: null,
    ...overrides,
  };
}

/** The same event as a v1 writer holds it: without the v2 field. */
export function sampleV1PurchaseEvent(overrides: Partial<PurchaseEvent> = {}): PurchaseEvent {
  const v1 = samplePurchaseEvent(overrides);
  delete v1.discountMinor;
  return v1;
}
