// A second, tighter yardstick for simulated data: the default probability given every trait EXCEPT
// the unobservable `hiddenRisk` (illness, debts elsewhere: it moves the label but nothing in the
// events). Integrating it out gives P(default | traits) = E_z[logistic(logit0 + s * z)], z ~ N(0, 1),
// with s the simulator's hidden-risk scale (0.75, or 0.5 for fraudsters).
//
// Why it matters: the label depends on the events only through the traits, so no model built from
// events can beat this score in expectation. The gap "true probability AUC - this AUC" is the part
// of the ceiling that is unreachable by construction; the gap "this AUC - model AUC" is what better
// features and models could still win (traits are seen only through noisy purchase behaviour).
// Evaluation only: traits are the answer key and never model inputs.
import { DEFAULT_MODEL, defaultLogit } from './simulator/default-model';
import type { ShopperTraits } from './simulator/traits';

// Gauss-Hermite would do with fewer points; a fine midpoint grid over +-6 sd is exact to ~1e-9 here
// and obviously right.
const GRID_POINTS = 241;
const GRID_HALF_WIDTH = 6;
const GRID = (() => {
  const step = (2 * GRID_HALF_WIDTH) / GRID_POINTS;
  const z: number[] = [];
  const w: number[] = [];
  let total = 0;
  for (let i = 0; i < GRID_POINTS; i++) {
    const x = -GRID_HALF_WIDTH + (i + 0.5) * step;
    const weight = Math.exp(-0.5 * x * x);
    z.push(x);
    w.push(weight);
    total += weight;
  }
  return { z, w: w.map((v) => v / total) };
})();

/** E_z[logistic(logit0 + scale * z)] for z standard normal. */
export function expectedLogistic(logit0: number, scale: number): number {
  let p = 0;
  for (let i = 0; i < GRID_POINTS; i++) p += GRID.w[i] / (1 + Math.exp(-(logit0 + scale * GRID.z[i])));
  return p;
}

/** P(default | all traits but hiddenRisk), under the simulator's default model. */
export function observableDefaultProbability(
  traits: ShopperTraits,
  observationEnd: number,
  logitShift = 0,
): number {
  const logit0 = defaultLogit({ ...traits, hiddenRisk: 0 }, observationEnd, logitShift);
  const scale = traits.fraud === 'NONE' ? DEFAULT_MODEL.hiddenRisk : DEFAULT_MODEL.fraudHiddenRisk;
  return expectedLogistic(logit0, scale);
}
