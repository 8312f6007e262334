// The command-line options that choose the training rows, shared by `npm run train` and the
// LightGBM exporter (bench/lightgbm) so that "the same rows" really are the same rows: same
// shoppers, observation date and feature read time.
// A year of history by default, as a lender would look at: the lifetime features (payment habits,
// declines, the income cycle) are read from every order, and thinner files are rarer than over 180
// days (the simulator's own default, which the live feed keeps).
import type { ShopperSource } from '../dataset/load-shoppers';
import type { ExtractAt } from '../point-in-time';

export const DATASET_OPTIONS = {
  shoppers: { type: 'string', default: '20000' },
  seed: { type: 'string', default: '1' },
  end: { type: 'string', default: '2024-12-01' },
  days: { type: 'string', default: '365' },
  input: { type: 'string' },
  'test-fraction': { type: 'string', default: '0.2' },
  'features-at': { type: 'string', default: 'last-event' },
} as const;

export interface DatasetArgs {
  shoppers?: string;
  seed?: string;
  end?: string;
  days?: string;
  input?: string;
  'test-fraction'?: string;
  'features-at'?: string;
}

/** A numeric option, or undefined when absent; a clear error naming the option otherwise. */
export function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new RangeError(`--${name} must be a number, got "${text}"`);
  return value;
}

export function shopperSource(args: DatasetArgs): ShopperSource {
  if (args.input !== undefined) return { kind: 'file', path: args.input };
  const observationEnd = Date.parse(`${args.end}T00:00:00Z`);
  if (!Number.isFinite(observationEnd)) throw new RangeError(`--end must be YYYY-MM-DD, got "${args.end}"`);
  return {
    kind: 'simulate',
    simulation: {
      seed: numberOption('seed', args.seed) ?? 1,
      shoppers: numberOption('shoppers', args.shoppers) ?? 20000,
      observationEnd,
      observationDays: numberOption('days', args.days),
    },
  };
}

/** --features-at: last-event (as the scorer scores) or observation-date (the cut-off). */
export function extractAtOption(args: DatasetArgs): ExtractAt {
  const at = args['features-at'];
  if (at !== 'observation-date' && at !== 'last-event')
    throw new RangeError(`--features-at must be observation-date or last-event, got "${at}"`);
  return at === 'observation-date' ? 'cut-off' : 'last-event';
}
