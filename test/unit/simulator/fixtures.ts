// Shared options and cached runs for the simulator specs (generating is cheap, but not free).
import {
  simulateShoppers,
  type SimulatedShopper,
} from '../../../services/trainer/simulator/simulate-shoppers';
import type { SimulationOptions } from '../../../services/trainer/simulator/options';

export const OBSERVATION_END = Date.UTC(2024, 11, 1);
export const DAY_MS = 86_400_000;

export function options(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return { seed: 20241201, shoppers: 300, observationEnd: OBSERVATION_END, ...overrides };
}

const cache = new Map<string, SimulatedShopper[]>();

/** All shoppers of a run, generated once per distinct options. */
export function run(opts: SimulationOptions): SimulatedShopper[] {
  const key = JSON.stringify(opts);
  let shoppers = cache.get(key);
  if (shoppers === undefined) {
    shoppers = [...simulateShoppers(opts)];
    cache.set(key, shoppers);
  }
  return shoppers;
}
