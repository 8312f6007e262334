// Percentiles of latency samples, and the one number format every benchmark prints them in.

/** The p-th percentile (0..100) by nearest rank; NaN for no samples. Sorts `samples` in place. */
export function percentile(samples: number[] | Float64Array, p: number): number {
  if (samples.length === 0) return NaN;
  samples.sort((a, b) => a - b);
  const rank = Math.min(samples.length - 1, Math.max(0, Math.ceil((p / 100) * samples.length) - 1));
  return samples[rank]!;
}

export const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
