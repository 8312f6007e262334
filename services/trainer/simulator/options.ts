// The knobs of a simulation run, their defaults and validation. Everything that changes output is
// here, so a run is fully described by its resolved options (the training file header stores them).
import { seedTo32 } from './prng';
import { DAY_MS } from './time-zones';

export interface SimulationOptions {
  /** Any safe integer; same seed (and options) -> byte-identical output. */
  seed: number;
  /** Number of shoppers to simulate. */
  shoppers: number;
  /** End of the observation period, epoch ms UTC (exclusive): features are taken "as of" here. */
  observationEnd: number;
  /** Length of the observation period in days (default 180). */
  observationDays?: number;
  /** Index of the first shopper (default 0): split a run into disjoint ranges across workers. */
  firstShopper?: number;
  /** Prefix of user ids (default 'u'): use a different one for a live feed than for training. */
  userIdPrefix?: string;
  /** ISO 4217 currency of every amount (default 'CNY'); amounts are minor units. */
  currency?: string;
  /** Share of shoppers with fraud intent (default 0.01). */
  fraudShare?: number;
  /** Multiplies every shopper's purchase rate (default 1): a cheap way to change volume. */
  activityScale?: number;
  /** Shift added to every default logit (default 0): moves the base rate, keeps the ranking. */
  defaultLogitShift?: number;
  /** Share of sessions whose events carry timeZone = null (default 0.02). */
  nullTimeZoneShare?: number;
  /**
   * Emit the v2 field discountMinor (default false: events then fit schema v1 exactly). Orders
   * carry the coupon discount (0 without one), cancels and returns null; amountMinor is always the
   * amount charged, so amounts do not change with this option.
   */
  includeDiscounts?: boolean;
  /** Performance window the label refers to, days after observationEnd (default 180). Documentary. */
  performanceWindowDays?: number;
}

export type ResolvedSimulationOptions = Required<SimulationOptions>;

export const SIMULATION_DEFAULTS = {
  observationDays: 180,
  firstShopper: 0,
  userIdPrefix: 'u',
  currency: 'CNY',
  fraudShare: 0.01,
  activityScale: 1,
  defaultLogitShift: 0,
  nullTimeZoneShare: 0.02,
  includeDiscounts: false,
  performanceWindowDays: 180,
} as const;

export function resolveSimulationOptions(opts: SimulationOptions): ResolvedSimulationOptions {
  const o: ResolvedSimulationOptions = {
    ...SIMULATION_DEFAULTS,
    ...stripUndefined(opts),
    seed: opts.seed,
    shoppers: opts.shoppers,
    observationEnd: opts.observationEnd,
  };
  seedTo32(o.seed); // throws on a non-integer seed
  requireInt('shoppers', o.shoppers, 0);
  requireInt('firstShopper', o.firstShopper, 0);
  requireInt('observationDays', o.observationDays, 1);
  requireInt('performanceWindowDays', o.performanceWindowDays, 1);
  if (!Number.isSafeInteger(o.observationEnd)) throw new RangeError('observationEnd must be epoch ms');
  if (o.observationEnd - o.observationDays * DAY_MS < Date.UTC(2000, 0, 1)) {
    throw new RangeError('observation period must start after 2000-01-01');
  }
  requireShare('fraudShare', o.fraudShare);
  requireShare('nullTimeZoneShare', o.nullTimeZoneShare);
  if (!(o.activityScale > 0 && Number.isFinite(o.activityScale)))
    throw new RangeError('activityScale must be > 0');
  if (!Number.isFinite(o.defaultLogitShift)) throw new RangeError('defaultLogitShift must be finite');
  if (!/^[A-Z]{3}$/.test(o.currency)) throw new RangeError(`currency must be ISO 4217, got ${o.currency}`);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function requireInt(name: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
}

function requireShare(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
}
