// Runs a consumer group over one topic, a batch per partition at a time, with the exactly-once
// effect recipe from docs/guarantees: the handler's writes are idempotent; only after they are
// durable is the per-partition checkpoint advanced in Redis and the offset committed to Kafka; on
// (re)assignment, before each batch's writes and after each Redis reconnect, the consumer seeks
// back to the Redis checkpoint when it is behind what Kafka has handed out or committed.
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { DependencyError, isRetriable } from '../errors';
import type { Logger } from '../logger';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /**
   * Throws (the runner then replays from the checkpoint) when Redis's checkpoint of this partition
   * is behind the batch: Redis lost writes since, so state read from it lacks events that come
   * before this batch. A handler that builds on state it reads must call this after the read and
   * before its writes (see docs/storage.md).
   */
  verifyCheckpoint(): Promise<void>;
}

/** The batch builds on state Redis no longer has: replay from `from`. */
class CheckpointBehind extends Error {
  constructor(readonly from: string) {
    super(`Redis checkpoint ${from} is behind the batch`);
  }
}

export interface CheckpointReader {
  read(topic: string, partition: number): Promise<string | null>;
  /** Returns the checkpoint to replay from when it is behind firstOffset (Redis lost writes). */
  advance(topic: string, partition: number, firstOffset: string, nextOffset: string): Promise<string | null>;
}

export interface BatchRunnerOptions {
  kafka: Kafka;
  groupId: string;
  topic: string;
  checkpoints: CheckpointReader;
  /** Must be idempotent and make its effects durable before it resolves. */
  handle: (batch: PartitionBatch) => Promise<void>;
  log: Logger;
  /** Partitions processed in parallel by this instance (overlaps Redis/Kafka round trips). */
  partitionsConcurrently?: number;
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** Called on every change of health, for /readyz and metrics. */
  onStatus?: (status: RunnerStatus) => void;
}

export interface RunnerStatus {
  assigned: { topic: string; partition: number }[];
  /** The last batch failed with a retriable error and is being retried. */
  retrying: boolean;
  lastError?: string;
}

const MAX_BACKOFF_MS = 5_000;
/**
 * A consumer hears from the broker at least every few seconds while it is up (fetches wait at
 * most 5 s, heartbeats go every 3 s); this long without an answer means the broker is unreachable.
 */
export const BROKER_SILENCE_MS = 15_000;

export class BatchRunner {
  private readonly consumer: Consumer;
  /** Partitions whose checkpoint was checked since the last group join. */
  private checked = new Set<number>();
  private status: RunnerStatus = { assigned: [], retrying: false };
  private lastBrokerAnswer = Date.now();
  /** Counts Redis reconnects: a batch that spans one is done again (see eachBatch). */
  private storeEpoch = 0;
  /** Partitions replayed from the start for want of a checkpoint, until one is written again. */
  private readonly startedOver = new Set<number>();

  constructor(private readonly opts: BatchRunnerOptions) {
    this.consumer = opts.kafka.consumer({
      groupId: opts.groupId,
      sessionTimeout: opts.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: opts.maxBytesPerPartition ?? 1_048_576,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: MAX_BACKOFF_MS },
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.checked = new Set();
      const assigned = (e.payload.memberAssignment[opts.topic] ?? []).map((partition) => ({
        topic: opts.topic,
        partition,
      }));
      this.setStatus({ ...this.status, assigned });
      opts.log.info({ partitions: assigned.map((a) => a.partition) }, 'partitions assigned');
    });
    this.consumer.on(this.consumer.events.REQUEST, () => (this.lastBrokerAnswer = Date.now()));
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.opts.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConcurrently ?? 2,
      eachBatch: async ({
        batch,
        heartbeat,
        isRunning,
        isStale,
        resolveOffset,
        commitOffsetsIfNecessary,
      }) => {
        const { topic, partition, messages } = batch;
        if (messages.length === 0 || !isRunning() || isStale()) return;

        if (!this.checked.has(partition)) {
          const rewound = await this.withRetry(
            () => this.seekToCheckpointIfBehind(topic, partition, messages[0]!.offset),
            heartbeat,
            isRunning,
          );
          this.checked.add(partition);
          if (rewound) return; // the next fetch starts at the checkpoint
        }

        const firstOffset = messages[0]!.offset;
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        const verifyCheckpoint = async () => {
          const at = await this.opts.checkpoints.read(topic, partition);
          // No checkpoint at all past the start: Redis lost everything; replay from the start once
          // (where the topic's retained data begins, which may be after 0).
          if (at === null && BigInt(firstOffset) > 0n && !this.startedOver.has(partition)) {
            this.startedOver.add(partition);
            throw new CheckpointBehind('0');
          }
          if (at !== null && BigInt(at) < BigInt(firstOffset)) throw new CheckpointBehind(at);
        };
        // Handler and checkpoint are retried as one: when anything fails before the checkpoint has
        // advanced, the handler runs again too, since a Redis that restarted in between may have
        // lost its writes (advancing over them would lose them for good).
        let outcome: { replayFrom?: string; why?: string; stale?: boolean } = {};
        const done = await this.withRetry(
          async () => {
            outcome = {};
            const epoch = this.storeEpoch;
            try {
              await this.opts.handle({ topic, partition, messages, verifyCheckpoint });
            } catch (err) {
              if (!(err instanceof CheckpointBehind)) throw err;
              // Redis lost writes since the checkpoint: nothing of the batch was written.
              outcome = { replayFrom: err.from, why: 'Redis checkpoint behind the batch: replaying' };
              return;
            }
            if (isStale()) {
              outcome = { stale: true };
              return;
            }
            const gap = await this.opts.checkpoints.advance(topic, partition, firstOffset, next);
            // Redis restarted while the batch ran: its writes may be lost although nothing failed
            // (ioredis resends unanswered commands to the new server). Do the batch again.
            if (this.storeEpoch !== epoch)
              throw new DependencyError('Redis reconnected during the batch; writing it again');
            // Redis lost writes since the checkpoint: replay the gap (this batch is applied again
            // too, idempotently) rather than commit past events whose effect is gone.
            if (gap !== null) outcome = { replayFrom: gap, why: 'checkpoint gap: replaying' };
          },
          heartbeat,
          isRunning,
        );
        if (!done || outcome.stale) return;
        if (outcome.replayFrom !== undefined) {
          this.opts.log.warn(
            { topic, partition, from: outcome.replayFrom, batchStart: firstOffset },
            outcome.why,
          );
          this.consumer.seek({ topic, partition, offset: outcome.replayFrom });
          return;
        }
        this.startedOver.delete(partition); // a checkpoint exists again
        resolveOffset(batch.lastOffset());
        await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      },
    });
  }

  async stop(): Promise<void> {
    // kafkajs waits for in-flight eachBatch calls before leaving the group.
    await this.consumer.disconnect();
  }

  /**
   * Called when Redis reconnects, since a restarted Redis may have lost its last writes (or
   * everything): a batch in flight is done again, every partition's checkpoint is checked again
   * before its next batch, and at once against the group's committed offsets, so a partition with
   * no new messages is replayed too.
   */
  recheckCheckpoints(): void {
    this.storeEpoch++;
    this.checked = new Set();
    this.rewindBehindCommits().catch((err: Error) =>
      this.opts.log.warn({ err: err.message }, 'checking checkpoints after a Redis reconnect failed'),
    );
  }

  currentStatus(): RunnerStatus {
    return this.status;
  }

  /** False once the broker has not answered this consumer for BROKER_SILENCE_MS (for /readyz). */
  brokerReachable(now = Date.now()): boolean {
    return now - this.lastBrokerAnswer < BROKER_SILENCE_MS;
  }

  /** Seeks every assigned partition whose Redis checkpoint is behind Kafka's commit back to it. */
  private async rewindBehindCommits(): Promise<void> {
    const assigned = new Set(this.status.assigned.map((a) => a.partition));
    if (assigned.size === 0) return;
    const { topic, groupId } = this.opts;
    const admin = this.opts.kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const { partition, offset } of offsets?.partitions ?? []) {
        if (!assigned.has(partition) || BigInt(offset) <= 0n) continue;
        const from = (await this.opts.checkpoints.read(topic, partition)) ?? '0';
        if (BigInt(from) >= BigInt(offset)) continue;
        this.opts.log.warn(
          { topic, partition, from, committed: offset },
          'Redis checkpoint behind Kafka: replaying',
        );
        this.consumer.seek({ topic, partition, offset: from });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Redis is the source of truth for what has been applied. If its checkpoint is behind the
   * first offset Kafka handed us (Redis lost its last writes, or was replaced), replay from it.
   * No checkpoint at all while Kafka has a commit means Redis lost everything: replay from the start.
   */
  private async seekToCheckpointIfBehind(
    topic: string,
    partition: number,
    firstOffset: string,
  ): Promise<boolean> {
    const checkpoint = await this.opts.checkpoints.read(topic, partition);
    const target = checkpoint ?? '0';
    if (BigInt(target) >= BigInt(firstOffset)) return false;
    this.opts.log.warn(
      { topic, partition, from: firstOffset, to: target },
      'Redis checkpoint behind Kafka: replaying',
    );
    this.consumer.seek({ topic, partition, offset: target });
    return true;
  }

  /** Retries retriable failures with capped exponential backoff; false if stopped meanwhile. */
  private async withRetry(
    work: () => Promise<unknown>,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await work();
        if (this.status.retrying) this.setStatus({ ...this.status, retrying: false, lastError: undefined });
        return true;
      } catch (err) {
        if (!isRetriable(err)) throw err;
        const wait = Math.min(100 * 2 ** attempt, MAX_BACKOFF_MS);
        this.setStatus({ ...this.status, retrying: true, lastError: (err as Error).message });
        this.opts.log.warn({ err: (err as Error).message, attempt, waitMs: wait }, 'batch failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
        if (!isRunning()) return false;
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private setStatus(s: RunnerStatus): void {
    this.status = s;
    this.opts.onStatus?.(s);
  }
}
