// The in-memory shape of a decoded PurchaseEvent (schemas/purchase-event.v*.avsc, read with the
// newest schema as reader). Pure types only: the feature code and the simulator depend on this
// file, never on the Avro codec.

export const PURCHASE_EVENT_TYPES = ['ORDER', 'RETURN', 'CANCEL'] as const;
export type PurchaseEventType = (typeof PURCHASE_EVENT_TYPES)[number];

export const CATEGORIES = [
  'GROCERY',
  'HOUSEHOLD',
  'BABY',
  'HEALTH',
  'APPAREL',
  'BEAUTY',
  'ELECTRONICS',
  'HOME_APPLIANCE',
  'BOOKS',
  'SPORTS',
  'JEWELRY_LUXURY',
  'VIRTUAL_GOODS',
  'GAMING',
  'TRAVEL',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PAYMENT_METHODS = [
  'DEBIT_CARD',
  'CREDIT_CARD',
  'WALLET',
  'INSTALMENT_CREDIT',
  'CASH_ON_DELIVERY',
  'BANK_TRANSFER',
  'OTHER',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const CHANNELS = ['APP', 'WEB', 'MINI_PROGRAM', 'OTHER'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface PurchaseEvent {
  eventId: string;
  userId: string;
  /** Event time, epoch milliseconds UTC. */
  eventTime: number;
  type: PurchaseEventType;
  orderId: string;
  /** Minor units (fen for CNY); never negative. */
  amountMinor: number;
  currency: string;
  itemCount: number;
  category: Category;
  merchantId: string;
  paymentMethod: PaymentMethod;
  channel: Channel;
  deviceId: string | null;
  /** IANA zone; null = the configured default zone. */
  timeZone: string | null;
  /** v2: coupon / promotion discount in minor units, when the checkout reports one. */
  discountMinor?: number | null;
}
