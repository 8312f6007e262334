// Wiring for one partition batch: decode -> read profiles -> verify the checkpoint -> plan (pure)
// -> dead letters -> profile writes -> features.changed. Every step is idempotent, so the batch
// runner may replay a batch after any crash; it commits offsets only after this resolves.
import type { PartitionBatch } from '../common/kafka/batch-runner';
import { deadLetterMessage } from '../common/kafka/dead-letter';
import type { CoalescingSender } from '../common/kafka/coalescing-sender';
import type { ProfileStore } from '../common/redis/profile-store';
import { decodeState, encodeState, latestEventTimeMs, type ApplyOptions } from '../common/features';
import { decodePurchaseEvent } from '../common/events/decode-purchase-event';
import { featuresChangedCodec } from '../common/events/event-codecs';
import { planBatch, type BatchMessage, type StoredState } from './plan-batch';
import type { UpdaterMetrics } from './metrics';

export interface UpdaterDeps {
  /** Shared by the partitions processed at once: their sends go in one produce request. */
  sender: CoalescingSender;
  store: ProfileStore;
  metrics: UpdaterMetrics;
  topics: { deadLetter: string; featuresChanged: string };
  applyOptions: ApplyOptions;
  decode: { maxBytes: number; futureToleranceMs: number };
  /** Fault-injection points around the durable write (tests only). */
  beforeWrite?: () => Promise<void>;
  afterWrite?: () => Promise<void>;
}

const changedCodec = featuresChangedCodec();

export async function processBatch(deps: UpdaterDeps, batch: PartitionBatch): Promise<void> {
  const { topic, partition, messages } = batch;
  const started = process.hrtime.bigint();
  const planned: BatchMessage[] = messages.map((m) => {
    const timestamp = Number(m.timestamp);
    return {
      offset: Number(m.offset),
      timestamp,
      decoded: decodePurchaseEvent(m.value, m.key, timestamp, deps.decode),
    };
  });

  const userIds = [...new Set(planned.flatMap((m) => (m.decoded.ok ? [m.decoded.event.userId] : [])))];
  const stored = new Map<string, StoredState>();
  for (const [userId, p] of await deps.store.read(userIds))
    stored.set(userId, {
      partition: p.position.partition,
      offset: p.position.offset,
      state: decodeState(p.state),
    });
  // After the read, before any write: profiles read from a Redis that lost writes since the
  // checkpoint lack events before this batch; building on them would lose those events for good.
  await batch.verifyCheckpoint();

  const plan = planBatch(partition, planned, stored, deps.applyOptions);

  if (plan.deadLetters.length > 0) {
    const byOffset = new Map(messages.map((m) => [Number(m.offset), m]));
    await deps.sender.send(
      deps.topics.deadLetter,
      plan.deadLetters.map((d) => {
        const m = byOffset.get(d.offset)!;
        return deadLetterMessage(
          {
            topic,
            partition,
            offset: m.offset,
            timestamp: m.timestamp,
            key: m.key,
            value: m.value,
            headers: m.headers,
          },
          d.reason,
          d.error,
        );
      }),
    );
  }

  await deps.beforeWrite?.();
  await deps.store.write(
    plan.writes.map((w) => ({
      userId: w.userId,
      position: { partition: w.partition, offset: w.offset },
      lastEventSec: (latestEventTimeMs(w.state) ?? 0) / 1000,
      state: encodeState(w.state),
    })),
  );

  await deps.afterWrite?.();

  if (plan.notifications.length > 0)
    await deps.sender.send(
      deps.topics.featuresChanged,
      plan.notifications.map((n) => ({ key: n.userId, value: changedCodec.encode(n) })),
    );

  deps.metrics.recordBatch(plan, Number(process.hrtime.bigint() - started) / 1e9);
}
