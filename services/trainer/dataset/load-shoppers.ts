// Where simulated shoppers come from: generated on the fly (seed, count, observation date) or read
// from a training file written by the simulator CLI. Both stream one shopper at a time into the
// point-in-time replay; the observation date (the rows' as-of time) comes from the simulation
// options either way.
import type { ResolvedSimulationOptions, SimulationOptions } from '../simulator/options';
import { createRunContext } from '../simulator/run-context';
import { simulateShoppers } from '../simulator/simulate-shoppers';
import { openTrainingFile } from '../simulator/training-file';
import type { ExtractAt } from '../point-in-time';
import { buildPointInTimeDataset, type PointInTimeDataset } from './point-in-time-dataset';

export type ShopperSource =
  | { readonly kind: 'simulate'; readonly simulation: SimulationOptions }
  | { readonly kind: 'file'; readonly path: string };

export interface LoadedShoppers {
  readonly dataset: PointInTimeDataset;
  /** The simulation behind the rows (from the file header for a file). */
  readonly simulation: ResolvedSimulationOptions;
  readonly file?: string;
}

export interface LoadProgress {
  /** Called once with the number of shoppers to expect. */
  start(total: number): void;
  update(done: number): void;
  finish(): void;
}

export async function loadShoppers(
  source: ShopperSource,
  progress?: LoadProgress,
  extractAt: ExtractAt = 'cut-off',
): Promise<LoadedShoppers> {
  if (source.kind === 'simulate') {
    const simulation = createRunContext(source.simulation).options;
    progress?.start(simulation.shoppers);
    const dataset = await buildPointInTimeDataset(simulateShoppers(simulation), {
      asOfMs: simulation.observationEnd,
      defaultLogitShift: simulation.defaultLogitShift,
      extractAt,
      onShopper: (n) => progress?.update(n),
    });
    progress?.finish();
    return { dataset, simulation };
  }
  const reader = await openTrainingFile(source.path);
  const simulation = reader.header.simulation;
  progress?.start(simulation.shoppers);
  try {
    const dataset = await buildPointInTimeDataset(reader.shoppers, {
      asOfMs: reader.header.periodEnd,
      defaultLogitShift: simulation.defaultLogitShift,
      extractAt,
      onShopper: (n) => progress?.update(n),
    });
    progress?.finish();
    return { dataset, simulation, file: source.path };
  } finally {
    reader.close();
  }
}
