// The feature catalogue: names, meanings, windows and units of the vector extract() returns, in its
// fixed order. Models record FEATURE_SET_VERSION and refuse a vector of another version.
import { fnv1a32, hex32 } from './hash';

export type FeatureUnit = 'CNY' | 'count' | 'days' | 'share' | 'ratio';
export type FeatureFamily =
  | 'spend'
  | 'orders'
  | 'velocity'
  | 'recency'
  | 'tenure'
  | 'basket'
  | 'returns'
  | 'cancellations'
  | 'time_of_day'
  | 'weekday'
  | 'category'
  | 'payment'
  | 'income_cycle'
  | 'distinct';

export interface FeatureDefinition {
  readonly name: string;
  readonly description: string;
  /** '1h' .. '90d': exponentially decayed with tau = that window; 'lifetime': all history. */
  readonly window: '1h' | '1d' | '7d' | '30d' | '90d' | '7d/90d' | 'lifetime';
  readonly unit: FeatureUnit;
  readonly family: FeatureFamily;
}

/**
 * Bump when any definition changes meaning without a name change (a tau, a formula, a group):
 * it feeds FEATURE_SET_VERSION, so old models stop accepting new vectors.
 */
export const FEATURE_DEFINITION_REVISION = 1;

export const FEATURES = [
  // Spend and order counts, decayed windows (money in CNY major units: amountMinor / 100).
  f('spend_1d', 'Order spend, decayed 1-day window', '1d', 'CNY', 'spend'),
  f('spend_7d', 'Order spend, decayed 7-day window', '7d', 'CNY', 'spend'),
  f('spend_30d', 'Order spend, decayed 30-day window', '30d', 'CNY', 'spend'),
  f('spend_90d', 'Order spend, decayed 90-day window', '90d', 'CNY', 'spend'),
  f('orders_1d', 'Orders placed, decayed 1-day window', '1d', 'count', 'orders'),
  f('orders_7d', 'Orders placed, decayed 7-day window', '7d', 'count', 'orders'),
  f('orders_30d', 'Orders placed, decayed 30-day window', '30d', 'count', 'orders'),
  f('orders_90d', 'Orders placed, decayed 90-day window', '90d', 'count', 'orders'),
  f('orders_lifetime', 'Orders ever placed (saturates at 65535)', 'lifetime', 'count', 'orders'),
  // Velocity.
  f('orders_1h', 'Orders placed, decayed 1-hour window (burst velocity)', '1h', 'count', 'velocity'),
  f(
    'mean_order_gap_days',
    'Mean time between orders: (last order - first seen) / (orders - 1); tenure while fewer than 2 orders',
    'lifetime',
    'days',
    'velocity',
  ),
  f(
    'spend_rate_ratio_7d_90d',
    'Daily spend rate over 7 days / over 90 days (spend_7d/7) / (max(spend_90d, 1)/90); 1 = steady, >1 = accelerating',
    '7d/90d',
    'ratio',
    'velocity',
  ),
  // Recency and tenure.
  f('days_since_last_event', 'Time since the latest event of any type', 'lifetime', 'days', 'recency'),
  f(
    'days_since_last_order',
    'Time since the latest order; tenure when there is none',
    'lifetime',
    'days',
    'recency',
  ),
  f('tenure_days', 'Time since the shopper was first seen', 'lifetime', 'days', 'tenure'),
  // Basket (order amount) statistics, 90-day weights.
  f('basket_avg_90d', 'Weighted mean order amount, 90-day decay weights', '90d', 'CNY', 'basket'),
  f('basket_max_90d', 'Decayed maximum order amount: max of amount * exp(-age/90d)', '90d', 'CNY', 'basket'),
  f(
    'basket_std_90d',
    'Weighted standard deviation of order amount, 90-day decay weights',
    '90d',
    'CNY',
    'basket',
  ),
  // Returns and cancellations.
  f('returns_90d', 'Returns / refunds, decayed 90-day window', '90d', 'count', 'returns'),
  f('return_amount_90d', 'Returned / refunded amount, decayed 90-day window', '90d', 'CNY', 'returns'),
  f('return_rate_90d', 'returns_90d / max(orders_90d, 1)', '90d', 'ratio', 'returns'),
  f('return_amount_ratio_90d', 'return_amount_90d / max(spend_90d, 1 CNY)', '90d', 'ratio', 'returns'),
  f('cancels_90d', 'Cancelled orders, decayed 90-day window', '90d', 'count', 'cancellations'),
  f('cancel_amount_90d', 'Cancelled amount, decayed 90-day window', '90d', 'CNY', 'cancellations'),
  f('cancel_rate_90d', 'cancels_90d / max(orders_90d, 1)', '90d', 'ratio', 'cancellations'),
  // Local time of day and day of week (the event's zone, else the configured default zone).
  f(
    'night_order_share_90d',
    'Share of orders placed at local hours 0-5, 90-day weights',
    '90d',
    'share',
    'time_of_day',
  ),
  f(
    'weekend_order_share_90d',
    'Share of orders placed on local Saturday/Sunday, 90-day weights',
    '90d',
    'share',
    'weekday',
  ),
  // Category mix (share of spend by group, 90-day weights; the five shares sum to 1 when there is spend).
  f(
    'essentials_spend_share_90d',
    'Share of spend on grocery, household, baby and health',
    '90d',
    'share',
    'category',
  ),
  f(
    'electronics_spend_share_90d',
    'Share of spend on electronics and home appliances',
    '90d',
    'share',
    'category',
  ),
  f('luxury_spend_share_90d', 'Share of spend on jewellery and luxury goods', '90d', 'share', 'category'),
  f(
    'virtual_gaming_spend_share_90d',
    'Share of spend on virtual goods and gaming (instantly resellable: cash-out signal)',
    '90d',
    'share',
    'category',
  ),
  f(
    'other_spend_share_90d',
    'Share of spend on everything else (apparel, beauty, books, sports, travel, other)',
    '90d',
    'share',
    'category',
  ),
  // Payment-method mix.
  f(
    'instalment_spend_share_90d',
    'Share of spend paid with instalment credit (BNPL)',
    '90d',
    'share',
    'payment',
  ),
  f('cod_order_share_90d', 'Share of orders paid cash on delivery', '90d', 'share', 'payment'),
  f(
    'instalment_order_share_90d',
    'Share of orders paid with instalment credit (each order counts once, whatever its amount)',
    '90d',
    'share',
    'payment',
  ),
  f(
    'instalment_order_share_lifetime',
    'Share of all orders paid with instalment credit (each order counts once, whatever its amount)',
    'lifetime',
    'share',
    'payment',
  ),
  f(
    'credit_card_order_share_lifetime',
    'Share of all orders paid by credit card',
    'lifetime',
    'share',
    'payment',
  ),
  f(
    'quick_cancel_rate_lifetime',
    'Cancellations within 30 minutes of the latest order (an unpaid order voided after a declined payment, typically) per order',
    'lifetime',
    'ratio',
    'cancellations',
  ),
  // Income cycle: spending that follows the calendar month (paycheck to paycheck).
  f(
    'month_day_concentration_lifetime',
    "Length of the mean vector of the orders' local day-of-month phases, 2 pi (day - 1) / days in month: 0 = spread over the month, 1 = always the same day",
    'lifetime',
    'share',
    'income_cycle',
  ),
  // Distinct counts (linear-counting sketches, lifetime).
  f(
    'distinct_merchants',
    'Estimated distinct merchants ordered from (64-bit sketch)',
    'lifetime',
    'count',
    'distinct',
  ),
  f(
    'distinct_devices',
    'Estimated distinct devices seen on any event (32-bit sketch)',
    'lifetime',
    'count',
    'distinct',
  ),
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]['name'];

export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((d) => d.name);
export const FEATURE_COUNT = FEATURES.length;

/** Position of each feature in the vector. */
export const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(
  FEATURE_NAMES.map((name, i) => [name, i]),
) as Record<FeatureName, number>;

/**
 * Identifies the vector layout and meaning: FNV-1a over names, windows, units and the definition
 * revision. A model trained on one version must not score vectors of another.
 */
export const FEATURE_SET_VERSION = `fs${FEATURE_DEFINITION_REVISION}-${hex32(
  fnv1a32(FEATURES.map((d) => `${d.name}:${d.window}:${d.unit}`).join(',')),
)}`;

function f<N extends string, W extends FeatureDefinition['window']>(
  name: N,
  description: string,
  window: W,
  unit: FeatureUnit,
  family: FeatureFamily,
): { name: N; description: string; window: W; unit: FeatureUnit; family: FeatureFamily } {
  return { name, description, window, unit, family };
}
