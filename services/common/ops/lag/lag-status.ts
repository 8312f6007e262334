// Burrow's consumer status rules, evaluated over a sliding window of polled samples of one
// partition (https://github.com/linkedin/Burrow/wiki/Consumer-Lag-Evaluation-Rules). Burrow reads
// every commit from __consumer_offsets; an exporter that polls committed offsets (as this one and
// kafka_exporter do) sees samples instead, so two rules are adapted:
//  - STOP (Burrow: "no commit for longer than the window spans") cannot be read from OffsetFetch,
//    which carries no commit time; a group with no members has stopped committing, so an unmoving
//    offset with lag remaining is STOP when the group is empty and STALL while it has members.
//  - WARN asks that lag never fell within the window AND ended higher than it started, so a
//    steady pipeline whose lag happens to repeat a value is not flagged.
// Pure: no I/O, unit-tested in test/unit/ops/lag-status.spec.ts.

export const LAG_STATUSES = ['OK', 'WARN', 'REWIND', 'STALL', 'STOP', 'NOTFOUND'] as const;
export type LagStatus = (typeof LAG_STATUSES)[number];

/** Worse statuses rank higher; a group's status is its worst partition's. */
const SEVERITY: Record<LagStatus, number> = { NOTFOUND: -1, OK: 0, WARN: 1, REWIND: 2, STALL: 3, STOP: 4 };

export interface LagSample {
  /** When the sample was taken (ms). */
  at: number;
  /** The group's next offset to consume (the committed offset; the log start when none yet). */
  consumed: number;
  lag: number;
}

/**
 * Status of one partition from its window of samples, oldest first. An incomplete window is OK,
 * as in Burrow: there is not yet enough evidence of a problem.
 */
export function partitionStatus(
  window: LagSample[],
  opts: { windowSize: number; groupHasMembers: boolean },
): LagStatus {
  const last = window[window.length - 1];
  if (!last || last.lag === 0) return 'OK';
  for (let i = 1; i < window.length; i++) if (window[i]!.consumed < window[i - 1]!.consumed) return 'REWIND';
  if (window.length < opts.windowSize) return 'OK';
  if (window.some((s) => s.lag === 0)) return 'OK';
  if (window.every((s) => s.consumed === window[0]!.consumed)) return opts.groupHasMembers ? 'STALL' : 'STOP';
  let neverFell = true;
  for (let i = 1; i < window.length; i++) if (window[i]!.lag < window[i - 1]!.lag) neverFell = false;
  if (neverFell && last.lag > window[0]!.lag) return 'WARN';
  return 'OK';
}

export function worstStatus(statuses: Iterable<LagStatus>): LagStatus {
  let worst: LagStatus = 'NOTFOUND';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

/** A number per status for graphs and alerts: higher is worse (NOTFOUND -1, OK 0 ... STOP 4). */
export function statusSeverity(s: LagStatus): number {
  return SEVERITY[s];
}
