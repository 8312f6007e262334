// A shopper's hidden traits: who they are, which the platform never sees directly. Traits drive
// both the purchase behaviour (what the model can see) and the true probability of default (what
// it tries to predict). Correlations between traits are built in through shared latent normals,
// e.g. impulsive shoppers tend to be less thrifty and more stressed.
import { HOME_TIME_ZONES, DAY_MS } from './time-zones';
import { logistic, type Rng } from './prng';

export const EMPLOYMENT_TYPES = ['SALARIED', 'SELF_EMPLOYED', 'GIG', 'STUDENT', 'UNEMPLOYED'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const FRAUD_TYPES = ['NONE', 'SYNTHETIC_IDENTITY', 'CASH_OUT'] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

export interface ShopperTraits {
  employment: EmploymentType;
  ageYears: number;
  /** Monthly income in CNY (allowance for students, benefits/odd jobs for the unemployed). */
  monthlyIncomeCny: number;
  /** 0..1: how predictable income is month to month. */
  incomeStability: number;
  /** 0..1: tendency to buy on a whim, in sprees, and to regret (cancel, return). */
  impulsiveness: number;
  /** 0..1: frugality: cheaper baskets, essentials, debit over credit. */
  thrift: number;
  /** 0..1: financial stress at the start of the period (before any shock). */
  financialStress: number;
  /** 0..1: propensity to shop late at night. */
  nightOwl: number;
  hasChildren: boolean;
  /** IANA zone the shopper lives in. */
  homeTimeZone: string;
  /** When the account was opened, epoch ms (may be before or inside the period). */
  accountOpenedAt: number;
  /** Baseline orders per day before calendar effects. */
  ordersPerDay: number;
  fraud: FraudType;
  /** Synthetic identities: start of the bust-out burst, epoch ms; null otherwise. */
  bustOutAt: number | null;
  /**
   * An income shock (job loss, failed business) in the last 180 days before the observation date,
   * epoch ms; null if none.
   */
  shockAt: number | null;
  /**
   * End of the shock's hard phase (a new job, the business picking up), epoch ms; null without a
   * shock. It may lie after the observation date: the shopper has not recovered yet.
   */
  recoveredAt: number | null;
  /**
   * Local day of the month a regular income arrives (salary, allowance, benefits; 31 means the
   * month's last day); null for irregular incomes (gig payouts, an own business).
   */
  payday: number | null;
  /**
   * Unobservable risk factor (standard normal): illness, family events. (Debts elsewhere are part of
   * financial stress, which shows in payments: declines, credit use, paycheck-to-paycheck timing.) It moves
   * the true default probability but nothing in the events, so no model trained on events reaches
   * the true-probability AUC; and since the label is a coin flip with that probability, even the
   * true probability ranks defaulters imperfectly (the ceiling is below 1).
   */
  hiddenRisk: number;
}

export interface TraitContext {
  periodStart: number;
  periodEnd: number;
  fraudShare: number;
  activityScale: number;
}

const EMPLOYMENT_SHARES = [0.52, 0.14, 0.14, 0.13, 0.07];
const INCOME_MEDIAN: Record<EmploymentType, number> = {
  SALARIED: 9000,
  SELF_EMPLOYED: 10000,
  GIG: 6000,
  STUDENT: 1800,
  UNEMPLOYED: 2200,
};
const INCOME_SIGMA: Record<EmploymentType, number> = {
  SALARIED: 0.45,
  SELF_EMPLOYED: 0.8,
  GIG: 0.4,
  STUDENT: 0.4,
  UNEMPLOYED: 0.5,
};
/** Mean income stability on the logit scale. */
const STABILITY_LOGIT: Record<EmploymentType, number> = {
  SALARIED: 1.3,
  SELF_EMPLOYED: 0,
  GIG: -0.75,
  STUDENT: 0.4,
  UNEMPLOYED: -1.4,
};
/** Irregular incomes: mean days between income arrivals (gig payouts, an own business's takings). */
export const IRREGULAR_INCOME_GAP_DAYS: Record<EmploymentType, number | null> = {
  SALARIED: null,
  SELF_EMPLOYED: 15,
  GIG: 7,
  STUDENT: null,
  UNEMPLOYED: null,
};
/** Paydays of regular incomes in China cluster on the 10th and 15th; 31 = the month's last day. */
const PAYDAYS = [1, 5, 10, 15, 20, 25, 31];
const PAYDAY_SHARES = [0.1, 0.15, 0.3, 0.25, 0.05, 0.1, 0.05];
/** Median days until an income shock's hard phase ends (log-normal). */
const RECOVERY_MEDIAN_DAYS = 150;
const RECOVERY_SIGMA = 0.6;

/** Income shocks are drawn in the last 180 days before the observation date. */
const SHOCK_WINDOW_DAYS = 180;
/** Chance of an income shock during those 180 days. */
const SHOCK_CHANCE: Record<EmploymentType, number> = {
  SALARIED: 0.06,
  SELF_EMPLOYED: 0.1,
  GIG: 0.12,
  STUDENT: 0.03,
  UNEMPLOYED: 0.02,
};

export const REFERENCE_INCOME_CNY = 8000;

export function drawTraits(rng: Rng, ctx: TraitContext): ShopperTraits {
  const employment = EMPLOYMENT_TYPES[pickShare(rng, EMPLOYMENT_SHARES)];
  const student = employment === 'STUDENT';
  const ageYears = student
    ? Math.round(rng.between(18, 26))
    : Math.round(Math.min(70, Math.max(21, 37 + 10 * rng.normal())));

  const monthlyIncomeCny = Math.round(rng.logNormal(INCOME_MEDIAN[employment], INCOME_SIGMA[employment]));
  const incomeStability = logistic(STABILITY_LOGIT[employment] + 0.7 * rng.normal());

  // Shared latent "self-control" factor: impulsive shoppers are less thrifty.
  const zImpulse = rng.normal() + (student ? 0.4 : 0) + (ageYears < 30 ? 0.2 : 0);
  const impulsiveness = logistic(-0.3 + 0.9 * zImpulse);
  const thrift = logistic(-0.55 * zImpulse + 0.8 * rng.normal());

  const lowIncome = -Math.log(monthlyIncomeCny / REFERENCE_INCOME_CNY);
  const zStress =
    -0.9 + 0.7 * lowIncome + 1.6 * (0.6 - incomeStability) + 0.5 * zImpulse + 0.75 * rng.normal();
  const financialStress = logistic(zStress);

  const nightOwl = logistic(
    -1.3 +
      (student ? 0.9 : 0) +
      (employment === 'GIG' ? 0.6 : 0) +
      0.35 * zImpulse +
      0.35 * zStress +
      0.7 * rng.normal(),
  );
  const hasChildren = !student && rng.bernoulli(ageYears >= 27 && ageYears <= 45 ? 0.5 : 0.12);
  const homeTimeZone =
    HOME_TIME_ZONES[
      pickShare(
        rng,
        HOME_TIME_ZONES.map((z) => z.share),
      )
    ].zone;

  const u = rng.uniform();
  const fraud: FraudType =
    u < ctx.fraudShare * 0.6 ? 'SYNTHETIC_IDENTITY' : u < ctx.fraudShare ? 'CASH_OUT' : 'NONE';

  const periodDays = (ctx.periodEnd - ctx.periodStart) / DAY_MS;
  let tenureDays: number;
  if (fraud === 'SYNTHETIC_IDENTITY') tenureDays = rng.between(20, Math.min(150, periodDays));
  else if (fraud === 'CASH_OUT') tenureDays = rng.logNormal(300, 0.8);
  else tenureDays = rng.logNormal(student ? 400 : 800, 1.0);
  const accountOpenedAt = ctx.periodEnd - Math.round(tenureDays * DAY_MS);

  // Synthetic identities "sleep" with small buys to build trust, then bust out near the end.
  let bustOutAt: number | null = null;
  if (fraud === 'SYNTHETIC_IDENTITY') {
    const earliest = Math.max(accountOpenedAt + 10 * DAY_MS, ctx.periodEnd - 60 * DAY_MS);
    bustOutAt = Math.round(rng.between(earliest, ctx.periodEnd - 2 * DAY_MS));
  }

  let ordersPerDay = rng.logNormal(0.13, 0.75) * Math.pow(monthlyIncomeCny / REFERENCE_INCOME_CNY, 0.2);
  ordersPerDay *= Math.exp(0.45 * zImpulse) * (student ? 1.1 : 1) * ctx.activityScale;
  ordersPerDay = Math.min(ordersPerDay, 4 * ctx.activityScale); // even power users sleep
  if (fraud === 'SYNTHETIC_IDENTITY') ordersPerDay = 0.06 * ctx.activityScale;
  if (fraud === 'CASH_OUT') ordersPerDay = rng.logNormal(0.35, 0.4) * ctx.activityScale;

  // Shocks of the last SHOCK_WINDOW_DAYS before the observation date; older ones have been
  // absorbed into the shopper's circumstances (their stress, income) by then.
  const shockWindowDays = Math.min(periodDays, SHOCK_WINDOW_DAYS);
  const shockChance = (SHOCK_CHANCE[employment] * shockWindowDays) / SHOCK_WINDOW_DAYS;
  const shockAt =
    fraud === 'NONE' && rng.bernoulli(Math.min(0.5, shockChance))
      ? Math.round(rng.between(ctx.periodEnd - shockWindowDays * DAY_MS, ctx.periodEnd - DAY_MS))
      : null;

  const hiddenRisk = rng.normal();

  // Drawn last, so adding them left every earlier trait of a seed unchanged.
  const payday =
    IRREGULAR_INCOME_GAP_DAYS[employment] === null ? PAYDAYS[pickShare(rng, PAYDAY_SHARES)] : null;
  const recoveryDays = rng.logNormal(RECOVERY_MEDIAN_DAYS, RECOVERY_SIGMA);
  const recoveredAt = shockAt === null ? null : shockAt + Math.round(recoveryDays * DAY_MS);

  return {
    employment,
    ageYears,
    monthlyIncomeCny,
    incomeStability,
    impulsiveness,
    thrift,
    financialStress,
    nightOwl,
    hasChildren,
    homeTimeZone,
    accountOpenedAt,
    ordersPerDay,
    fraud,
    bustOutAt,
    shockAt,
    recoveredAt,
    payday,
    hiddenRisk,
  };
}

function pickShare(rng: Rng, shares: readonly number[]): number {
  let u = rng.uniform() * shares.reduce((a, b) => a + b, 0);
  for (let i = 0; i < shares.length - 1; i++) {
    u -= shares[i];
    if (u < 0) return i;
  }
  return shares.length - 1;
}
