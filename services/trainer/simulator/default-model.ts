// The ground truth: each shopper's probability of defaulting in the performance window after the
// observation date, a logistic function of the hidden traits. Because the simulator knows it, the
// best achievable AUC on simulated data is known too (the AUC of this probability against the
// labels drawn from it), and every model is reported against that ceiling.
import { logistic } from './prng';
import { REFERENCE_INCOME_CNY, type EmploymentType, type ShopperTraits } from './traits';
import { DAY_MS } from './time-zones';

/** Coefficients on the logit scale; see docs/simulator.md for the story behind each. */
export const DEFAULT_MODEL = {
  intercept: -3.9,
  /** Per unit of financial stress (0..1) above 0.3. */
  stress: 2.6,
  /** Per unit of income instability (0.6 - stability). */
  instability: 1.0,
  /** Per unit of impulsiveness above 0.45. */
  impulsiveness: 0.8,
  /** Per unit of thrift above 0.5 (protective). */
  thrift: -0.7,
  /** Per unit of ln(income / 8,000 CNY) (protective). */
  logIncome: -0.3,
  employment: {
    SALARIED: 0,
    SELF_EMPLOYED: 0.15,
    GIG: 0.3,
    STUDENT: 0.25,
    UNEMPLOYED: 0.6,
  } as Record<EmploymentType, number>,
  /** An income shock during the period that has not ended by the observation date. */
  shock: 1.3,
  /** A shock that has ended (arrears and debts taken on while it lasted). */
  shockRecovered: 0.4,
  /** Accounts opened less than 180 days before the observation date (thin file). */
  newAccount: 0.35,
  /** Scale of the unobservable risk factor (logit units per standard deviation). */
  hiddenRisk: 0.3,
  /** Fraudsters do not intend to pay: a high, nearly flat default probability. */
  fraudIntercept: 2.2,
  fraudHiddenRisk: 0.5,
} as const;

/** Logit of the true default probability. `observationEnd` dates the account's tenure. */
export function defaultLogit(traits: ShopperTraits, observationEnd: number, logitShift = 0): number {
  const m = DEFAULT_MODEL;
  if (traits.fraud !== 'NONE') return m.fraudIntercept + m.fraudHiddenRisk * traits.hiddenRisk + logitShift;
  const newAccount = observationEnd - traits.accountOpenedAt < 180 * DAY_MS ? 1 : 0;
  return (
    m.intercept +
    logitShift +
    m.stress * (traits.financialStress - 0.3) +
    m.instability * (0.6 - traits.incomeStability) +
    m.impulsiveness * (traits.impulsiveness - 0.45) +
    m.thrift * (traits.thrift - 0.5) +
    m.logIncome * Math.log(traits.monthlyIncomeCny / REFERENCE_INCOME_CNY) +
    m.employment[traits.employment] +
    shockTerm(traits, observationEnd) +
    m.newAccount * newAccount +
    m.hiddenRisk * traits.hiddenRisk
  );
}

function shockTerm(traits: ShopperTraits, observationEnd: number): number {
  if (traits.shockAt === null) return 0;
  return traits.recoveredAt !== null && traits.recoveredAt <= observationEnd
    ? DEFAULT_MODEL.shockRecovered
    : DEFAULT_MODEL.shock;
}

export function trueDefaultProbability(
  traits: ShopperTraits,
  observationEnd: number,
  logitShift = 0,
): number {
  return logistic(defaultLogit(traits, observationEnd, logitShift));
}
