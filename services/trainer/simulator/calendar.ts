// Local-calendar effects on shopping volume: weekdays and the big Chinese e-commerce festivals
// (618, Double 11, Double 12), which multiply order volume several-fold and are a real source of
// spend volatility that a model must not mistake for distress.
import { DAY_MS } from './time-zones';

/** Local day number: whole days since 1970-01-01 on the wall clock. */
export function localDayNumber(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOfDay(dayNumber);
  return w === 0 || w === 6;
}

/** Festival volume multipliers by local month/day (before the shopper's own sensitivity). */
const FESTIVALS: ReadonlyArray<{ month: number; day: number; multiplier: number }> = [
  { month: 6, day: 16, multiplier: 1.3 },
  { month: 6, day: 17, multiplier: 1.5 },
  { month: 6, day: 18, multiplier: 3 },
  { month: 11, day: 1, multiplier: 1.4 }, // Double 11 pre-sales open
  { month: 11, day: 10, multiplier: 1.6 },
  { month: 11, day: 11, multiplier: 5 },
  { month: 11, day: 12, multiplier: 1.3 },
  { month: 12, day: 12, multiplier: 2 },
];

/** The festival multiplier of a local day (1 on ordinary days). */
export function festivalMultiplier(dayNumber: number): number {
  const date = new Date(dayNumber * DAY_MS);
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  for (const f of FESTIVALS) if (f.month === month && f.day === day) return f.multiplier;
  return 1;
}

/** A shopper's response to a festival: impulsive shoppers (sensitivity > 1) are pulled in more. */
export function festivalMultiplierFor(festival: number, sensitivity: number): number {
  return 1 + (festival - 1) * sensitivity;
}

/** Festival multipliers for a contiguous range of local day numbers, computed once per run. */
export class FestivalTable {
  private readonly multipliers: Float64Array;
  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    this.multipliers = new Float64Array(Math.max(0, lastDay - firstDay + 1));
    for (let d = firstDay; d <= lastDay; d++) this.multipliers[d - firstDay] = festivalMultiplier(d);
  }

  at(dayNumber: number): number {
    const i = dayNumber - this.firstDay;
    return i >= 0 && i < this.multipliers.length ? this.multipliers[i] : festivalMultiplier(dayNumber);
  }
}

/** Day of the month (1..31) and the month's length for a range of local day numbers, computed once. */
export class MonthDayTable {
  private readonly dayOfMonth: Uint8Array;
  private readonly monthLength: Uint8Array;
  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    const n = Math.max(0, lastDay - firstDay + 1);
    this.dayOfMonth = new Uint8Array(n);
    this.monthLength = new Uint8Array(n);
    for (let d = firstDay; d <= lastDay; d++) {
      const date = new Date(d * DAY_MS);
      this.dayOfMonth[d - firstDay] = date.getUTCDate();
      this.monthLength[d - firstDay] = new Date(
        Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0),
      ).getUTCDate();
    }
  }

  /** True when `payday` (31 = the last day) falls on this local day. */
  isPayday(dayNumber: number, payday: number): boolean {
    const i = dayNumber - this.firstDay;
    if (i >= 0 && i < this.dayOfMonth.length) {
      return this.dayOfMonth[i] === Math.min(payday, this.monthLength[i]);
    }
    const date = new Date(dayNumber * DAY_MS);
    const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    return date.getUTCDate() === Math.min(payday, length);
  }
}
