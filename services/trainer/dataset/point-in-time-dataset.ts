// Simulated shoppers -> training rows, streaming: each shopper's events are replayed through the
// feature code as of the observation date (point-in-time.ts) and dropped; only the vector, the label
// and the two evaluation-only probabilities are kept. 100,000 shoppers (~4 M events) thus cost
// ~30 MB of rows, never the events.
import { FEATURE_COUNT, FEATURE_NAMES, FEATURE_SET_VERSION, type ApplyOptions } from '../../common/features';
import type { FeatureMatrix } from '../../common/model/feature-matrix';
import { observableDefaultProbability } from '../observable-ceiling';
import {
  UPDATER_APPLY_OPTIONS,
  emptyReplayCounts,
  pointInTimeVector,
  type ExtractAt,
  type ReplayCounts,
} from '../point-in-time';
import type { SimulatedShopper } from '../simulator/simulate-shoppers';
import { ColumnBuilder, MatrixBuilder } from './matrix-builder';

export interface PointInTimeDataset {
  readonly featureNames: readonly string[];
  readonly featureSetVersion: string;
  /** The observation date the rows are "as of" (epoch ms; events at or after it are excluded). */
  readonly asOfMs: number;
  /** When the vectors were read: at the observation date (the rule) or at each shopper's last event. */
  readonly extractAt: ExtractAt;
  readonly X: FeatureMatrix;
  /** 1 = defaulted. */
  readonly y: Uint8Array;
  readonly userIds: readonly string[];
  /** Simulator's true default probability (the AUC ceiling's score); evaluation only. */
  readonly trueProbability: Float64Array;
  /** P(default | traits without hidden risk) (observable-ceiling.ts); evaluation only. */
  readonly observableProbability: Float64Array;
  readonly counts: Readonly<ReplayCounts & { shoppers: number; defaulted: number }>;
}

export interface PointInTimeDatasetOptions {
  readonly asOfMs: number;
  readonly applyOptions?: ApplyOptions;
  /** Default 'cut-off' (the observation date); see ExtractAt. */
  readonly extractAt?: ExtractAt;
  /** The simulation's defaultLogitShift (for the observable probability); default 0. */
  readonly defaultLogitShift?: number;
  /** Called after each shopper (e.g. a progress bar). */
  readonly onShopper?: (shoppersDone: number) => void;
}

/** Builds the rows from simulateShoppers(...) or readTrainingFile(...), one shopper at a time. */
export async function buildPointInTimeDataset(
  shoppers: Iterable<SimulatedShopper> | AsyncIterable<SimulatedShopper>,
  options: PointInTimeDatasetOptions,
): Promise<PointInTimeDataset> {
  const applyOptions = options.applyOptions ?? UPDATER_APPLY_OPTIONS;
  const extractAt = options.extractAt ?? 'cut-off';
  const matrix = new MatrixBuilder(FEATURE_COUNT, 4096);
  const labels = new ColumnBuilder();
  const trueProbability = new ColumnBuilder();
  const observableProbability = new ColumnBuilder();
  const userIds: string[] = [];
  const counts = { ...emptyReplayCounts(), shoppers: 0, defaulted: 0 };

  for await (const shopper of shoppers) {
    pointInTimeVector(shopper.events, options.asOfMs, applyOptions, counts, matrix.nextRow(), extractAt);
    labels.push(shopper.defaulted ? 1 : 0);
    trueProbability.push(shopper.trueDefaultProbability);
    observableProbability.push(
      observableDefaultProbability(shopper.traits, options.asOfMs, options.defaultLogitShift ?? 0),
    );
    userIds.push(shopper.userId);
    counts.shoppers++;
    if (shopper.defaulted) counts.defaulted++;
    options.onShopper?.(counts.shoppers);
  }

  return {
    featureNames: FEATURE_NAMES,
    featureSetVersion: FEATURE_SET_VERSION,
    asOfMs: options.asOfMs,
    extractAt,
    X: matrix.build(),
    y: Uint8Array.from(labels.build()),
    userIds,
    trueProbability: trueProbability.build(),
    observableProbability: observableProbability.build(),
    counts,
  };
}
