// extract(): the feature vector of a profile as of an instant, in FEATURE_NAMES order. Reads the
// state only: decays every sum from the state's latest event time to `asOfMs` on the fly.
import { FEATURE_COUNT, FEATURE_INDEX as I } from './catalogue';
import { estimateDistinct32, estimateDistinct64 } from './sketch';
import { SHARE, SHARE_SCALE, STATE_EPOCH_MS, SUM, WORD, type ProfileState } from './state';
import { SECONDS_PER_DAY, TAU_1D_S, TAU_1H_S, TAU_30D_S, TAU_7D_S, TAU_90D_S } from './windows';

/** The feature vector as of `asOfMs` (epoch ms). An as-of before the latest event reads as at it. */
export function extract(state: ProfileState, asOfMs: number): Float64Array {
  return extractInto(state, asOfMs, new Float64Array(FEATURE_COUNT));
}

/** extract() into a caller's buffer (length >= FEATURE_COUNT), for allocation-free scoring loops. */
export function extractInto(state: ProfileState, asOfMs: number, out: Float64Array): Float64Array {
  if (out.length < FEATURE_COUNT)
    throw new RangeError(`output needs ${FEATURE_COUNT} slots, has ${out.length}`);
  const { sums, shares, words } = state;
  const latest = words[WORD.LATEST_SEC];
  if (latest === 0 || !Number.isFinite(asOfMs)) {
    out.fill(0, 0, FEATURE_COUNT);
    return out;
  }
  const asOfSec = Math.max(latest, (asOfMs - STATE_EPOCH_MS) / 1000);
  const dt = asOfSec - latest;
  const d1h = Math.exp(-dt / TAU_1H_S);
  const d1d = Math.exp(-dt / TAU_1D_S);
  const d7d = Math.exp(-dt / TAU_7D_S);
  const d30d = Math.exp(-dt / TAU_30D_S);
  const d90d = Math.exp(-dt / TAU_90D_S);

  const weight90 = sums[SUM.ORDERS_90D];
  const mean = weight90 > 0 ? sums[SUM.BASKET_MEAN_90D] : 0;
  const orders90 = weight90 * d90d;
  const spend90 = orders90 * mean;
  const spend7 = sums[SUM.SPEND_7D] * d7d;

  out[I.spend_1d] = sums[SUM.SPEND_1D] * d1d;
  out[I.spend_7d] = spend7;
  out[I.spend_30d] = sums[SUM.SPEND_30D] * d30d;
  out[I.spend_90d] = spend90;
  out[I.orders_1d] = sums[SUM.ORDERS_1D] * d1d;
  out[I.orders_7d] = sums[SUM.ORDERS_7D] * d7d;
  out[I.orders_30d] = sums[SUM.ORDERS_30D] * d30d;
  out[I.orders_90d] = orders90;
  const lifetimeOrders = words[WORD.LIFETIME_ORDERS];
  out[I.orders_lifetime] = lifetimeOrders;

  const first = words[WORD.FIRST_SEC];
  const lastOrder = words[WORD.LAST_ORDER_SEC];
  const tenureDays = (asOfSec - first) / SECONDS_PER_DAY;
  out[I.orders_1h] = sums[SUM.ORDERS_1H] * d1h;
  // Censored while there are fewer than two orders: the gap is at least the time observed so far.
  out[I.mean_order_gap_days] =
    lifetimeOrders >= 2 ? (lastOrder - first) / (lifetimeOrders - 1) / SECONDS_PER_DAY : tenureDays;
  out[I.spend_rate_ratio_7d_90d] = spend7 / 7 / (Math.max(spend90, 1) / 90);

  out[I.days_since_last_event] = dt / SECONDS_PER_DAY;
  out[I.days_since_last_order] = lastOrder === 0 ? tenureDays : (asOfSec - lastOrder) / SECONDS_PER_DAY;
  out[I.tenure_days] = tenureDays;

  out[I.basket_avg_90d] = mean;
  out[I.basket_max_90d] = sums[SUM.BASKET_MAX_90D] * d90d;
  // M2 and the weight decay alike, so their ratio needs no decay.
  out[I.basket_std_90d] = weight90 > 0 ? Math.sqrt(Math.max(0, sums[SUM.BASKET_M2_90D] / weight90)) : 0;

  const returns90 = sums[SUM.RETURNS_90D] * d90d;
  const returnAmount90 = sums[SUM.RETURN_AMOUNT_90D] * d90d;
  const cancels90 = sums[SUM.CANCELS_90D] * d90d;
  out[I.returns_90d] = returns90;
  out[I.return_amount_90d] = returnAmount90;
  out[I.return_rate_90d] = returns90 / Math.max(orders90, 1);
  out[I.return_amount_ratio_90d] = returnAmount90 / Math.max(spend90, 1);
  out[I.cancels_90d] = cancels90;
  out[I.cancel_amount_90d] = sums[SUM.CANCEL_AMOUNT_90D] * d90d;
  out[I.cancel_rate_90d] = cancels90 / Math.max(orders90, 1);

  out[I.night_order_share_90d] = shares[SHARE.NIGHT_ORDERS] / SHARE_SCALE;
  out[I.weekend_order_share_90d] = shares[SHARE.WEEKEND_ORDERS] / SHARE_SCALE;
  const essentials = shares[SHARE.ESSENTIALS_SPEND] / SHARE_SCALE;
  const electronics = shares[SHARE.ELECTRONICS_SPEND] / SHARE_SCALE;
  const luxury = shares[SHARE.LUXURY_SPEND] / SHARE_SCALE;
  const virtualGaming = shares[SHARE.VIRTUAL_GAMING_SPEND] / SHARE_SCALE;
  out[I.essentials_spend_share_90d] = essentials;
  out[I.electronics_spend_share_90d] = electronics;
  out[I.luxury_spend_share_90d] = luxury;
  out[I.virtual_gaming_spend_share_90d] = virtualGaming;
  // The remainder; no spend at all means no mix (0), not "all other".
  out[I.other_spend_share_90d] =
    weight90 > 0 && mean > 0 ? Math.max(0, 1 - essentials - electronics - luxury - virtualGaming) : 0;
  out[I.instalment_spend_share_90d] = shares[SHARE.INSTALMENT_SPEND] / SHARE_SCALE;
  out[I.cod_order_share_90d] = shares[SHARE.COD_ORDERS] / SHARE_SCALE;

  out[I.instalment_order_share_90d] = shares[SHARE.INSTALMENT_ORDERS] / SHARE_SCALE;
  // Lifetime means: every order counted weighs 1 (all orders, or those since an upgrade from v1).
  const meanOrders = words[WORD.MEAN_ORDERS];
  out[I.instalment_order_share_lifetime] = shares[SHARE.INSTALMENT_ORDERS_LIFETIME] / SHARE_SCALE;
  out[I.credit_card_order_share_lifetime] = shares[SHARE.CREDIT_CARD_ORDERS_LIFETIME] / SHARE_SCALE;
  // Length of the mean phase vector; stored as (1 + cos) / 2 and (1 + sin) / 2, so map back first.
  const monthCos = meanOrders > 0 ? (2 * shares[SHARE.MONTH_COS_LIFETIME]) / SHARE_SCALE - 1 : 0;
  const monthSin = meanOrders > 0 ? (2 * shares[SHARE.MONTH_SIN_LIFETIME]) / SHARE_SCALE - 1 : 0;
  out[I.month_day_concentration_lifetime] = Math.min(1, Math.sqrt(monthCos * monthCos + monthSin * monthSin));
  out[I.quick_cancel_rate_lifetime] = words[WORD.QUICK_CANCELS] / Math.max(meanOrders, 1);

  out[I.distinct_merchants] = estimateDistinct64(words[WORD.MERCHANTS_LO], words[WORD.MERCHANTS_HI]);
  out[I.distinct_devices] = estimateDistinct32(words[WORD.DEVICES]);
  return out;
}
