// Semantic checks on a decoded purchase event: the Avro schema fixes the shape, this fixes what
// the features can trust. Pure and deterministic: "now" is the caller's reference time (the Kafka
// message timestamp), never the wall clock, so a replay rejects exactly what the live run did.
import { InvalidEventError } from '../errors';
import { userIdProblem } from '../user-id';
import { isIsoCurrency } from './currency';
import {
  CATEGORIES,
  CHANNELS,
  PAYMENT_METHODS,
  PURCHASE_EVENT_TYPES,
  type PurchaseEvent,
} from './purchase-event';
import { isValidTimeZone } from './time-zone';

/** Reasons (InvalidEventError.reason) a purchase event fails validation. */
export const VALIDATION_ERROR_REASONS = [
  'bad_field_type',
  'missing_field',
  'field_too_long',
  'bad_user_id',
  'absurd_timestamp',
  'future_timestamp',
  'negative_amount',
  'amount_too_large',
  'bad_discount',
  'bad_item_count',
  'bad_currency',
  'bad_time_zone',
] as const;
export type ValidationErrorReason = (typeof VALIDATION_ERROR_REASONS)[number];

export interface PurchaseEventLimits {
  /** How far an event time may lie after the reference time (clock skew between producers). */
  futureToleranceMs: number;
  /** Ceiling of amountMinor and discountMinor: 10^10 minor units is 100 million CNY. */
  maxAmountMinor: number;
  maxItemCount: number;
  /**
   * Ids become Redis keys and Kafka keys: bound them. All but userId, which keeps the API's rule
   * (services/common/user-id.ts) whatever this says.
   */
  maxIdLength: number;
}

export const DEFAULT_PURCHASE_EVENT_LIMITS: Readonly<PurchaseEventLimits> = {
  futureToleranceMs: 24 * 60 * 60 * 1000,
  maxAmountMinor: 10_000_000_000,
  maxItemCount: 10_000,
  maxIdLength: 256,
};

/** Event times before this (2000-01-01T00:00:00Z) come from an unset or broken clock. */
export const MIN_EVENT_TIME_MS = Date.UTC(2000, 0, 1);

const EVENT_TYPES: ReadonlySet<unknown> = new Set(PURCHASE_EVENT_TYPES);
const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);
const PAYMENT_METHOD_SET: ReadonlySet<unknown> = new Set(PAYMENT_METHODS);
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS);

type Fields = { readonly [field: string]: unknown };

/**
 * Returns the event, typed, if it is one the features may count; otherwise throws
 * InvalidEventError with a ValidationErrorReason. A negative or non-finite reference time (a Kafka
 * message without a timestamp) skips the future check, the only one that needs it.
 */
export function validatePurchaseEvent(
  event: unknown,
  referenceTimeMs: number,
  limits: Partial<PurchaseEventLimits> = {},
): PurchaseEvent {
  if (typeof event !== 'object' || event === null) reject('bad_field_type', 'event is not an object');
  const fields = event as Fields;
  const maxIdLength = limits.maxIdLength ?? DEFAULT_PURCHASE_EVENT_LIMITS.maxIdLength;
  const maxAmountMinor = limits.maxAmountMinor ?? DEFAULT_PURCHASE_EVENT_LIMITS.maxAmountMinor;

  checkId(fields, 'eventId', maxIdLength);
  checkUserId(fields);
  checkId(fields, 'orderId', maxIdLength);
  checkId(fields, 'merchantId', maxIdLength);
  if (fields.deviceId !== null) checkId(fields, 'deviceId', maxIdLength);

  checkEnum(fields, 'type', EVENT_TYPES);
  checkEnum(fields, 'category', CATEGORY_SET);
  checkEnum(fields, 'paymentMethod', PAYMENT_METHOD_SET);
  checkEnum(fields, 'channel', CHANNEL_SET);

  checkEventTime(integerField(fields, 'eventTime'), referenceTimeMs, limits);

  const amountMinor = integerField(fields, 'amountMinor');
  if (amountMinor < 0) reject('negative_amount', `amountMinor ${amountMinor} is negative`);
  if (amountMinor > maxAmountMinor)
    reject('amount_too_large', `amountMinor ${amountMinor} exceeds ${maxAmountMinor}`);

  // Absent when read with the v1 reader schema, null when the writer did not report one.
  if (fields.discountMinor !== undefined && fields.discountMinor !== null) {
    const discountMinor = integerField(fields, 'discountMinor');
    if (discountMinor < 0 || discountMinor > maxAmountMinor) {
      reject('bad_discount', `discountMinor ${discountMinor} is outside 0..${maxAmountMinor}`);
    }
  }

  const itemCount = integerField(fields, 'itemCount');
  const maxItemCount = limits.maxItemCount ?? DEFAULT_PURCHASE_EVENT_LIMITS.maxItemCount;
  if (itemCount < 1 || itemCount > maxItemCount) {
    reject('bad_item_count', `itemCount ${itemCount} is outside 1..${maxItemCount}`);
  }

  const currency = fields.currency;
  if (typeof currency !== 'string') reject('bad_field_type', 'currency is not a string');
  if (!isIsoCurrency(currency))
    reject('bad_currency', `currency ${JSON.stringify(currency)} is not ISO 4217`);

  const timeZone = fields.timeZone;
  if (timeZone !== null) {
    if (typeof timeZone !== 'string') reject('bad_field_type', 'timeZone is neither null nor a string');
    if (!isValidTimeZone(timeZone))
      reject('bad_time_zone', `timeZone ${JSON.stringify(timeZone)} is not a time zone`);
  }
  return event as PurchaseEvent;
}

function checkEventTime(
  eventTime: number,
  referenceTimeMs: number,
  limits: Partial<PurchaseEventLimits>,
): void {
  if (eventTime < MIN_EVENT_TIME_MS)
    reject('absurd_timestamp', `eventTime ${eventTime} is before 2000-01-01`);
  if (!(referenceTimeMs >= 0)) return;
  const toleranceMs = limits.futureToleranceMs ?? DEFAULT_PURCHASE_EVENT_LIMITS.futureToleranceMs;
  if (eventTime > referenceTimeMs + toleranceMs) {
    reject(
      'future_timestamp',
      `eventTime ${eventTime} is more than ${toleranceMs} ms after ${referenceTimeMs}`,
    );
  }
}

// Empty ids would merge unrelated shoppers, orders or devices into one.
function presentString(fields: Fields, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null || value === '')
    reject('missing_field', `${name} is missing or empty`);
  if (typeof value !== 'string') reject('bad_field_type', `${name} is not a string`);
  return value;
}

function checkId(fields: Fields, name: string, maxLength: number): void {
  const value = presentString(fields, name);
  if (value.length > maxLength)
    reject('field_too_long', `${name} has ${value.length} characters, over ${maxLength}`);
}

// A user id the API would refuse gives the shopper features and scores nobody can read.
function checkUserId(fields: Fields): void {
  const problem = userIdProblem(presentString(fields, 'userId'));
  if (problem !== undefined) reject('bad_user_id', `userId ${problem}`);
}

function checkEnum(fields: Fields, name: string, symbols: ReadonlySet<unknown>): void {
  if (!symbols.has(fields[name]))
    reject('bad_field_type', `${name} ${JSON.stringify(fields[name])} is not a symbol`);
}

function integerField(fields: Fields, name: string): number {
  const value = fields[name];
  if (!Number.isSafeInteger(value))
    reject('bad_field_type', `${name} ${JSON.stringify(value)} is not an integer`);
  return value as number;
}

function reject(reason: ValidationErrorReason, message: string): never {
  throw new InvalidEventError(reason, message);
}
