// The shopper simulator: hidden traits -> purchase events and true default probability -> label.
export {
  simulateShoppers,
  simulateShopper,
  outlineShopper,
  type SimulatedShopper,
  type ShopperOutline,
} from './simulate-shoppers';
export { mergedEventStream } from './merged-event-stream';
export { createRunContext, type RunContext } from './run-context';
export {
  resolveSimulationOptions,
  SIMULATION_DEFAULTS,
  type SimulationOptions,
  type ResolvedSimulationOptions,
} from './options';
export {
  EMPLOYMENT_TYPES,
  FRAUD_TYPES,
  type ShopperTraits,
  type EmploymentType,
  type FraudType,
} from './traits';
export { DEFAULT_MODEL, defaultLogit, trueDefaultProbability } from './default-model';
export { ShopperEventSource } from './shopper-events';
export {
  writeTrainingFile,
  readTrainingFile,
  openTrainingFile,
  type WriteTrainingFileOptions,
  type TrainingFileSummary,
  type TrainingFileReader,
} from './training-file';
export { TRAINING_FILE_FORMAT, TRAINING_FILE_VERSION, type TrainingFileHeader } from './training-file-format';
export { probeFeatures, PROBE_FEATURES } from './signal-probe';
