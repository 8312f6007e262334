// Wiring for one features.changed partition batch: decode -> coalesce per user -> read profiles ->
// score (current model, as of each state's last event) -> compare-and-set the scores in Redis ->
// publish to the compacted scores topic. Every step is idempotent, so the batch runner may replay
// a batch after any crash: a replay writes nothing new and re-announces what is current.
import type { Message } from 'kafkajs';
import type { CoalescingSender } from '../common/kafka/coalescing-sender';
import type { PartitionBatch } from '../common/kafka/batch-runner';
import type { ProfileStore } from '../common/redis/profile-store';
import { featuresChangedCodec } from '../common/events/event-codecs';
import type { Logger } from '../common/logger';
import type { ModelHolder } from './model-holder';
import type { ProfileScorer } from './score-profile';
import type { ScoreStore, ScoreWrite } from './score-store';
import type { ScoreRecord } from './score-record';
import type { ScorerMetrics } from './metrics';
import { scoreUpdatedCodec } from './scorer-events';
import { toScoreUpdated } from './score-view';

export interface RescoreDeps {
  sender: CoalescingSender;
  profiles: ProfileStore;
  scores: ScoreStore;
  models: ModelHolder;
  scorer: ProfileScorer;
  metrics: ScorerMetrics;
  scoresTopic: string;
  log: Logger;
  now?: () => number;
}

const changedCodec = featuresChangedCodec();
const updatedCodec = scoreUpdatedCodec();

export async function processChangedBatch(deps: RescoreDeps, batch: PartitionBatch): Promise<void> {
  const started = process.hrtime.bigint();
  // Coalesce: a burst of notices for one user costs one read, one score and one write; the state
  // read is the newest anyway. Keep the latest batch timestamp for the freshness measurement.
  const updatedAt = new Map<string, number>();
  for (const m of batch.messages) {
    if (!m.value) continue;
    try {
      const n = changedCodec.decode(m.value);
      updatedAt.set(n.userId, Math.max(updatedAt.get(n.userId) ?? 0, n.updatedAt));
    } catch (err) {
      deps.metrics.invalidNotices.inc();
      deps.log.warn(
        { partition: batch.partition, offset: m.offset, err: (err as Error).message },
        'undecodable features.changed notice skipped',
      );
    }
  }
  if (updatedAt.size === 0) return;

  const profiles = await deps.profiles.read([...updatedAt.keys()]);
  const active = deps.models.current; // one model for the whole batch
  const writes: ScoreWrite[] = [];
  for (const [userId, profile] of profiles) {
    const record = deps.scorer.score(active, profile, updatedAt.get(userId)!);
    if (record) writes.push({ userId, record });
  }
  const statuses = await deps.scores.write(writes);
  // 'current': this version was stored already, by a replay of this batch or by an earlier notice
  // of the user that read the same (newer) profile. Announce the stored record, not this one, whose
  // updatedAt may differ, so the scores topic and WatchScores end with what GetScore answers.
  const current = writes.filter((_, i) => statuses[i] === 'current').map((w) => w.userId);
  const stored = current.length > 0 ? await deps.scores.read(current) : new Map<string, ScoreRecord>();

  const now = (deps.now ?? Date.now)();
  const announce: Message[] = [];
  statuses.forEach((status, i) => {
    deps.metrics.scores.inc({ outcome: status });
    if (status === 'stale') return;
    const w = writes[i]!;
    if (status === 'written') {
      deps.metrics.freshness.observe(Math.max(0, now - w.record.updatedAtMs) / 1000);
      deps.metrics.scorePoints.observe(w.record.points);
    }
    const record = (status === 'current' && stored.get(w.userId)) || w.record;
    const event = toScoreUpdated(w.userId, record, (code) => deps.models.reasonText(code), now);
    announce.push({ key: w.userId, value: updatedCodec.encode(event) });
  });
  await deps.sender.send(deps.scoresTopic, announce);
  deps.metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
}
