// The checkout decision policy: score bands with cut-offs, credit limits and instalment terms,
// a probability-of-default ceiling, and the thin-file rule for shoppers never scored. It is
// configuration (DECISION_POLICY, JSON); the default below is an example to tune, not advice.
// applyPolicy is pure: the same score, order and policy always give the same outcome.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../common/model/canonical-json';
import type { DecisionOutcome, ReasonEvent } from '../scorer-events';

const limits = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().nonnegative());

const bandSchema = z.object({
  /** Lowest points of the band (inclusive). */
  minPoints: z.number().int(),
  /** APPROVE: approve within the limit and term; REFER: always manual review. */
  outcome: z.enum(['APPROVE', 'REFER']),
  /** Credit limit per currency, minor units. */
  limitMinor: limits,
  maxInstalments: z.number().int().min(1).max(60),
});

const policySchema = z
  .object({
    /** Checked highest first; a score below the lowest band is declined. */
    bands: z.array(bandSchema).min(1),
    /** A probability of default above this is declined whatever the points. */
    maxProbabilityOfDefault: z.number().gt(0).max(1).default(1),
    /** For a shopper with no score yet: small orders only. */
    thinFile: z.object({
      outcome: z.enum(['APPROVE', 'REFER', 'DECLINE']),
      limitMinor: limits,
      maxInstalments: z.number().int().min(1).max(60),
    }),
  })
  .refine(
    (p) => {
      const currencies = Object.keys(p.thinFile.limitMinor).sort().join();
      return p.bands.every((b) => Object.keys(b.limitMinor).sort().join() === currencies);
    },
    { message: 'every band and thinFile must give limits for the same currencies' },
  );

export type DecisionPolicy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: DecisionPolicy = {
  bands: [
    { minPoints: 700, outcome: 'APPROVE', limitMinor: { CNY: 2_000_000, USD: 300_000 }, maxInstalments: 24 },
    { minPoints: 640, outcome: 'APPROVE', limitMinor: { CNY: 800_000, USD: 120_000 }, maxInstalments: 12 },
    { minPoints: 580, outcome: 'APPROVE', limitMinor: { CNY: 200_000, USD: 30_000 }, maxInstalments: 6 },
    { minPoints: 540, outcome: 'REFER', limitMinor: { CNY: 50_000, USD: 8_000 }, maxInstalments: 3 },
  ],
  maxProbabilityOfDefault: 0.25,
  thinFile: { outcome: 'APPROVE', limitMinor: { CNY: 50_000, USD: 8_000 }, maxInstalments: 3 },
};

export const policySetting = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return DEFAULT_POLICY as unknown;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON decision policy' });
      return z.NEVER;
    }
  })
  .pipe(policySchema);

/** Policy reasons (model reasons are RCnn; these never collide with them). */
export const POLICY_REASONS = {
  THIN_FILE: 'Not enough purchase history to score yet',
  OVER_LIMIT: 'Order amount is above the credit limit',
  TERM_TOO_LONG: 'Instalment term is longer than allowed',
  BELOW_CUTOFF: 'Credit score is below the approval cut-off',
  PD_TOO_HIGH: 'Estimated risk of default is too high',
  REVIEW_BAND: 'Credit score requires manual review',
} as const;
const reason = (code: keyof typeof POLICY_REASONS): ReasonEvent => ({ code, text: POLICY_REASONS[code] });

export function policyVersion(policy: DecisionPolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex').slice(0, 16);
}

export function supportedCurrencies(policy: DecisionPolicy): string[] {
  return Object.keys(policy.thinFile.limitMinor);
}

export interface OrderAsk {
  amountMinor: number;
  currency: string;
  instalments: number;
}

export interface ScoreSeen {
  points: number;
  probabilityOfDefault: number;
  reasons: ReasonEvent[];
}

export interface PolicyResult {
  outcome: DecisionOutcome;
  approvedAmountMinor: number;
  creditLimitMinor: number;
  maxInstalments: number;
  reasons: ReasonEvent[];
}

/** The currency must be one of supportedCurrencies(policy) (the API checks it first). */
export function applyPolicy(
  policy: DecisionPolicy,
  order: OrderAsk,
  score: ScoreSeen | undefined,
): PolicyResult {
  if (!score) {
    const t = policy.thinFile;
    const limit = t.limitMinor[order.currency] ?? 0;
    return withinTerms(t.outcome, limit, t.maxInstalments, order, [reason('THIN_FILE')]);
  }
  if (score.probabilityOfDefault > policy.maxProbabilityOfDefault)
    return decline([reason('PD_TOO_HIGH'), ...score.reasons]);
  const band = [...policy.bands]
    .sort((a, b) => b.minPoints - a.minPoints)
    .find((b) => score.points >= b.minPoints);
  if (!band) return decline([reason('BELOW_CUTOFF'), ...score.reasons]);
  const limit = band.limitMinor[order.currency] ?? 0;
  if (band.outcome === 'REFER')
    return { ...refer(limit, band.maxInstalments), reasons: [reason('REVIEW_BAND'), ...score.reasons] };
  return withinTerms('APPROVE', limit, band.maxInstalments, order, score.reasons);
}

function withinTerms(
  outcome: DecisionOutcome,
  limit: number,
  maxInstalments: number,
  order: OrderAsk,
  reasons: ReasonEvent[],
): PolicyResult {
  if (outcome === 'DECLINE') return { ...decline(reasons), creditLimitMinor: limit, maxInstalments };
  if (outcome === 'REFER') return { ...refer(limit, maxInstalments), reasons };
  const extra: ReasonEvent[] = [];
  if (order.amountMinor > limit) extra.push(reason('OVER_LIMIT'));
  if (order.instalments > maxInstalments) extra.push(reason('TERM_TOO_LONG'));
  if (extra.length > 0) return { ...refer(limit, maxInstalments), reasons: [...extra, ...reasons] };
  return {
    outcome: 'APPROVE',
    approvedAmountMinor: order.amountMinor,
    creditLimitMinor: limit,
    maxInstalments,
    reasons,
  };
}

function refer(limit: number, maxInstalments: number): PolicyResult {
  return { outcome: 'REFER', approvedAmountMinor: 0, creditLimitMinor: limit, maxInstalments, reasons: [] };
}

function decline(reasons: ReasonEvent[]): PolicyResult {
  return { outcome: 'DECLINE', approvedAmountMinor: 0, creditLimitMinor: 0, maxInstalments: 0, reasons };
}
