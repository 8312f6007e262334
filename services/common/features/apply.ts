// apply(): fold one purchase event into a profile state, by event time. This is the only code that
// changes a profile, online (feature-updater) and offline (training replay) alike.
//
// Event-time semantics. All decayed sums are referenced to the latest event time seen (one
// timestamp for all of them). An event after it first decays every sum to the event's time, then
// adds with weight 1; an event before it (out of order, within the allowed lateness) adds with
// weight exp(-age / tau) instead, which is the contribution it would have had if it had come in
// order. Sums, weighted means, weighted variances, decayed maxima, shares, sketches, first/last
// times and counters are therefore independent of arrival order up to float rounding; the
// duplicate ring and the too_late verdict are not (they are about arrival).
//
// Determinism: every stored value lands in a typed array (float32, uint16, uint32), so the state
// after apply() is exactly what encodeState() writes and decodeState() reads back.
import { ConfigError, InvalidEventError } from '../errors';
import { PURCHASE_EVENT_TYPES, type PurchaseEvent } from '../events/purchase-event';
import {
  CASH_ON_DELIVERY,
  CATEGORY_GROUPS,
  CREDIT_CARD,
  INSTALMENT_CREDIT,
  categoryGroupIndex,
} from './category-groups';
import { fnv1a32 } from './hash';
import { eventUtcOffsetMs, localHour, localMonthPhase, localWeekday } from './local-time';
import { sketchBit32, sketchBit64 } from './sketch';
import {
  LIFETIME_ORDERS_MAX,
  QUICK_CANCELS_MAX,
  QUICK_CANCEL_SECONDS,
  RECENT_ID_COUNT,
  SHARE,
  SHARE_SCALE,
  STATE_EPOCH_MS,
  STATE_MAX_TIME_MS,
  SUM,
  WORD,
  cloneState,
  toStateSeconds,
  type ProfileState,
} from './state';
import { DEFAULT_ALLOWED_LATENESS_MS, TAU_1D_S, TAU_1H_S, TAU_30D_S, TAU_7D_S, TAU_90D_S } from './windows';

export type ApplyOutcome = 'applied' | 'duplicate' | 'too_late';

export interface ApplyResult {
  /** The new state when applied; the very same (unchanged) input object otherwise. */
  readonly state: ProfileState;
  readonly outcome: ApplyOutcome;
}

export interface ApplyOptions {
  /**
   * How far (ms) an event may be behind the latest event of the same user and still be applied.
   * Default 7 days. Infinity applies everything (a backfill that trusts its input).
   */
  allowedLatenessMs?: number;
  /** IANA zone for events without a (known) zone of their own. Default 'Asia/Shanghai'. */
  defaultTimeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Local hours [0, NIGHT_END_HOUR) count as night-time. */
export const NIGHT_END_HOUR = 6;

const MINOR_UNITS_PER_MAJOR = 100;
const EVENT_TYPES: ReadonlySet<string> = new Set(PURCHASE_EVENT_TYPES);
const ESSENTIALS = CATEGORY_GROUPS.indexOf('essentials');
const ELECTRONICS = CATEGORY_GROUPS.indexOf('electronics');
const LUXURY = CATEGORY_GROUPS.indexOf('luxury');
const VIRTUAL_GAMING = CATEGORY_GROUPS.indexOf('virtual_gaming');

/** The ring entry of an event id: FNV-1a 32 of its UTF-8 bytes, never 0 (0 marks an empty slot). */
export function eventIdHash(eventId: string): number {
  const h = fnv1a32(eventId);
  return h === 0 ? 1 : h;
}

/**
 * Pure: returns a new state and leaves `state` untouched. For 'duplicate' and 'too_late' the
 * returned state is `state` itself. Throws InvalidEventError for an event that validation should
 * have dead-lettered (time outside 1970..2106, negative or non-finite amount, unknown type) and
 * ConfigError for bad options; the state is untouched then too.
 */
export function apply(state: ProfileState, event: PurchaseEvent, opts?: ApplyOptions): ApplyResult {
  const sec = validEventSeconds(event);
  const idHash = eventIdHash(event.eventId);
  const outcome = verdict(state, idHash, sec, latenessOption(opts));
  if (outcome !== 'applied') return { state, outcome };
  const next = cloneState(state);
  fold(next, event, idHash, sec, opts?.defaultTimeZone ?? DEFAULT_TIME_ZONE);
  return { state: next, outcome };
}

/**
 * The fast path: same verdicts and resulting values as apply(), but writes into `state`. Safe
 * whenever the caller owns the state exclusively, e.g. the updater's freshly decoded copy or a
 * training replay's in-memory profile. On a throw the state is untouched (validation comes first).
 */
export function applyInPlace(state: ProfileState, event: PurchaseEvent, opts?: ApplyOptions): ApplyOutcome {
  const sec = validEventSeconds(event);
  const idHash = eventIdHash(event.eventId);
  const outcome = verdict(state, idHash, sec, latenessOption(opts));
  if (outcome === 'applied') fold(state, event, idHash, sec, opts?.defaultTimeZone ?? DEFAULT_TIME_ZONE);
  return outcome;
}

function latenessOption(opts: ApplyOptions | undefined): number {
  const ms = opts?.allowedLatenessMs ?? DEFAULT_ALLOWED_LATENESS_MS;
  if (!(ms >= 0)) throw new ConfigError('allowedLatenessMs', `must be >= 0, got ${ms}`);
  return ms;
}

function validEventSeconds(event: PurchaseEvent): number {
  const t = event.eventTime;
  // Second 0 is reserved: LATEST_SEC = 0 marks the empty state.
  if (!(t >= STATE_EPOCH_MS + 1000 && t <= STATE_MAX_TIME_MS)) {
    throw new InvalidEventError('event_time_out_of_range', `event time ${t} is outside 1970..2106`);
  }
  const amount = event.amountMinor;
  if (!(amount >= 0 && amount <= Number.MAX_SAFE_INTEGER)) {
    throw new InvalidEventError('bad_amount', `amount ${amount} is not a non-negative number`);
  }
  if (!EVENT_TYPES.has(event.type)) {
    throw new InvalidEventError('unknown_event_type', `unknown event type ${String(event.type)}`);
  }
  return toStateSeconds(t);
}

function verdict(state: ProfileState, idHash: number, sec: number, latenessMs: number): ApplyOutcome {
  const words = state.words;
  for (let i = WORD.RECENT_IDS; i < WORD.RECENT_IDS + RECENT_ID_COUNT; i++) {
    if (words[i] === idHash) return 'duplicate';
  }
  const latest = words[WORD.LATEST_SEC];
  // Lateness is judged on the stored whole seconds, so the verdict is a function of the state.
  if (latest !== 0 && (latest - sec) * 1000 > latenessMs) return 'too_late';
  return 'applied';
}

/** Folds a validated, accepted event into `s` (mutates). */
function fold(s: ProfileState, e: PurchaseEvent, idHash: number, sec: number, defaultZone: string): void {
  const { sums, words } = s;

  // Remember the id, newest first; the oldest falls off.
  for (let i = WORD.RECENT_IDS + RECENT_ID_COUNT - 1; i > WORD.RECENT_IDS; i--) words[i] = words[i - 1];
  words[WORD.RECENT_IDS] = idHash;

  const latest = words[WORD.LATEST_SEC];
  let w1h = 1;
  let w1d = 1;
  let w7d = 1;
  let w30d = 1;
  let w90d = 1;
  if (latest === 0) {
    words[WORD.LATEST_SEC] = sec;
    words[WORD.FIRST_SEC] = sec;
  } else if (sec > latest) {
    decayTo(sums, sec - latest);
    words[WORD.LATEST_SEC] = sec;
  } else if (sec < latest) {
    const age = latest - sec;
    w1h = Math.exp(-age / TAU_1H_S);
    w1d = Math.exp(-age / TAU_1D_S);
    w7d = Math.exp(-age / TAU_7D_S);
    w30d = Math.exp(-age / TAU_30D_S);
    w90d = Math.exp(-age / TAU_90D_S);
    if (sec < words[WORD.FIRST_SEC]) words[WORD.FIRST_SEC] = sec;
  }

  if (e.deviceId) words[WORD.DEVICES] |= 1 << sketchBit32(e.deviceId);

  const amount = e.amountMinor / MINOR_UNITS_PER_MAJOR;
  switch (e.type) {
    case 'ORDER':
      foldOrder(s, e, amount, sec, defaultZone, w1h, w1d, w7d, w30d, w90d);
      break;
    case 'RETURN':
      sums[SUM.RETURNS_90D] += w90d;
      sums[SUM.RETURN_AMOUNT_90D] += w90d * amount;
      break;
    case 'CANCEL': {
      sums[SUM.CANCELS_90D] += w90d;
      sums[SUM.CANCEL_AMOUNT_90D] += w90d * amount;
      const lastOrder = words[WORD.LAST_ORDER_SEC];
      // Counted against the orders of the lifetime means (MEAN_ORDERS > 0 whenever an order is):
      // after an upgrade from version 1, a cancel of an order from before it does not count.
      const counted = lastOrder !== 0 && words[WORD.MEAN_ORDERS] > 0;
      const quick = counted && Math.abs(sec - lastOrder) <= QUICK_CANCEL_SECONDS;
      if (quick && words[WORD.QUICK_CANCELS] < QUICK_CANCELS_MAX) words[WORD.QUICK_CANCELS]++;
      break;
    }
  }
}

/** Moves every decayed value forward by dt seconds (each write rounds to float32). */
function decayTo(sums: Float32Array, dt: number): void {
  sums[SUM.ORDERS_1H] *= Math.exp(-dt / TAU_1H_S);
  const d1d = Math.exp(-dt / TAU_1D_S);
  sums[SUM.ORDERS_1D] *= d1d;
  sums[SUM.SPEND_1D] *= d1d;
  const d7d = Math.exp(-dt / TAU_7D_S);
  sums[SUM.ORDERS_7D] *= d7d;
  sums[SUM.SPEND_7D] *= d7d;
  const d30d = Math.exp(-dt / TAU_30D_S);
  sums[SUM.ORDERS_30D] *= d30d;
  sums[SUM.SPEND_30D] *= d30d;
  const d90d = Math.exp(-dt / TAU_90D_S);
  sums[SUM.ORDERS_90D] *= d90d;
  // BASKET_MEAN_90D is a ratio of two sums decaying alike: unchanged.
  sums[SUM.BASKET_M2_90D] *= d90d;
  sums[SUM.BASKET_MAX_90D] *= d90d;
  sums[SUM.RETURNS_90D] *= d90d;
  sums[SUM.RETURN_AMOUNT_90D] *= d90d;
  sums[SUM.CANCELS_90D] *= d90d;
  sums[SUM.CANCEL_AMOUNT_90D] *= d90d;
}

function foldOrder(
  s: ProfileState,
  e: PurchaseEvent,
  amount: number,
  sec: number,
  defaultZone: string,
  w1h: number,
  w1d: number,
  w7d: number,
  w30d: number,
  w90d: number,
): void {
  const { sums, shares, words } = s;
  const offset = eventUtcOffsetMs(e.timeZone, defaultZone, e.eventTime);
  sums[SUM.ORDERS_1H] += w1h;
  sums[SUM.ORDERS_1D] += w1d;
  sums[SUM.SPEND_1D] += w1d * amount;
  sums[SUM.ORDERS_7D] += w7d;
  sums[SUM.SPEND_7D] += w7d * amount;
  sums[SUM.ORDERS_30D] += w30d;
  sums[SUM.SPEND_30D] += w30d * amount;
  const instalment = e.paymentMethod === INSTALMENT_CREDIT;

  // 90-day weighted statistics, West's (1979) incremental weighted mean and variance: stable in
  // float32, unlike sum-of-squares minus squared sum.
  const weightBefore = sums[SUM.ORDERS_90D];
  const weightAfter = weightBefore + w90d;
  const mean = sums[SUM.BASKET_MEAN_90D];
  const spendBefore = weightBefore * mean;
  const spendAdded = w90d * amount;
  const spendAfter = spendBefore + spendAdded;
  if (weightAfter > 0) {
    const delta = amount - mean;
    const meanAfter = mean + (w90d / weightAfter) * delta;
    sums[SUM.BASKET_M2_90D] = Math.max(0, sums[SUM.BASKET_M2_90D] + w90d * delta * (amount - meanAfter));
    sums[SUM.BASKET_MEAN_90D] = meanAfter;

    const night = localHour(e.eventTime, offset) < NIGHT_END_HOUR;
    const weekday = localWeekday(e.eventTime, offset);
    const weekend = weekday === 0 || weekday === 6;
    const cod = e.paymentMethod === CASH_ON_DELIVERY;
    updateShare(shares, SHARE.NIGHT_ORDERS, weightBefore, w90d, weightAfter, night);
    updateShare(shares, SHARE.WEEKEND_ORDERS, weightBefore, w90d, weightAfter, weekend);
    updateShare(shares, SHARE.COD_ORDERS, weightBefore, w90d, weightAfter, cod);
    updateShare(shares, SHARE.INSTALMENT_ORDERS, weightBefore, w90d, weightAfter, instalment);
  }
  sums[SUM.ORDERS_90D] = weightAfter;
  if (spendAfter > 0) {
    const group = categoryGroupIndex(e.category);
    updateShare(shares, SHARE.ESSENTIALS_SPEND, spendBefore, spendAdded, spendAfter, group === ESSENTIALS);
    updateShare(shares, SHARE.ELECTRONICS_SPEND, spendBefore, spendAdded, spendAfter, group === ELECTRONICS);
    updateShare(shares, SHARE.LUXURY_SPEND, spendBefore, spendAdded, spendAfter, group === LUXURY);
    const virtualGaming = group === VIRTUAL_GAMING;
    updateShare(shares, SHARE.VIRTUAL_GAMING_SPEND, spendBefore, spendAdded, spendAfter, virtualGaming);
    updateShare(shares, SHARE.INSTALMENT_SPEND, spendBefore, spendAdded, spendAfter, instalment);
  }
  // Decayed maximum: this order's amount as it stands at the reference time.
  if (spendAdded > sums[SUM.BASKET_MAX_90D]) sums[SUM.BASKET_MAX_90D] = spendAdded;

  if (sec > words[WORD.LAST_ORDER_SEC]) words[WORD.LAST_ORDER_SEC] = sec;
  if (words[WORD.LIFETIME_ORDERS] < LIFETIME_ORDERS_MAX) words[WORD.LIFETIME_ORDERS]++;
  // Lifetime means: every order weighs 1, so n - 1 orders before and n after (n stops growing when
  // the counter saturates; the mean then moves by 1/65535 per order, which is still a mean). n has
  // its own counter because a profile upgraded from encoding version 1 starts its means at the
  // upgrade, with lifetime orders already counted.
  if (words[WORD.MEAN_ORDERS] < LIFETIME_ORDERS_MAX) words[WORD.MEAN_ORDERS]++;
  const n = words[WORD.MEAN_ORDERS];
  const before = n - 1;
  updateShare(shares, SHARE.INSTALMENT_ORDERS_LIFETIME, before, 1, n, instalment);
  updateShare(shares, SHARE.CREDIT_CARD_ORDERS_LIFETIME, before, 1, n, e.paymentMethod === CREDIT_CARD);
  const angle = 2 * Math.PI * localMonthPhase(e.eventTime, offset);
  updateMean(shares, SHARE.MONTH_COS_LIFETIME, before, n, (1 + Math.cos(angle)) / 2);
  updateMean(shares, SHARE.MONTH_SIN_LIFETIME, before, n, (1 + Math.sin(angle)) / 2);
  const bit = sketchBit64(e.merchantId);
  if (bit < 32) words[WORD.MERCHANTS_LO] |= 1 << bit;
  else words[WORD.MERCHANTS_HI] |= 1 << (bit - 32);
}

/** A mean of values in [0, 1] with weight 1 per value: (mean * before + value) / after, on the uint16 scale. */
function updateMean(shares: Uint16Array, slot: number, before: number, after: number, value: number): void {
  const q = (shares[slot] * before + value * SHARE_SCALE) / after;
  shares[slot] = Math.min(SHARE_SCALE, Math.max(0, Math.round(q)));
}

/** share := (share * before + [hit] * added) / after, on the uint16 scale, rounded to nearest. */
function updateShare(
  shares: Uint16Array,
  slot: number,
  before: number,
  added: number,
  after: number,
  hit: boolean,
): void {
  const q = (shares[slot] * before + (hit ? added * SHARE_SCALE : 0)) / after;
  shares[slot] = Math.min(SHARE_SCALE, Math.max(0, Math.round(q)));
}
