// Lag in seconds, estimated the way kafka-lag-exporter does: remember when each log-end offset was
// first seen (a small lookup table per partition), then ask "when was the group's next message
// appended?" by interpolating the table at that offset. lag_seconds = now - that moment. Offsets
// older than the table are extrapolated at the table's average production rate; with one point
// only, the age of that point is reported (a lower bound). Pure: no I/O.

interface Point {
  offset: number;
  at: number;
}

export class OffsetTimeTable {
  private readonly points: Point[] = [];

  constructor(private readonly maxPoints = 120) {}

  /** Record the log-end offset seen at `at`. Only growth is recorded: the first sighting is the truth. */
  record(endOffset: number, at: number): void {
    const last = this.points[this.points.length - 1];
    if (last && endOffset <= last.offset) return;
    this.points.push({ offset: endOffset, at });
    if (this.points.length > this.maxPoints) this.points.shift();
  }

  /**
   * Seconds since the message at `nextOffset` (the first one the group has not consumed) was
   * appended, i.e. since the log end first passed it. 0 when the group is caught up.
   */
  lagSeconds(nextOffset: number, endOffset: number, now: number): number {
    if (nextOffset >= endOffset || this.points.length === 0) return 0;
    const target = nextOffset + 1; // the log end was target once message nextOffset existed
    const pts = this.points;
    let at: number;
    if (target <= pts[0]!.offset) {
      const first = pts[0]!;
      const last = pts[pts.length - 1]!;
      at =
        last.offset > first.offset
          ? first.at - ((first.offset - target) * (last.at - first.at)) / (last.offset - first.offset)
          : first.at;
    } else {
      let i = 1;
      while (i < pts.length && pts[i]!.offset < target) i++;
      if (i === pts.length) at = pts[pts.length - 1]!.at;
      else {
        const a = pts[i - 1]!;
        const b = pts[i]!;
        at = a.at + ((target - a.offset) * (b.at - a.at)) / (b.offset - a.offset);
      }
    }
    return Math.max(0, (now - at) / 1000);
  }
}
