// The per-user profile state: everything apply() remembers about a shopper, shaped so that it fits
// the Redis budget (see docs/features.md, "State layout") and so that it can only ever hold values at
// their storage precision. Typed arrays do that by construction: a Float32Array rounds every write
// exactly as Math.fround does, a Uint16Array/Uint32Array keeps integers. decodeState(encodeState(s))
// therefore always deep-equals s, which is what makes online (Redis between batches) and offline (in
// memory) feature vectors bit-identical.

/** Times in the state are uint32 Unix seconds (to 2106-02-07); second 0 marks the empty state. */
export const STATE_EPOCH_MS = 0;
/** The largest representable event time. */
export const STATE_MAX_TIME_MS = STATE_EPOCH_MS + 0xffffffff * 1000;

/** Slots of `sums` (float32). Decayed sums share one reference time, `words[WORD.LATEST_SEC]`. */
export const SUM = {
  /** decayed order count, tau 1 h */
  ORDERS_1H: 0,
  /** decayed order count and spend (CNY), tau 1 d */
  ORDERS_1D: 1,
  SPEND_1D: 2,
  ORDERS_7D: 3,
  SPEND_7D: 4,
  ORDERS_30D: 5,
  SPEND_30D: 6,
  /** decayed order count, tau 90 d: also the total weight W of the 90-day weighted statistics */
  ORDERS_90D: 7,
  /** weighted mean order amount (CNY), 90-day weights; not decayed (a ratio of decayed sums) */
  BASKET_MEAN_90D: 8,
  /** weighted sum of squared deviations from the mean (CNY^2), decays with tau 90 d (West 1979) */
  BASKET_M2_90D: 9,
  /** decayed maximum: max over orders of amount * exp(-age / 90 d) */
  BASKET_MAX_90D: 10,
  RETURNS_90D: 11,
  RETURN_AMOUNT_90D: 12,
  CANCELS_90D: 13,
  CANCEL_AMOUNT_90D: 14,
} as const;
export const SUM_COUNT = 15;

/**
 * Slots of `shares` (uint16, value / 65535). Slots 0-8: weighted fractions over the 90-day order
 * weights; a share is a ratio of two decayed sums, so it does not change when time passes; only the
 * denominator (orders_90d or spend_90d, kept in `sums`) does. Slots 9-12: means over every order
 * ever applied (weight 1 each, n = WORD.MEAN_ORDERS): the settled habits a long history reveals.
 */
export const SHARE = {
  /** of orders: local hour 0-5 */
  NIGHT_ORDERS: 0,
  /** of orders: local Saturday or Sunday */
  WEEKEND_ORDERS: 1,
  /** of spend, by category group (the fifth group, other, is the remainder) */
  ESSENTIALS_SPEND: 2,
  ELECTRONICS_SPEND: 3,
  LUXURY_SPEND: 4,
  VIRTUAL_GAMING_SPEND: 5,
  /** of spend: paid with instalment credit */
  INSTALMENT_SPEND: 6,
  /** of orders: cash on delivery */
  COD_ORDERS: 7,
  /** of orders: paid with instalment credit */
  INSTALMENT_ORDERS: 8,
  /** of all orders: paid with instalment credit */
  INSTALMENT_ORDERS_LIFETIME: 9,
  /** of all orders: paid by credit card */
  CREDIT_CARD_ORDERS_LIFETIME: 10,
  /**
   * Mean of (1 + cos a) / 2 and (1 + sin a) / 2 over all orders, a = 2 pi (local day of month - 1) /
   * days in the month: the mean vector of the orders' phases in the calendar month.
   */
  MONTH_COS_LIFETIME: 11,
  MONTH_SIN_LIFETIME: 12,
} as const;
export const SHARE_COUNT = 13;
export const SHARE_SCALE = 65535;

/** Slots of `words` (uint32). */
export const WORD = {
  /** latest event time seen, Unix seconds; 0 = no event yet (the empty state) */
  LATEST_SEC: 0,
  /** earliest event time seen (seconds) */
  FIRST_SEC: 1,
  /** latest order time seen (seconds); 0 = no order yet */
  LAST_ORDER_SEC: 2,
  /** orders ever applied, saturating at LIFETIME_ORDERS_MAX (it is stored in 16 bits) */
  LIFETIME_ORDERS: 3,
  /** 64-bit linear-counting sketch of merchant ids (ordered from), low and high word */
  MERCHANTS_LO: 4,
  MERCHANTS_HI: 5,
  /** 32-bit linear-counting sketch of device ids (any event) */
  DEVICES: 6,
  /**
   * cancellations within QUICK_CANCEL_SECONDS of the latest order seen so far (an unpaid order
   * voided after a declined payment, typically), saturating at QUICK_CANCELS_MAX (16 bits stored)
   */
  QUICK_CANCELS: 7,
  /**
   * orders counted in the lifetime means and the quick-cancel rate, saturating like
   * LIFETIME_ORDERS: equal to it for a profile built under encoding version 2; for one upgraded from
   * version 1 (which had no lifetime means) it counts the orders since the upgrade
   */
  MEAN_ORDERS: 8,
  /** first slot of the ring of recent event-id hashes, newest first; 0 = empty slot */
  RECENT_IDS: 9,
} as const;
/** How many recent event ids the duplicate check remembers. */
export const RECENT_ID_COUNT = 5;
export const WORD_COUNT = WORD.RECENT_IDS + RECENT_ID_COUNT;
export const LIFETIME_ORDERS_MAX = 0xffff;
export const QUICK_CANCELS_MAX = 0xffff;
/** A cancellation this close to the latest order (either side) is a quick cancel. */
export const QUICK_CANCEL_SECONDS = 30 * 60;

/**
 * One shopper's profile. Treat it as immutable: apply() returns a new one; only applyInPlace()
 * writes, and only to a state its caller owns.
 */
export interface ProfileState {
  /** float32 decayed sums and weighted statistics, indexed by SUM */
  readonly sums: Float32Array;
  /** uint16 weighted shares, indexed by SHARE */
  readonly shares: Uint16Array;
  /** uint32 times, counters, sketches and the recent-id ring, indexed by WORD */
  readonly words: Uint32Array;
}

/** The state of a shopper never seen before. */
export function emptyState(): ProfileState {
  return {
    sums: new Float32Array(SUM_COUNT),
    shares: new Uint16Array(SHARE_COUNT),
    words: new Uint32Array(WORD_COUNT),
  };
}

/** A deep copy. */
export function cloneState(s: ProfileState): ProfileState {
  return { sums: s.sums.slice(), shares: s.shares.slice(), words: s.words.slice() };
}

/** True when no event has been applied. */
export function isEmptyState(s: ProfileState): boolean {
  return s.words[WORD.LATEST_SEC] === 0;
}

/** Latest applied event time (epoch ms, whole seconds), or null for the empty state. */
export function latestEventTimeMs(s: ProfileState): number | null {
  const sec = s.words[WORD.LATEST_SEC];
  return sec === 0 ? null : STATE_EPOCH_MS + sec * 1000;
}

/** State seconds of an epoch-ms instant (floor), not range-checked. */
export function toStateSeconds(epochMs: number): number {
  return Math.floor((epochMs - STATE_EPOCH_MS) / 1000);
}
