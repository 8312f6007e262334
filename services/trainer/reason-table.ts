// Reason codes of the credit model: every feature of FEATURE_NAMES belongs to one concept, and a
// concept has one stable code and one text a shopper can read. The model sums path contributions
// per code (services/common/model/reason-codes.ts), so "orders over 7, 30 and 90 days" surface once,
// as one reason, with the weight of the whole concept.
//
// Stability rules: a code is never reused for another meaning and never renumbered; a new concept
// takes the next free number; RC99 is the core's fallback and is never assigned here. A spec pins
// the code of every feature, so a change is a deliberate edit.
//
// Wording states the ADVERSE direction (what pushes the risk up), as adverse-action notices must.
// Trees can in principle use a feature either way; `adverseWhen` records the direction the text
// asserts, and the trainer checks it against the trained model's own contributions (rows where a
// feature's contribution is adverse should mostly sit on that side of its median) and reports any
// disagreement. The directions below are what the model learned on simulated data (seed 1, 100,000
// shoppers), and they match the credit story: heavy BNPL and cash on delivery, many devices, night
// shopping, resellable goods, cancellations and returns, declined payments, spending bunched after
// payday and a shift to essentials raise risk; a long history, larger and steadier baskets, credit
// cards, steady spending and weekend shopping (the salaried pattern) lower it.
import { FEATURE_NAMES, type FeatureName } from '../common/features';
import type { ReasonEntry, ReasonTable } from '../common/model/reason-codes';

export type AdverseDirection = 'high' | 'low';

export interface ReasonConcept {
  readonly code: string;
  readonly text: string;
  readonly features: ReadonlyArray<readonly [FeatureName, AdverseDirection]>;
}

export const REASON_CONCEPTS: readonly ReasonConcept[] = [
  {
    code: 'RC01',
    text: 'High share of recent spending paid with instalment credit',
    features: [['instalment_spend_share_90d', 'high']],
  },
  {
    code: 'RC02',
    text: 'High share of recent orders paid cash on delivery',
    features: [['cod_order_share_90d', 'high']],
  },
  {
    code: 'RC03',
    text: 'Many different devices used on the account',
    features: [['distinct_devices', 'high']],
  },
  {
    code: 'RC04',
    text: 'Frequent late-night shopping (midnight to 6 am)',
    features: [['night_order_share_90d', 'high']],
  },
  {
    code: 'RC05',
    text: 'High share of recent spending on virtual goods and gaming',
    features: [['virtual_gaming_spend_share_90d', 'high']],
  },
  {
    code: 'RC06',
    text: 'High share of recent spending on electronics, appliances or luxury goods',
    features: [
      ['electronics_spend_share_90d', 'high'],
      ['luxury_spend_share_90d', 'high'],
    ],
  },
  {
    code: 'RC07',
    text: 'Frequent cancelled orders',
    features: [
      ['cancels_90d', 'high'],
      ['cancel_amount_90d', 'high'],
      ['cancel_rate_90d', 'high'],
    ],
  },
  {
    code: 'RC08',
    text: 'Frequent returns or refunds',
    features: [
      ['returns_90d', 'high'],
      ['return_amount_90d', 'high'],
      ['return_rate_90d', 'high'],
      ['return_amount_ratio_90d', 'high'],
    ],
  },
  {
    code: 'RC09',
    text: 'Short purchase history',
    features: [['tenure_days', 'low']],
  },
  {
    code: 'RC10',
    text: 'Low typical order amounts',
    features: [
      ['basket_avg_90d', 'low'],
      ['basket_std_90d', 'low'],
      ['basket_max_90d', 'low'],
    ],
  },
  {
    code: 'RC11',
    text: 'High number of orders in recent months',
    features: [
      ['orders_1h', 'high'],
      ['orders_1d', 'high'],
      ['orders_7d', 'high'],
      ['orders_30d', 'high'],
      ['orders_90d', 'high'],
      ['orders_lifetime', 'high'],
      ['mean_order_gap_days', 'low'],
    ],
  },
  {
    // Adverse when LOW: spending that drops off (an income shock cuts activity) raises risk. A
    // spending spree shows up through the mix instead (instalments, resellable goods, night time).
    code: 'RC12',
    text: 'Spending in recent days below the usual level',
    features: [
      ['spend_rate_ratio_7d_90d', 'low'],
      ['spend_7d', 'low'],
      ['spend_1d', 'low'],
    ],
  },
  {
    code: 'RC13',
    text: 'Low total spending in recent months',
    features: [
      ['spend_30d', 'low'],
      ['spend_90d', 'low'],
    ],
  },
  {
    code: 'RC14',
    text: 'Purchases spread over many different merchants',
    features: [['distinct_merchants', 'high']],
  },
  {
    code: 'RC15',
    text: 'No recent purchase activity',
    features: [
      ['days_since_last_event', 'high'],
      ['days_since_last_order', 'high'],
    ],
  },
  {
    code: 'RC16',
    text: 'Low share of orders placed at weekends',
    features: [['weekend_order_share_90d', 'low']],
  },
  {
    code: 'RC18',
    text: 'Many orders paid with instalment credit',
    features: [
      ['instalment_order_share_lifetime', 'high'],
      ['instalment_order_share_90d', 'high'],
    ],
  },
  {
    code: 'RC19',
    text: 'Few orders paid by credit card',
    features: [['credit_card_order_share_lifetime', 'low']],
  },
  {
    code: 'RC20',
    text: 'Orders cancelled within minutes of checkout, as after declined payments',
    features: [['quick_cancel_rate_lifetime', 'high']],
  },
  {
    code: 'RC21',
    text: 'Spending concentrated at one time of the month',
    features: [['month_day_concentration_lifetime', 'high']],
  },
  // RC17 ("Low share of recent spending on groceries, household and other everyday goods") is
  // retired: once income shocks cut discretionary spending, the trained model found a HIGH share of
  // essentials adverse, so the concept was split into RC22 and RC23.
  {
    code: 'RC22',
    text: 'High share of recent spending on groceries and other essentials',
    features: [['essentials_spend_share_90d', 'high']],
  },
  {
    code: 'RC23',
    text: 'Little recent spending on clothing, beauty, books, sports or travel',
    features: [['other_spend_share_90d', 'low']],
  },
];

/** featureName -> { code, text }: the table stored in the model artifact. */
export const REASON_TABLE: ReasonTable = Object.freeze(
  Object.fromEntries(
    REASON_CONCEPTS.flatMap((c) => c.features.map(([name]) => [name, { code: c.code, text: c.text }])),
  ) as Record<string, ReasonEntry>,
);

/** featureName -> the direction its reason text asserts. */
export const ADVERSE_DIRECTION: Readonly<Record<string, AdverseDirection>> = Object.freeze(
  Object.fromEntries(REASON_CONCEPTS.flatMap((c) => c.features.map(([name, dir]) => [name, dir]))),
);

/** Features of FEATURE_NAMES without a reason (should be none; a spec checks it). */
export function featuresWithoutReason(featureNames: readonly string[] = FEATURE_NAMES): string[] {
  return featureNames.filter((name) => !Object.prototype.hasOwnProperty.call(REASON_TABLE, name));
}
