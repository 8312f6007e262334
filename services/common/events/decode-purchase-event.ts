// One Kafka message of the purchases topic to a PurchaseEvent the features may count, or an
// InvalidEventError whose reason the dead-letter headers and metrics carry (docs/events.md lists
// them all). Deterministic: everything it depends on is in the message, so replays agree.
import type { EventCodec } from '../avro/schema-registry';
import { WIRE_ERROR_REASONS } from '../avro/single-object';
import { InvalidEventError } from '../errors';
import { purchaseEventCodec } from './event-codecs';
import type { PurchaseEvent } from './purchase-event';
import {
  VALIDATION_ERROR_REASONS,
  validatePurchaseEvent,
  type PurchaseEventLimits,
} from './validate-purchase-event';

/** Reasons about the Kafka message around the Avro bytes. */
export const ENVELOPE_ERROR_REASONS = ['missing_value', 'oversized', 'missing_key', 'key_mismatch'] as const;

/** Every reason a purchases message is dead-lettered: the label values of the dead-letter metric. */
export const PURCHASE_EVENT_REJECT_REASONS = [
  ...ENVELOPE_ERROR_REASONS,
  ...WIRE_ERROR_REASONS,
  ...VALIDATION_ERROR_REASONS,
] as const;
export type PurchaseEventRejectReason = (typeof PURCHASE_EVENT_REJECT_REASONS)[number];

/** 64 KiB: a real purchase event is a few hundred bytes. */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

export interface PurchaseEventDecodeOptions extends Partial<PurchaseEventLimits> {
  /** Largest accepted message value; DEFAULT_MAX_MESSAGE_BYTES unless set. */
  maxBytes?: number;
  /** Defaults to the codec of the project's schemas/ folder. */
  codec?: EventCodec<unknown>;
}

export type PurchaseEventDecodeResult =
  { ok: true; event: PurchaseEvent } | { ok: false; reason: PurchaseEventRejectReason; error: string };

/**
 * Never throws for bad input: a batch with many bad messages should not pay for exceptions it
 * only turns into dead letters. `messageTimestampMs` is the Kafka message timestamp (kafkajs gives
 * a string: pass Number(message.timestamp)), the reference of the future-timestamp check.
 */
export function decodePurchaseEvent(
  value: Buffer | null,
  key: Buffer | null,
  messageTimestampMs: number,
  options: PurchaseEventDecodeOptions = {},
): PurchaseEventDecodeResult {
  // A null value is a tombstone, which this topic never carries on purpose.
  if (value === null) return rejected('missing_value', 'message has no value');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  // Checked before decoding so a huge message costs nothing but this comparison.
  if (value.length > maxBytes)
    return rejected('oversized', `message of ${value.length} bytes exceeds ${maxBytes}`);
  // The key routes a user's events to one partition and one consumer; a keyless or mis-keyed
  // event may be processed out of order or concurrently with the user's others.
  if (key === null || key.length === 0) return rejected('missing_key', 'message has no key');

  let event: PurchaseEvent;
  try {
    const decoded = (options.codec ?? purchaseEventCodec()).decode(value);
    event = validatePurchaseEvent(decoded, messageTimestampMs, options);
  } catch (err) {
    // Anything else is a bug in this code, not in the message: let it stop the batch.
    if (!(err instanceof InvalidEventError)) throw err;
    return rejected(err.reason as PurchaseEventRejectReason, err.message);
  }
  if (key.toString('utf8') !== event.userId)
    return rejected('key_mismatch', 'message key is not the event userId');
  return { ok: true, event };
}

function rejected(reason: PurchaseEventRejectReason, error: string): PurchaseEventDecodeResult {
  return { ok: false, reason, error };
}
