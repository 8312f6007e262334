// Traits -> habits. Turns a shopper's hidden traits into the concrete, per-shopper tendencies the
// event generator samples from: category mix, hours of the day, payment and channel preferences,
// spree size, cancel/return propensity, loyalty to stores, device churn. Every tendency also gets
// personal noise, so two shoppers with equal traits still shop differently (which is what keeps a
// model from reading the traits back perfectly). Three states per shopper: calm, stressed (during an
// income shock, until recovery) and bust-out (a fraudster's burst).
import { CHANNELS, PAYMENT_METHODS, type PaymentMethod } from '../../common/events/purchase-event';
import { CATEGORY_PROFILES, CATEGORY_INDEX } from './catalogue';
import { cumulativeOf, cumulativeSoftmax, logistic, type Rng } from './prng';
import { IRREGULAR_INCOME_GAP_DAYS, REFERENCE_INCOME_CNY, type ShopperTraits } from './traits';

export type BehaviourState = 'calm' | 'stressed' | 'bust';

export interface StateHabits {
  /** Cumulative category weights (indexed like CATEGORIES). */
  categoryCum: readonly number[];
  /** Cumulative weights of the local hour of a session (0..23). */
  hourCum: readonly number[];
  /** Financial stress in this state, 0..1: drives instalment credit and cash on delivery. */
  stress: number;
  /** Multiplies the session rate. */
  activity: number;
  /** Mean number of extra orders per session (spree size). */
  spreeMean: number;
  /** Multiplies basket values. */
  amountMultiplier: number;
  /** Chance that an order goes to a store the shopper has used before in that category. */
  loyalty: number;
  /** Chance per session of a device never seen before. */
  newDeviceChance: number;
  /** Added to the payment log-weights in this state (indexed like PAYMENT_METHODS). */
  paymentShift: readonly number[];
  /** Added to the cancel probability. */
  extraCancel: number;
  /**
   * Share of spending that follows income arrivals (0..1): households living paycheck to paycheck
   * spend right after money comes in (Gelman et al. 2014; Olafsson & Pagel 2018).
   */
  incomePull: number;
  /** Mean days between irregular income arrivals; null = the regular monthly payday. */
  incomeGapDays: number | null;
  /** Chance that a card, wallet or instalment payment is declined (no funds, credit limit reached). */
  declineChance: number;
}

export interface BehaviourProfile {
  calm: StateHabits;
  /** After an income shock (the calm habits again for shoppers without one: saves memory). */
  stressed: StateHabits;
  /** A synthetic identity's bust-out (the calm habits again for everyone else). */
  bust: StateHabits;
  /** Shopper-level payment log-weights before the order-time stress and amount terms. */
  paymentLogWeights: readonly number[];
  channelCum: readonly number[];
  /** Personal multiplier on basket values (taste, household size). */
  amountMultiplier: number;
  /** Probability that an order is cancelled, before payment-method and state terms. */
  cancelBase: number;
  /** Multiplies each category's return rate. */
  returnMultiplier: number;
  weekendMultiplier: number;
  /** How strongly festival days pull this shopper in (0 = not at all). */
  festivalSensitivity: number;
  /** Devices the shopper owns at the start of the period. */
  initialDevices: number;
  /** Chance that an order carries a coupon discount (thrifty shoppers hunt coupons). */
  discountChance: number;
  /** Log-normal sigma of week-to-week activity swings: irregular incomes make spending lumpy. */
  weeklySigma: number;
}

export const PAYMENT_INDEX: Readonly<Record<PaymentMethod, number>> = Object.fromEntries(
  PAYMENT_METHODS.map((m, i) => [m, i]),
) as Record<PaymentMethod, number>;

/** Relative volume of sessions by local hour on a Chinese marketplace: lunch and 20-23h peaks. */
const BASE_HOURS = [
  2.0, 1.0, 0.5, 0.3, 0.2, 0.3, 0.8, 1.8, 2.8, 3.8, 4.5, 4.5, 5.0, 4.5, 4.0, 4.0, 4.0, 4.0, 4.0, 5.0, 6.5,
  7.5, 6.5, 4.0,
];
/** How much of the night-owl pull each hour gets: full from midnight to 4h, half at 23h. */
const NIGHT_PULL = BASE_HOURS.map((_, h) => (h < 5 ? 1 : h === 23 ? 0.5 : 0));

const NO_PAYMENT_SHIFT: readonly number[] = PAYMENT_METHODS.map(() => 0);
const BUST_PAYMENT_SHIFT: readonly number[] = PAYMENT_METHODS.map((m) =>
  m === 'INSTALMENT_CREDIT' ? 3.5 : m === 'CASH_ON_DELIVERY' ? 2.5 : 0,
);

/**
 * Cumulative hour weights for a night-owl level (rounded to 0.01) and an extra night pull. Shared
 * between shoppers: ~400 distinct tables instead of one per shopper and state.
 */
const hourTables = new Map<number, readonly number[]>();
function hourTable(nightOwl: number, extra: number): readonly number[] {
  const level = Math.round(nightOwl * 100);
  const key = level * 1000 + Math.round(extra * 10);
  let table = hourTables.get(key);
  if (table === undefined) {
    const pull = (4 * level) / 100 + extra;
    table = cumulativeOf(BASE_HOURS.map((w, h) => w * (1 + NIGHT_PULL[h] * pull)));
    hourTables.set(key, table);
  }
  return table;
}

/** After an income shock, income comes from odd jobs and savings at irregular times. */
const ODD_JOB_INCOME_GAP_DAYS = 10;

/** Share of spending tied to income arrivals, from financial stress and a personal latent. */
function incomePullOf(stress: number, personal: number): number {
  return 0.9 * logistic(-2.6 + 4.5 * stress + 0.4 * personal);
}

/** Money worries shrink baskets: cheaper brands, smaller packs. */
function tradingDown(stress: number): number {
  return Math.exp(-0.7 * (stress - 0.35));
}

/** Declined payments rise steeply with stress (empty accounts, maxed-out credit lines). */
function declineChanceOf(stress: number, personal: number): number {
  return Math.min(0.3, (0.005 + 0.3 * stress * stress) * Math.exp(0.3 * personal - 0.045));
}

const C = CATEGORY_INDEX;
const PM = PAYMENT_INDEX;

export function deriveBehaviour(rng: Rng, t: ShopperTraits): BehaviourProfile {
  const student = t.employment === 'STUDENT';
  const logIncome = Math.log(t.monthlyIncomeCny / REFERENCE_INCOME_CNY);
  const isFraud = t.fraud !== 'NONE';

  // Category log-weights: base share + traits + personal taste.
  const cat = CATEGORY_PROFILES.map((p) => p.baseLogWeight + 0.6 * rng.normal());
  cat[C.GROCERY] += 0.4 * t.thrift + (t.hasChildren ? 0.3 : 0) - (student ? 0.5 : 0);
  cat[C.HOUSEHOLD] += 0.3 * t.thrift + (t.hasChildren ? 0.2 : 0);
  cat[C.BABY] += t.hasChildren ? 1.5 : -2.5;
  cat[C.HEALTH] += t.ageYears > 50 ? 0.5 : 0;
  cat[C.APPAREL] += 0.8 * t.impulsiveness - 0.3 * t.thrift;
  cat[C.BEAUTY] += 0.6 * t.impulsiveness;
  cat[C.ELECTRONICS] += 0.3 * t.impulsiveness + (student ? 0.3 : 0);
  cat[C.HOME_APPLIANCE] += t.hasChildren ? 0.2 : 0;
  cat[C.BOOKS] += (student ? 1.0 : 0) + 0.4 * t.thrift;
  cat[C.SPORTS] += t.ageYears < 35 ? 0.3 : 0;
  cat[C.JEWELRY_LUXURY] += 0.5 * logIncome + 0.8 * t.impulsiveness - 0.8 * t.thrift - 0.4 * t.financialStress;
  // Phone top-ups, game credits and gift cards: students, night owls, and money worries.
  cat[C.VIRTUAL_GOODS] += (student ? 0.7 : 0) + 0.6 * t.financialStress + 0.4 * t.nightOwl;
  cat[C.GAMING] +=
    (student ? 0.8 : 0) + (t.ageYears < 30 ? 0.4 : 0) + 0.5 * t.impulsiveness + 0.4 * t.nightOwl;
  cat[C.TRAVEL] += 0.5 * logIncome + (t.employment === 'SALARIED' ? 0.3 : 0) - (student ? 0.3 : 0);
  if (t.fraud === 'CASH_OUT') {
    // Cash-out: buy resellable goods on credit, sell them for cash.
    cat[C.VIRTUAL_GOODS] += 3;
    cat[C.ELECTRONICS] += 2;
    cat[C.JEWELRY_LUXURY] += 1;
  }

  const stressedCat = cat.map((w, i) => w + (CATEGORY_PROFILES[i].discretionary ? -1.0 : 0));
  stressedCat[C.VIRTUAL_GOODS] += 0.4;
  stressedCat[C.GROCERY] += 0.3;
  const bustCat = cat.map((w) => w - 1);
  bustCat[C.ELECTRONICS] += 4;
  bustCat[C.VIRTUAL_GOODS] += 3.5;
  bustCat[C.JEWELRY_LUXURY] += 3;
  bustCat[C.HOME_APPLIANCE] += 2;

  // Hours: night owls (and, a little, the stressed) shift sessions to 23-04h.
  const nightPull = (extra: number): readonly number[] => hourTable(t.nightOwl, extra);

  const stressedLevel = t.financialStress + (1 - t.financialStress) * 0.55;

  // Payment log-weights (indexed like PAYMENT_METHODS); stress and amount terms are added per order.
  const pay = new Array<number>(PAYMENT_METHODS.length).fill(0);
  pay[PM.WALLET] = 0.5 * rng.normal();
  pay[PM.DEBIT_CARD] = -1.3 + 0.8 * t.thrift + 0.6 * rng.normal();
  pay[PM.CREDIT_CARD] =
    -2.6 +
    0.9 * logIncome +
    (t.employment === 'SALARIED' ? 0.8 : 0) -
    (student ? 1.5 : 0) +
    1.2 * t.incomeStability +
    0.4 * rng.normal();
  pay[PM.INSTALMENT_CREDIT] = -4.0 + 0.9 * t.impulsiveness + (student ? 0.6 : 0) + 0.6 * rng.normal();
  pay[PM.CASH_ON_DELIVERY] = -4.3 - 0.6 * logIncome + 0.6 * rng.normal();
  pay[PM.BANK_TRANSFER] = -5.5 + 0.5 * rng.normal();
  pay[PM.OTHER] = -6;
  if (t.fraud === 'CASH_OUT') {
    pay[PM.INSTALMENT_CREDIT] += 3;
    pay[PM.CASH_ON_DELIVERY] += 1;
  }

  const channel = new Array<number>(CHANNELS.length).fill(0);
  channel[CHANNELS.indexOf('APP')] = 0;
  channel[CHANNELS.indexOf('MINI_PROGRAM')] = -0.8 + 0.7 * rng.normal();
  channel[CHANNELS.indexOf('WEB')] = -2 + (t.ageYears > 45 ? 1 : 0) + 0.7 * rng.normal();
  channel[CHANNELS.indexOf('OTHER')] = -5;

  const spreeMean = 0.15 + 1.0 * t.impulsiveness * t.impulsiveness;
  const loyalty = isFraud ? 0.1 : 0.7 - 0.35 * t.impulsiveness;
  const baseDeviceChurn = t.fraud === 'CASH_OUT' ? 0.15 : 0.004;

  // Drawn after every older habit (below), so adding them left those unchanged for a seed.
  const amountMultiplier = rng.logNormal(1, 0.25) * Math.exp(0.3 * t.impulsiveness - 0.3 * t.thrift);
  const initialDevices = 1 + (rng.bernoulli(0.25) ? 1 : 0) + (rng.bernoulli(0.05) ? 1 : 0);
  const pullLatent = rng.normal();
  const declineLatent = rng.normal();

  const calm: StateHabits = {
    categoryCum: cumulativeSoftmax(cat),
    hourCum: nightPull(t.fraud === 'CASH_OUT' ? 2 : 0),
    stress: t.financialStress,
    activity: 1,
    spreeMean,
    amountMultiplier: (t.fraud === 'SYNTHETIC_IDENTITY' ? 0.6 : 1) * tradingDown(t.financialStress),
    loyalty,
    newDeviceChance: baseDeviceChurn,
    paymentShift: NO_PAYMENT_SHIFT,
    extraCancel: 0,
    incomePull: incomePullOf(t.financialStress, pullLatent),
    incomeGapDays: IRREGULAR_INCOME_GAP_DAYS[t.employment],
    declineChance: declineChanceOf(t.financialStress, declineLatent),
  };
  const stressed: StateHabits =
    t.shockAt === null
      ? calm
      : {
          ...calm,
          categoryCum: cumulativeSoftmax(stressedCat),
          hourCum: nightPull(1.5),
          stress: stressedLevel,
          activity: 0.6,
          amountMultiplier: 0.75 * tradingDown(stressedLevel),
          extraCancel: 0.02,
          incomePull: incomePullOf(stressedLevel, pullLatent),
          incomeGapDays: ODD_JOB_INCOME_GAP_DAYS,
          declineChance: declineChanceOf(stressedLevel, declineLatent),
        };
  const bust: StateHabits =
    t.bustOutAt === null
      ? calm
      : {
          categoryCum: cumulativeSoftmax(bustCat),
          hourCum: nightPull(4),
          stress: 0.5,
          activity: 1, // the bust-out rate is set by the generator, not the calm rate
          spreeMean: 2,
          amountMultiplier: 2.5,
          loyalty: 0.02,
          newDeviceChance: 0.6,
          paymentShift: BUST_PAYMENT_SHIFT,
          extraCancel: 0.03,
          incomePull: 0,
          incomeGapDays: ODD_JOB_INCOME_GAP_DAYS,
          declineChance: 0.03,
        };

  return {
    calm,
    stressed,
    bust,
    paymentLogWeights: pay,
    channelCum: cumulativeSoftmax(channel),
    amountMultiplier,
    cancelBase: 0.015 + 0.06 * t.impulsiveness + (isFraud ? 0.03 : 0),
    returnMultiplier: 0.4 + 1.2 * t.impulsiveness,
    weekendMultiplier: t.employment === 'SALARIED' ? 1.35 : t.employment === 'STUDENT' ? 1.1 : 1.15,
    festivalSensitivity: 0.4 + 1.2 * t.impulsiveness,
    initialDevices,
    discountChance: 0.15 + 0.6 * t.thrift,
    weeklySigma: 0.2 + 0.5 * (1 - t.incomeStability),
  };
}
