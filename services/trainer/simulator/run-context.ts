// What every shopper of one run shares: the resolved options, the period, the run tag used in ids,
// and tables computed once (zone offsets, festival days) so the per-shopper work stays cheap.
import { FestivalTable, MonthDayTable, localDayNumber } from './calendar';
import { runTagOf } from './ids';
import { resolveSimulationOptions, type ResolvedSimulationOptions, type SimulationOptions } from './options';
import { seedTo32 } from './prng';
import { DAY_MS, ZoneOffsetCache } from './time-zones';

export interface RunContext {
  options: ResolvedSimulationOptions;
  seed32: number;
  runTag: number;
  /** Observation period [periodStart, periodEnd), epoch ms UTC. */
  periodStart: number;
  periodEnd: number;
  zones: ZoneOffsetCache;
  festivals: FestivalTable;
  monthDays: MonthDayTable;
}

/** Random stream ids: one independent stream per purpose per shopper (see prng.ts). */
export const STREAM = { traits: 1, behaviour: 2, events: 3, label: 4 } as const;

export function createRunContext(opts: SimulationOptions): RunContext {
  const options = resolveSimulationOptions(opts);
  const seed32 = seedTo32(options.seed);
  const periodEnd = options.observationEnd;
  const periodStart = periodEnd - options.observationDays * DAY_MS;
  // Local days can begin up to ~14 h before/after the UTC day: pad the tables by two days.
  const from = periodStart - 2 * DAY_MS;
  const to = periodEnd + 2 * DAY_MS;
  return {
    options,
    seed32,
    runTag: runTagOf(seed32),
    periodStart,
    periodEnd,
    zones: new ZoneOffsetCache(from, to),
    festivals: new FestivalTable(localDayNumber(from), localDayNumber(to)),
    // Paydays before the period set the first days' spending: reach back one month more.
    monthDays: new MonthDayTable(localDayNumber(from) - 32, localDayNumber(to)),
  };
}
