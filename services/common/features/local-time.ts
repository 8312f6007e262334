// The shopper's local clock: UTC offset of an IANA zone at an instant, from the runtime's ICU time
// zone data (so online and offline must run the same Node.js build to agree, see docs/features.md).
// Intl.DateTimeFormat#formatToParts costs microseconds, so offsets are memoized per zone and UTC day:
// a day whose two ends have the same offset has it throughout (zones change offset at most once a
// day); on a transition day the switching second is found once by bisection. The memo only saves
// work: every answer equals what Intl gives for that instant.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Bounds on the memo so hostile or endless input cannot grow it without limit. */
const MAX_DAYS_PER_ZONE = 8192;
const MAX_ZONES = 1024;

interface DayOffsets {
  /** UTC day number (floor(ms / DAY_MS)) */
  readonly day: number;
  /** offset (ms, local - UTC) before `switchAtMs` */
  readonly before: number;
  /** first instant with offset `after`; +Infinity when the day has no transition */
  readonly switchAtMs: number;
  readonly after: number;
}

interface ZoneMemo {
  readonly format: Intl.DateTimeFormat;
  readonly days: Map<number, DayOffsets>;
  last: DayOffsets | null;
}

/** null = the runtime does not know this zone name. */
const zones = new Map<string, ZoneMemo | null>();

function zoneMemo(zone: string): ZoneMemo | null {
  const known = zones.get(zone);
  if (known !== undefined) return known;
  let memo: ZoneMemo | null = null;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    memo = { format, days: new Map(), last: null };
  } catch {
    memo = null; // RangeError: unknown time zone
  }
  if (zones.size >= MAX_ZONES) zones.clear();
  zones.set(zone, memo);
  return memo;
}

/** True when the runtime knows the IANA zone name. */
export function isKnownTimeZone(zone: string): boolean {
  return zoneMemo(zone) !== null;
}

/** The offset straight from Intl (no memo), whole seconds: local wall time minus UTC, in ms. */
function intlOffsetMs(format: Intl.DateTimeFormat, epochMs: number): number {
  const atSecond = Math.floor(epochMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(atSecond)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - atSecond;
}

function dayOffsets(format: Intl.DateTimeFormat, day: number): DayOffsets {
  const start = day * DAY_MS;
  const end = start + DAY_MS - 1000; // last whole second of the UTC day
  const before = intlOffsetMs(format, start);
  const after = intlOffsetMs(format, end);
  if (before === after) return { day, before, switchAtMs: Number.POSITIVE_INFINITY, after };
  // Bisect whole seconds: offset(lo) === before, offset(hi) === after.
  let lo = start;
  let hi = end;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (intlOffsetMs(format, mid) === before) lo = mid;
    else hi = mid;
  }
  return { day, before, switchAtMs: hi, after };
}

/**
 * UTC offset (ms) of `zone` at `epochMs`: local wall-clock time = epochMs + offset.
 * Throws RangeError for a zone name the runtime does not know.
 */
export function utcOffsetMs(zone: string, epochMs: number): number {
  const memo = zoneMemo(zone);
  if (memo === null) throw new RangeError(`unknown time zone: ${zone}`);
  return memoOffsetMs(memo, epochMs);
}

/**
 * UTC offset (ms) for an event: in its own zone when the runtime knows it, else in the configured
 * default zone (an unknown default throws RangeError: a configuration error).
 */
export function eventUtcOffsetMs(
  eventZone: string | null | undefined,
  defaultZone: string,
  epochMs: number,
): number {
  let memo = eventZone ? zoneMemo(eventZone) : null;
  if (memo === null) {
    memo = zoneMemo(defaultZone);
    if (memo === null) throw new RangeError(`unknown default time zone: ${defaultZone}`);
  }
  return memoOffsetMs(memo, epochMs);
}

function memoOffsetMs(memo: ZoneMemo, epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS);
  let offsets = memo.last;
  if (offsets === null || offsets.day !== day) {
    offsets = memo.days.get(day) ?? null;
    if (offsets === null) {
      offsets = dayOffsets(memo.format, day);
      if (memo.days.size >= MAX_DAYS_PER_ZONE) memo.days.clear();
      memo.days.set(day, offsets);
    }
    memo.last = offsets;
  }
  return epochMs < offsets.switchAtMs ? offsets.before : offsets.after;
}

/** Same answer as utcOffsetMs, computed without the memo: for tests of the memo. */
export function utcOffsetMsUncached(zone: string, epochMs: number): number {
  const memo = zoneMemo(zone);
  if (memo === null) throw new RangeError(`unknown time zone: ${zone}`);
  return intlOffsetMs(memo.format, epochMs);
}

/** Local hour 0-23 of an instant given its zone offset. */
export function localHour(epochMs: number, offsetMs: number): number {
  const local = epochMs + offsetMs;
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS);
}

/** Local weekday, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function localWeekday(epochMs: number, offsetMs: number): number {
  const dayNumber = Math.floor((epochMs + offsetMs) / DAY_MS);
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Where a local date lies in its calendar month, in [0, 1): (day of month - 1) / days in the month.
 * Integer civil-calendar arithmetic (proleptic Gregorian, Hinnant's days-to-civil), no Date object.
 */
export function localMonthPhase(epochMs: number, offsetMs: number): number {
  const z = Math.floor((epochMs + offsetMs) / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (day - 1) / daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * The zone a feature uses for an event: the event's own zone when the runtime knows it, else the
 * configured default. Throws RangeError when the default itself is unknown (a configuration error).
 */
export function effectiveTimeZone(eventZone: string | null | undefined, defaultZone: string): string {
  if (eventZone && zoneMemo(eventZone) !== null) return eventZone;
  if (zoneMemo(defaultZone) === null) throw new RangeError(`unknown default time zone: ${defaultZone}`);
  return defaultZone;
}
