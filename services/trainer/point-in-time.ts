// Point-in-time replay: one shopper's feature vector as the scorer would have computed it at the
// observation date, from the very code the feature-updater runs (applyInPlace, then extract).
//
// Two rules make the training rows honest:
// 1. Cut-off. Only events strictly before `asOfMs` are applied; anything at or after it is what the
//    future held (including the follow-ups of the default itself) and would leak the label. The
//    check is per event, not "stop at the first late one", so an input that is not sorted by time
//    still cannot leak.
// 2. As of the observation date, not as of the last event. Online, a shopper is scored when a
//    decision is asked for, with every decayed window and every recency measured up to that moment.
//    A shopper who went quiet 60 days ago (a bust-out fraudster after the spree, a stressed shopper
//    cutting back) reads as quiet then; extracting at the last event would instead make every
//    shopper look as if they had just shopped (days_since_last_event = 0 for all), so the model
//    would learn on vectors the scorer never sends, and lose the silence signal.
//
// Options are the updater's (services/feature-updater/service.ts): same allowed lateness and default
// time zone, so too-late events are skipped offline exactly as they are dead-lettered online.
import type { PurchaseEvent } from '../common/events/purchase-event';
import {
  DEFAULT_ALLOWED_LATENESS_MS,
  DEFAULT_TIME_ZONE,
  FEATURE_COUNT,
  applyInPlace,
  emptyState,
  extractInto,
  latestEventTimeMs,
  type ApplyOptions,
  type ProfileState,
} from '../common/features';

/** The updater's defaults (ALLOWED_LATENESS_HOURS = 168, DEFAULT_TIME_ZONE = Asia/Shanghai). */
export const UPDATER_APPLY_OPTIONS: Readonly<Required<ApplyOptions>> = Object.freeze({
  allowedLatenessMs: DEFAULT_ALLOWED_LATENESS_MS,
  defaultTimeZone: DEFAULT_TIME_ZONE,
});

/** What happened to a shopper's events during a replay (summed over a data set by the caller). */
export interface ReplayCounts {
  events: number;
  applied: number;
  duplicate: number;
  tooLate: number;
  /** At or after the cut-off: never applied. */
  afterCutoff: number;
}

export function emptyReplayCounts(): ReplayCounts {
  return { events: 0, applied: 0, duplicate: 0, tooLate: 0, afterCutoff: 0 };
}

/**
 * Replays `events` (in the order given, which is the Kafka order for one user) into `state` and
 * returns it; events at or after `asOfMs` are skipped and counted.
 */
export function replayUntil(
  events: Iterable<PurchaseEvent>,
  asOfMs: number,
  options: ApplyOptions = UPDATER_APPLY_OPTIONS,
  counts: ReplayCounts = emptyReplayCounts(),
  state: ProfileState = emptyState(),
): ProfileState {
  for (const event of events) {
    counts.events++;
    if (!(event.eventTime < asOfMs)) {
      counts.afterCutoff++;
      continue;
    }
    const outcome = applyInPlace(state, event, options);
    if (outcome === 'applied') counts.applied++;
    else if (outcome === 'duplicate') counts.duplicate++;
    else counts.tooLate++;
  }
  return state;
}

/**
 * When the vector is read, once the events before the cut-off are applied:
 * - 'cut-off' (the rule, default): at the cut-off itself, the decision time (see rule 2 above);
 * - 'last-event': at the shopper's latest applied event, the convention of a scorer that scores
 *   each profile as of its own last event. Offered so a model can match such a scorer; it costs
 *   the silence signal (docs/training.md, "Training-serving consistency").
 */
export type ExtractAt = 'cut-off' | 'last-event';

/**
 * The shopper's feature vector (FEATURE_NAMES order) from the events before `asOfMs`, read at
 * `asOfMs` (or at the last applied event, see ExtractAt).
 * @param out - optional buffer (length >= FEATURE_COUNT) to write into, e.g. a row of a matrix.
 */
export function pointInTimeVector(
  events: Iterable<PurchaseEvent>,
  asOfMs: number,
  options: ApplyOptions = UPDATER_APPLY_OPTIONS,
  counts?: ReplayCounts,
  out?: Float64Array,
  extractAt: ExtractAt = 'cut-off',
): Float64Array {
  const state = replayUntil(events, asOfMs, options, counts);
  const readAt = extractAt === 'cut-off' ? asOfMs : (latestEventTimeMs(state) ?? asOfMs);
  return extractInto(state, readAt, out ?? new Float64Array(FEATURE_COUNT));
}
