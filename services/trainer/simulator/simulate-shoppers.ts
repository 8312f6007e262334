// The simulator's entry points: one shopper (traits -> habits -> events, traits -> default) or a
// stream of them. Each shopper depends only on (seed, index): ranges of a run can be generated on
// different workers, or one shopper regenerated alone, with identical results.
import type { PurchaseEvent } from '../../common/events/purchase-event';
import { deriveBehaviour } from './behaviour';
import { trueDefaultProbability } from './default-model';
import { userIdOf } from './ids';
import type { SimulationOptions } from './options';
import { Rng } from './prng';
import { createRunContext, STREAM, type RunContext } from './run-context';
import { ShopperEventSource } from './shopper-events';
import { drawTraits, type ShopperTraits } from './traits';

export interface SimulatedShopper {
  /** Position in the run (0-based, including firstShopper). */
  index: number;
  userId: string;
  /** The hidden truth: never a model input. */
  traits: ShopperTraits;
  /** Probability of default in the performance window, from the traits (the ceiling's score). */
  trueDefaultProbability: number;
  /** The label: drawn once from trueDefaultProbability. */
  defaulted: boolean;
  /** Purchase events in the observation period, sorted by eventTime. */
  events: PurchaseEvent[];
}

/** A shopper whose events have not been generated yet: `source` yields them lazily, in time order. */
export interface ShopperOutline extends Omit<SimulatedShopper, 'events'> {
  source: ShopperEventSource;
}

export function outlineShopper(ctx: RunContext, index: number): ShopperOutline {
  const { options, seed32 } = ctx;
  const traits = drawTraits(new Rng(seed32, index, STREAM.traits), {
    periodStart: ctx.periodStart,
    periodEnd: ctx.periodEnd,
    fraudShare: options.fraudShare,
    activityScale: options.activityScale,
  });
  const p = trueDefaultProbability(traits, ctx.periodEnd, options.defaultLogitShift);
  const defaulted = new Rng(seed32, index, STREAM.label).uniform() < p;
  const profile = deriveBehaviour(new Rng(seed32, index, STREAM.behaviour), traits);
  const userId = userIdOf(options.userIdPrefix, index);
  const source = new ShopperEventSource(
    ctx,
    index,
    userId,
    traits,
    profile,
    new Rng(seed32, index, STREAM.events),
  );
  return { index, userId, traits, trueDefaultProbability: p, defaulted, source };
}

export function simulateShopper(ctx: RunContext, index: number): SimulatedShopper {
  const { source, ...rest } = outlineShopper(ctx, index);
  return { ...rest, events: source.drain() };
}

/**
 * Shoppers firstShopper .. firstShopper + shoppers - 1, one at a time: memory stays at one
 * shopper's events however large the run.
 */
export function* simulateShoppers(opts: SimulationOptions): Generator<SimulatedShopper, void, undefined> {
  const ctx = createRunContext(opts);
  const end = ctx.options.firstShopper + ctx.options.shoppers;
  for (let i = ctx.options.firstShopper; i < end; i++) yield simulateShopper(ctx, i);
}
