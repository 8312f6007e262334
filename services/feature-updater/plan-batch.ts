// The updater's decision for one partition batch, as a pure function: which profiles to write,
// which users to announce on features.changed, and which messages to dead-letter. No I/O here,
// so a replay of the same batch over the same stored profiles plans exactly the same thing.
import type { PurchaseEvent } from '../common/events/purchase-event';
import {
  applyInPlace,
  cloneState,
  emptyState,
  latestEventTimeMs,
  type ApplyOptions,
  type ProfileState,
} from '../common/features';

export type DecodeResult = { ok: true; event: PurchaseEvent } | { ok: false; reason: string; error: string };

export interface BatchMessage {
  offset: number;
  /** Kafka message timestamp (ms). */
  timestamp: number;
  decoded: DecodeResult;
}

export interface StoredState {
  partition: number;
  offset: number;
  state: ProfileState;
}

export interface PlannedWrite {
  userId: string;
  partition: number;
  /** Offset of the user's last message in this batch: replays at or below it are skipped. */
  offset: number;
  state: ProfileState;
}

export interface Notification {
  userId: string;
  /** The Kafka offset the user's state reflects; grows with every applied batch. */
  featureVersion: number;
  lastEventTime: number;
  sourcePartition: number;
  sourceOffset: number;
  updatedAt: number;
}

export interface DeadLetter {
  offset: number;
  reason: string;
  error: string;
}

export interface BatchPlan {
  writes: PlannedWrite[];
  notifications: Notification[];
  deadLetters: DeadLetter[];
  counts: { applied: number; duplicate: number; tooLate: number; alreadyApplied: number; invalid: number };
}

export function planBatch(
  partition: number,
  messages: BatchMessage[],
  stored: Map<string, StoredState>,
  options: ApplyOptions,
): BatchPlan {
  const plan: BatchPlan = {
    writes: [],
    notifications: [],
    deadLetters: [],
    counts: { applied: 0, duplicate: 0, tooLate: 0, alreadyApplied: 0, invalid: 0 },
  };
  const byUser = new Map<string, { event: PurchaseEvent; offset: number; timestamp: number }[]>();
  for (const m of messages) {
    if (!m.decoded.ok) {
      plan.counts.invalid++;
      plan.deadLetters.push({ offset: m.offset, reason: m.decoded.reason, error: m.decoded.error });
      continue;
    }
    const list = byUser.get(m.decoded.event.userId);
    const item = { event: m.decoded.event, offset: m.offset, timestamp: m.timestamp };
    if (list) list.push(item);
    else byUser.set(m.decoded.event.userId, [item]);
  }

  for (const [userId, items] of byUser) {
    const prior = stored.get(userId);
    // Offsets order events only within one partition (see lua/set-profile-if-newer.lua).
    const appliedUpTo = prior && prior.partition === partition ? prior.offset : -1;
    // One private copy per user, then the in-place fast path: the caller's map stays untouched.
    const state = prior ? cloneState(prior.state) : emptyState();
    let changed = false;
    let reflectsBatch = false;
    let lastOffset = -1;
    let lastTimestamp = 0;
    for (const { event, offset, timestamp } of items) {
      lastOffset = offset;
      lastTimestamp = Math.max(lastTimestamp, timestamp);
      if (offset <= appliedUpTo) {
        // Already in Redis from an earlier run of this batch; announce again (at least once).
        plan.counts.alreadyApplied++;
        reflectsBatch = true;
        continue;
      }
      const outcome = applyInPlace(state, event, options);
      if (outcome === 'applied') {
        plan.counts.applied++;
        changed = true;
        reflectsBatch = true;
      } else if (outcome === 'duplicate') {
        plan.counts.duplicate++;
      } else {
        plan.counts.tooLate++;
        plan.deadLetters.push({
          offset,
          reason: 'too_late',
          error: `event time ${new Date(event.eventTime).toISOString()} is beyond the allowed lateness`,
        });
      }
    }
    const version = changed ? lastOffset : appliedUpTo;
    if (changed) plan.writes.push({ userId, partition, offset: lastOffset, state });
    if (reflectsBatch)
      plan.notifications.push({
        userId,
        featureVersion: version,
        lastEventTime: latestEventTimeMs(state) ?? 0,
        sourcePartition: partition,
        sourceOffset: version,
        updatedAt: lastTimestamp,
      });
  }
  plan.deadLetters.sort((a, b) => a.offset - b.offset);
  return plan;
}
