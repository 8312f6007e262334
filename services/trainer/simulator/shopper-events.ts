// One shopper's purchase events, generated lazily and in event-time order. The generator walks the
// shopper's local calendar day by day; each day's orders (and the cancels and returns they will
// cause later) go into a small heap, and an event leaves the heap only once no later day can still
// produce an earlier one. So a shopper holds only a few pending events at a time, which is what lets
// the merged feed interleave 100,000 shoppers without materialising millions of events.
// All randomness comes from the shopper's own stream: consuming the events fully, partially or
// interleaved with other shoppers yields exactly the same events.
import {
  CATEGORIES,
  CHANNELS,
  PAYMENT_METHODS,
  type Channel,
  type PurchaseEvent,
  type PurchaseEventType,
} from '../../common/events/purchase-event';
import type { BehaviourProfile, StateHabits } from './behaviour';
import { PAYMENT_INDEX } from './behaviour';
import { festivalMultiplierFor, isWeekend, localDayNumber } from './calendar';
import { CATEGORY_INDEX, CATEGORY_PROFILES } from './catalogue';
import { deviceIdOf, eventUuid, merchantIdOf, orderIdOf } from './ids';
import { cumulativeSoftmaxInto, type Rng } from './prng';
import type { RunContext } from './run-context';
import { DAY_MS, HOUR_MS, type ZoneOffsets } from './time-zones';
import { REFERENCE_INCOME_CNY, type ShopperTraits } from './traits';

/** A retry after a declined payment: same category, a smaller basket, another method. */
interface Retry {
  categoryIndex: number;
  amountScale: number;
  declinedPayment: number;
}

interface Pending {
  time: number;
  seq: number;
  event: PurchaseEvent;
}

/** A fraudster's bust-out: sessions per day and how long it lasts. */
const BUST_SESSIONS_PER_DAY = 3;
const BUST_MIN_DAYS = 2;
const BUST_EXTRA_DAYS = 5;
/** Later days can still emit events up to this much before their local midnight (DST shifts). */
const FRONTIER_MARGIN_MS = 2 * HOUR_MS;
/** Share of web checkouts without a device fingerprint (no SDK in the browser). */
const WEB_NO_DEVICE = 0.4;
const MAX_BASKET_CNY = 200_000;
/** Spending after an income arrival decays with this time constant (days). */
const INCOME_SPEND_TAU_DAYS = 4;
/** A declined payment: the unpaid order is voided 2-30 minutes later; most shoppers then retry. */
const DECLINE_VOID_MIN_MS = 2 * 60_000;
const DECLINE_VOID_SPAN_MS = 28 * 60_000;
const RETRY_CHANCE = 0.6;
/** A shopper's own cancellation: 5 minutes + log-normal around 2.5 hours, at most 48 hours. */
const REGRET_CANCEL_MIN_MS = 5 * 60_000;
const REGRET_CANCEL_MEDIAN_MS = 2.5 * HOUR_MS;

const COD = PAYMENT_INDEX.CASH_ON_DELIVERY;
const INSTALMENT = PAYMENT_INDEX.INSTALMENT_CREDIT;
const BANK = PAYMENT_INDEX.BANK_TRANSFER;
/** Methods that can be declined for lack of funds or credit (cash on delivery and transfers cannot). */
const DECLINABLE = PAYMENT_METHODS.map(
  (m) => m === 'CREDIT_CARD' || m === 'DEBIT_CARD' || m === 'INSTALMENT_CREDIT' || m === 'WALLET',
);
/** Categories that cannot be paid cash on delivery (nothing is delivered). */
const NO_COD = new Set([CATEGORY_INDEX.VIRTUAL_GOODS, CATEGORY_INDEX.GAMING, CATEGORY_INDEX.TRAVEL]);
const WEB = CHANNELS.indexOf('WEB');
/** Per-order scratch shared by all shoppers (generation is synchronous, never re-entered). */
const PAY_LOGITS = new Float64Array(PAYMENT_METHODS.length);
const PAY_CUMULATIVE = new Float64Array(PAYMENT_METHODS.length);

export class ShopperEventSource implements IterableIterator<PurchaseEvent> {
  private readonly heap: Pending[] = [];
  private readonly zone: ZoneOffsets;
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly earliest: number;
  private readonly bustEnd: number;
  private readonly incomeFactor: number;
  // The few traits the generator needs, copied so the source does not keep the whole traits object
  // alive (the merged feed holds 100,000 sources at once).
  private readonly homeTimeZone: string;
  private readonly ordersPerDay: number;
  private readonly bustOutAt: number | null;
  private readonly shockAt: number | null;
  private readonly recoveredAt: number | null;
  private readonly payday: number | null;
  /** Local day number of the latest income arrival (salary, payout, takings). */
  private lastIncomeDay: number;
  private readonly devices: string[] = [];
  /** Stores used before, per category index; created on first use (most shoppers use few). */
  private readonly favourites: Array<number[] | undefined> = [];
  private nextDay: number;
  private frontier = -Infinity;
  private eventSeq = 0;
  private orderSeq = 0;
  private weekIndex = -1;
  private weekMultiplier = 1;
  private head: PurchaseEvent | undefined = undefined;

  constructor(
    private readonly ctx: RunContext,
    readonly shopperIndex: number,
    readonly userId: string,
    traits: ShopperTraits,
    private readonly profile: BehaviourProfile,
    private readonly rng: Rng,
  ) {
    this.zone = ctx.zones.get(traits.homeTimeZone);
    this.earliest = Math.max(ctx.periodStart, traits.accountOpenedAt);
    this.firstDay = localDayNumber(this.zone.toWall(this.earliest));
    this.lastDay = localDayNumber(this.zone.toWall(ctx.periodEnd - 1));
    this.nextDay = this.firstDay;
    this.bustEnd =
      traits.bustOutAt === null
        ? -Infinity
        : traits.bustOutAt + (BUST_MIN_DAYS + rng.int(BUST_EXTRA_DAYS)) * DAY_MS;
    this.incomeFactor = Math.pow(traits.monthlyIncomeCny / REFERENCE_INCOME_CNY, 0.35);
    this.homeTimeZone = traits.homeTimeZone;
    this.ordersPerDay = traits.ordersPerDay;
    this.bustOutAt = traits.bustOutAt;
    this.shockAt = traits.shockAt;
    this.recoveredAt = traits.recoveredAt;
    this.payday = traits.payday;
    for (let i = 0; i < profile.initialDevices; i++) this.devices.push(this.newDeviceId());
    this.lastIncomeDay = this.incomeBefore(this.firstDay, profile.calm.incomeGapDays);
  }

  [Symbol.iterator](): IterableIterator<PurchaseEvent> {
    return this;
  }

  /** The next event without consuming it (undefined when the shopper has no more). */
  peek(): PurchaseEvent | undefined {
    if (this.head === undefined) this.head = this.advance();
    return this.head;
  }

  next(): IteratorResult<PurchaseEvent> {
    const e = this.peek();
    this.head = undefined;
    return e === undefined ? { done: true, value: undefined } : { done: false, value: e };
  }

  /** All remaining events (for one-shopper-at-a-time use). */
  drain(): PurchaseEvent[] {
    const out: PurchaseEvent[] = [];
    for (let e = this.peek(); e !== undefined; e = this.peek()) {
      out.push(e);
      this.head = undefined;
    }
    return out;
  }

  private advance(): PurchaseEvent | undefined {
    for (;;) {
      const top = this.heap[0];
      if (top !== undefined && top.time < this.frontier) return this.popPending().event;
      if (this.nextDay > this.lastDay) return undefined; // whatever remains lies after the period
      this.generateDay(this.nextDay++);
      this.frontier =
        this.nextDay > this.lastDay
          ? this.ctx.periodEnd
          : Math.min(this.ctx.periodEnd, this.zone.toUtc(this.nextDay * DAY_MS) - FRONTIER_MARGIN_MS);
    }
  }

  private generateDay(day: number): void {
    const { profile, rng } = this;
    const dayWall = day * DAY_MS;
    const midday = this.zone.toUtc(dayWall + 12 * HOUR_MS);

    const week = Math.floor((day - this.firstDay) / 7);
    if (week !== this.weekIndex) {
      this.weekIndex = week;
      const sigma = profile.weeklySigma; // mean-preserving log-normal swing
      this.weekMultiplier = rng.logNormal(Math.exp((-sigma * sigma) / 2), sigma);
    }

    let habits: StateHabits;
    let sessionsMean: number;
    if (this.bustOutAt !== null && midday >= this.bustOutAt) {
      if (midday >= this.bustEnd) return; // the synthetic identity has been abandoned
      habits = profile.bust;
      sessionsMean = BUST_SESSIONS_PER_DAY;
    } else {
      habits = this.inShock(midday) ? profile.stressed : profile.calm;
      const calendar =
        (isWeekend(day) ? profile.weekendMultiplier : 1) *
        festivalMultiplierFor(this.ctx.festivals.at(day), profile.festivalSensitivity);
      sessionsMean =
        (this.ordersPerDay *
          habits.activity *
          calendar *
          this.weekMultiplier *
          this.incomeCycle(day, habits)) /
        (1 + habits.spreeMean);
    }

    const sessions = rng.poisson(sessionsMean);
    for (let s = 0; s < sessions; s++) {
      const hour = rng.pickCumulative(habits.hourCum);
      let time = this.zone.toUtc(dayWall + hour * HOUR_MS + rng.int(HOUR_MS));
      const channelIndex = rng.pickCumulative(profile.channelCum);
      const deviceId = this.sessionDevice(habits, channelIndex);
      const timeZone = rng.bernoulli(this.ctx.options.nullTimeZoneShare) ? null : this.homeTimeZone;
      const orders = 1 + rng.poisson(habits.spreeMean);
      for (let o = 0; o < orders; o++) {
        if (o > 0) time += 20_000 + Math.round(rng.exponential(180_000)); // next basket in the spree
        this.order(time, habits, CHANNELS[channelIndex], deviceId, timeZone);
      }
    }
  }

  private inShock(t: number): boolean {
    return this.shockAt !== null && t >= this.shockAt && (this.recoveredAt === null || t < this.recoveredAt);
  }

  /** The latest income day before `day`, where the shopper's history starts. */
  private incomeBefore(day: number, gapDays: number | null): number {
    const payday = this.payday;
    if (gapDays === null && payday !== null) {
      let d = day - 1;
      while (d > day - 32 && !this.ctx.monthDays.isPayday(d, payday)) d--;
      return d;
    }
    return day - 1 - Math.floor(this.rng.exponential(gapDays ?? MONTH_DAYS));
  }

  /**
   * Multiplies the day's session rate: (1 - pull) + pull x c x exp(-days since income / tau), with c
   * making the cycle average 1, so income timing moves spending in time without changing its amount.
   */
  private incomeCycle(day: number, habits: StateHabits): number {
    const gap = habits.incomeGapDays;
    const paid =
      gap === null
        ? this.payday !== null && this.ctx.monthDays.isPayday(day, this.payday)
        : this.rng.bernoulli(1 / gap);
    if (paid) this.lastIncomeDay = day;
    const pull = habits.incomePull;
    if (pull === 0) return 1;
    const decay = Math.exp(-(day - this.lastIncomeDay) / INCOME_SPEND_TAU_DAYS);
    return 1 - pull + pull * cycleNormaliser(gap) * decay;
  }

  private sessionDevice(habits: StateHabits, channelIndex: number): string | null {
    const { rng, devices } = this;
    let device: string;
    if (rng.bernoulli(habits.newDeviceChance)) {
      device = this.newDeviceId();
      devices.push(device);
    } else {
      device =
        devices.length === 1 || rng.bernoulli(0.85) ? devices[0] : devices[1 + rng.int(devices.length - 1)];
    }
    if (channelIndex === WEB && rng.bernoulli(WEB_NO_DEVICE)) return null;
    return device;
  }

  private order(
    time: number,
    habits: StateHabits,
    channel: Channel,
    deviceId: string | null,
    timeZone: string | null,
    retry: Retry | null = null,
  ): void {
    const { rng, profile } = this;
    const categoryIndex = retry === null ? rng.pickCumulative(habits.categoryCum) : retry.categoryIndex;
    const cat = CATEGORY_PROFILES[categoryIndex];
    const itemCount = 1 + rng.poisson(cat.extraItems);
    const median =
      cat.medianCny *
      this.incomeFactor *
      profile.amountMultiplier *
      habits.amountMultiplier *
      (retry === null ? 1 : retry.amountScale) *
      Math.pow(itemCount, 0.6);
    const amountCny = Math.min(MAX_BASKET_CNY, Math.max(1, rng.logNormal(median, cat.sigma)));
    const listPriceMinor = Math.round(amountCny * 100);
    // Coupons: schema v2 semantics, amountMinor is what was charged, discountMinor what the coupon
    // took off. Charged amounts are the same whether or not discounts are emitted.
    const discountMinor = rng.bernoulli(profile.discountChance)
      ? Math.round(listPriceMinor * rng.between(0.03, 0.25))
      : 0;
    const amountMinor = listPriceMinor - discountMinor;

    // Payment: the shopper's habits, plus stress and basket size pushing towards credit.
    const pay = PAY_LOGITS;
    for (let i = 0; i < pay.length; i++) pay[i] = profile.paymentLogWeights[i] + habits.paymentShift[i];
    pay[INSTALMENT] += 6.0 * habits.stress + 0.5 * Math.log(amountCny / 300);
    pay[COD] += 2.5 * habits.stress;
    if (amountCny > 2000) pay[BANK] += Math.log(amountCny / 2000);
    if (NO_COD.has(categoryIndex)) pay[COD] = -Infinity;
    if (retry !== null) pay[retry.declinedPayment] = -Infinity;
    const paymentIndex = rng.pickCumulative(cumulativeSoftmaxInto(PAY_CUMULATIVE, pay));

    const merchantId = merchantIdOf(categoryIndex, this.merchantRank(categoryIndex, habits.loyalty));

    const orderId = orderIdOf(this.ctx.runTag, this.shopperIndex, this.orderSeq++);
    const base = {
      orderId,
      category: CATEGORIES[categoryIndex],
      merchantId,
      paymentMethod: PAYMENT_METHODS[paymentIndex],
      channel,
      deviceId,
      timeZone,
    };
    const orderEvent = this.event(time, 'ORDER', amountMinor, itemCount, base, discountMinor);

    // Follow-ups are drawn whether or not the order lies in the period, so the random stream (and
    // thus every later event) does not depend on where the period boundary falls.
    const cancelled = rng.bernoulli(
      profile.cancelBase + habits.extraCancel + (paymentIndex === COD ? 0.06 : 0),
    );
    const cancelDelay = Math.round(
      Math.min(48 * HOUR_MS, REGRET_CANCEL_MIN_MS + rng.logNormal(REGRET_CANCEL_MEDIAN_MS, 1.1)),
    );
    const returned = !cancelled && rng.bernoulli(Math.min(0.7, cat.returnRate * profile.returnMultiplier));
    const returnDelay = Math.round((2 + rng.logNormal(6, 0.5)) * DAY_MS);
    const partial = itemCount > 1 && rng.bernoulli(0.4);
    const returnedItems = partial ? 1 + rng.int(itemCount - 1) : itemCount;
    // A declined payment leaves an unpaid order that is voided within minutes (a CANCEL), and
    // usually a retry with another method and a smaller basket. A retry is not declined again.
    const declined = retry === null && DECLINABLE[paymentIndex] && rng.bernoulli(habits.declineChance);
    if (declined) {
      const voidedAt = time + DECLINE_VOID_MIN_MS + rng.int(DECLINE_VOID_SPAN_MS);
      if (rng.bernoulli(RETRY_CHANCE)) {
        const again = { categoryIndex, amountScale: rng.between(0.6, 1), declinedPayment: paymentIndex };
        this.order(voidedAt + 60_000 + rng.int(9 * 60_000), habits, channel, deviceId, timeZone, again);
      }
      if (time < this.earliest || time >= this.ctx.periodEnd) return;
      this.push(orderEvent);
      this.push(this.event(voidedAt, 'CANCEL', amountMinor, itemCount, base, null));
      return;
    }

    if (time < this.earliest || time >= this.ctx.periodEnd) return; // outside the period: unseen
    this.push(orderEvent);
    if (cancelled) {
      this.push(this.event(time + cancelDelay, 'CANCEL', amountMinor, itemCount, base, null));
    } else if (returned) {
      const refund = Math.round((amountMinor * returnedItems) / itemCount);
      this.push(this.event(time + returnDelay, 'RETURN', refund, returnedItems, base, null));
    }
  }

  /** Loyal shoppers go back to stores they know; others (and fraudsters) spread over many. */
  private merchantRank(categoryIndex: number, loyalty: number): number {
    const { rng } = this;
    let known = this.favourites[categoryIndex];
    if (known === undefined) known = this.favourites[categoryIndex] = [];
    if (known.length > 0 && rng.bernoulli(loyalty)) return known[rng.int(known.length)];
    // Zipf-like popularity: rank r has probability ~ 1/r.
    const m = CATEGORY_PROFILES[categoryIndex].merchants;
    const rank = Math.min(m, Math.floor(Math.exp(rng.uniform() * Math.log(m + 1))));
    if (known.length < 6) known.push(rank);
    return rank;
  }

  private event(
    eventTime: number,
    type: PurchaseEventType,
    amountMinor: number,
    itemCount: number,
    base: {
      orderId: string;
      category: PurchaseEvent['category'];
      merchantId: string;
      paymentMethod: PurchaseEvent['paymentMethod'];
      channel: Channel;
      deviceId: string | null;
      timeZone: string | null;
    },
    discountMinor: number | null,
  ): PurchaseEvent {
    const e: PurchaseEvent = {
      eventId: eventUuid(this.ctx.runTag, this.shopperIndex, this.eventSeq++, this.rng.nextUint32()),
      userId: this.userId,
      eventTime,
      type,
      orderId: base.orderId,
      amountMinor,
      currency: this.ctx.options.currency,
      itemCount,
      category: base.category,
      merchantId: base.merchantId,
      paymentMethod: base.paymentMethod,
      channel: base.channel,
      deviceId: base.deviceId,
      timeZone: base.timeZone,
    };
    if (this.ctx.options.includeDiscounts) e.discountMinor = discountMinor;
    return e;
  }

  private newDeviceId(): string {
    return deviceIdOf(this.rng.nextUint32(), this.rng.nextUint32());
  }

  /** Ties in event time keep creation order: the sequence only grows. */
  private push(event: PurchaseEvent): void {
    pushPending(this.heap, { time: event.eventTime, seq: this.eventSeq, event });
  }

  private popPending(): Pending {
    return popPending(this.heap);
  }
}

// The pending heap is tiny (a day's orders plus outstanding returns), so a hand-inlined heap on a
// plain array beats a generic class with a comparator closure on the hot path.
function before(a: Pending, b: Pending): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function pushPending(h: Pending[], p: Pending): void {
  let i = h.length;
  h.push(p);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(p, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = p;
}

function popPending(h: Pending[]): Pending {
  const top = h[0];
  const last = h.pop() as Pending;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(h[c + 1], h[c])) c++;
      if (!before(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}

/** Mean length of a calendar month in days. */
const MONTH_DAYS = 30.44;

const normalisers = new Map<number | null, number>();
/**
 * 1 / E[exp(-k / tau)] over the days k since the latest income: for a monthly payday, k runs over
 * a 30.44-day month; for incomes arriving each day with chance 1/gap, k is geometric.
 */
function cycleNormaliser(gapDays: number | null): number {
  let c = normalisers.get(gapDays);
  if (c === undefined) {
    const q = Math.exp(-1 / INCOME_SPEND_TAU_DAYS);
    if (gapDays === null) {
      c = (MONTH_DAYS * (1 - q)) / (1 - Math.exp(-MONTH_DAYS / INCOME_SPEND_TAU_DAYS));
    } else {
      const p = 1 / gapDays;
      c = (1 - (1 - p) * q) / p;
    }
    normalisers.set(gapDays, c);
  }
  return c;
}
