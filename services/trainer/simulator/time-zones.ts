// Shoppers live in a home time zone and shop on local wall-clock time; events carry UTC millis.
// Converting wall clock -> UTC needs the zone's offset, which for DST zones changes during the
// period. Intl is authoritative but slow (~4 us per call), so each zone's offset is tabulated once
// per hour over the simulated range (zone transitions fall on whole UTC hours for every zone used
// here) and looked up in O(1) afterwards.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Home zones and their share of shoppers: a China-centred platform with a few users abroad. */
export const HOME_TIME_ZONES: ReadonlyArray<{ zone: string; share: number }> = [
  { zone: 'Asia/Shanghai', share: 0.9 },
  { zone: 'Asia/Urumqi', share: 0.025 },
  { zone: 'Asia/Hong_Kong', share: 0.02 },
  { zone: 'Asia/Singapore', share: 0.015 },
  { zone: 'Asia/Tokyo', share: 0.01 },
  { zone: 'Europe/London', share: 0.01 },
  { zone: 'America/Los_Angeles', share: 0.01 },
  { zone: 'Australia/Sydney', share: 0.01 },
];

/** Offset (minutes east of UTC) of `zone` at `utcMs`, straight from Intl. */
export function intlOffsetMinutes(formatter: Intl.DateTimeFormat, utcMs: number): number {
  const parts = formatter.formatToParts(utcMs);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

export function zoneFormatter(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** Hourly offset table of one zone over a UTC range; outside the range it falls back to Intl. */
export class ZoneOffsets {
  private readonly startHour: number;
  private readonly offsetsMs: Int32Array;
  private readonly formatter: Intl.DateTimeFormat;

  constructor(
    readonly zone: string,
    fromUtcMs: number,
    toUtcMs: number,
  ) {
    this.formatter = zoneFormatter(zone);
    this.startHour = Math.floor(fromUtcMs / HOUR_MS);
    const hours = Math.max(1, Math.ceil(toUtcMs / HOUR_MS) - this.startHour + 1);
    this.offsetsMs = new Int32Array(hours);
    // Sample once a day and resolve hour by hour only the days in which the offset changed: a
    // fixed-offset zone (most of them) costs ~200 Intl calls instead of ~4,000.
    const at = (h: number): number =>
      intlOffsetMinutes(this.formatter, (this.startHour + h) * HOUR_MS) * 60_000;
    let prevHour = 0;
    let prev = at(0);
    this.offsetsMs[0] = prev;
    for (let h = 24; prevHour < hours - 1; h += 24) {
      const sampleHour = Math.min(h, hours - 1);
      const sample = at(sampleHour);
      if (sample === prev) this.offsetsMs.fill(prev, prevHour + 1, sampleHour + 1);
      else for (let k = prevHour + 1; k <= sampleHour; k++) this.offsetsMs[k] = at(k);
      prevHour = sampleHour;
      prev = sample;
    }
  }

  /** Offset in ms to add to UTC to get local wall-clock time. */
  offsetAt(utcMs: number): number {
    const h = Math.floor(utcMs / HOUR_MS) - this.startHour;
    if (h >= 0 && h < this.offsetsMs.length) return this.offsetsMs[h];
    return intlOffsetMinutes(this.formatter, utcMs) * 60_000;
  }

  /** Local wall-clock millis (as if UTC) of a UTC instant. */
  toWall(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /**
   * UTC instant of a local wall-clock time. Two passes settle DST edges: a wall time inside a
   * spring-forward gap maps to a nearby real instant, an ambiguous fall-back time to one of its two.
   */
  toUtc(wallMs: number): number {
    const first = wallMs - this.offsetAt(wallMs - this.offsetAt(wallMs));
    const settled = wallMs - this.offsetAt(first);
    return settled;
  }
}

/** One ZoneOffsets per zone for a run, built lazily (most runs only ever touch a handful). */
export class ZoneOffsetCache {
  private readonly byZone = new Map<string, ZoneOffsets>();
  constructor(
    private readonly fromUtcMs: number,
    private readonly toUtcMs: number,
  ) {}

  get(zone: string): ZoneOffsets {
    let z = this.byZone.get(zone);
    if (z === undefined) {
      z = new ZoneOffsets(zone, this.fromUtcMs, this.toUtcMs);
      this.byZone.set(zone, z);
    }
    return z;
  }
}
