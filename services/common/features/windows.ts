// Time constants of the decayed windows. A "w-day window" here is an exponentially decayed sum with
// time constant tau = w: an event of age a counts exp(-a / tau). For a steady stream this has the
// same expected value as an exact sliding window of length w (rate * w), at a fraction of the memory
// of day buckets; docs/features.md compares the two.

export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
export const MS_PER_DAY = SECONDS_PER_DAY * 1000;

export const TAU_1H_S = SECONDS_PER_HOUR;
export const TAU_1D_S = SECONDS_PER_DAY;
export const TAU_7D_S = 7 * SECONDS_PER_DAY;
export const TAU_30D_S = 30 * SECONDS_PER_DAY;
export const TAU_90D_S = 90 * SECONDS_PER_DAY;

/** Events more than this far behind the latest event of the user are 'too_late' by default. */
export const DEFAULT_ALLOWED_LATENESS_MS = 7 * MS_PER_DAY;
