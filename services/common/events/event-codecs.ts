// Typed codecs of the product's event families, for the services that produce and consume them.
// Kept apart from the event types so that the pure feature code never loads Avro.
import { defaultSchemaRegistry, type EventCodec, type SchemaRegistry } from '../avro/schema-registry';
import type { FeaturesChanged } from './features-changed';
import type { PurchaseEvent } from './purchase-event';

export const PURCHASE_EVENT_FAMILY = 'purchase-event';
export const FEATURES_CHANGED_FAMILY = 'features-changed';

/**
 * decode() returns the reader schema's shape, unvalidated: consumers go through
 * decodePurchaseEvent (decode-purchase-event.ts) instead.
 */
export function purchaseEventCodec(
  registry: SchemaRegistry = defaultSchemaRegistry(),
): EventCodec<PurchaseEvent> {
  return registry.codecFor<PurchaseEvent>(PURCHASE_EVENT_FAMILY);
}

export function featuresChangedCodec(
  registry: SchemaRegistry = defaultSchemaRegistry(),
): EventCodec<FeaturesChanged> {
  return registry.codecFor<FeaturesChanged>(FEATURES_CHANGED_FAMILY);
}
