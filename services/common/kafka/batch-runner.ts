// Runs a consumer group over one topic, a batch per partition at a time, with the exactly-once
// effect recipe from docs/guarantees: the handler's writes are idempotent; only after they are
// durable is the per-partition checkpoint advanced in Redis and the offset committed to Kafka; on
// (re)assignment the consumer seeks to the Redis checkpoint when it is behind Kafka's commit.
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { isRetriable } from '../errors';
import type { Logger } from '../logger';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
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

export class BatchRunner {
  private readonly consumer: Consumer;
  /** Partitions whose checkpoint was checked since the last group join. */
  private checked = new Set<number>();
  private status: RunnerStatus = { assigned: [], retrying: false };

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

        const done = await this.withRetry(
          () => this.opts.handle({ topic, partition, messages }),
          heartbeat,
          isRunning,
        );
        if (!done || isStale()) return;
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        let replayFrom: string | null = null;
        const advanced = await this.withRetry(
          async () => {
            replayFrom = await this.opts.checkpoints.advance(topic, partition, messages[0]!.offset, next);
          },
          heartbeat,
          isRunning,
        );
        if (!advanced) return;
        if (replayFrom !== null) {
          // Redis lost writes since the checkpoint: replay the gap (this batch is applied again
          // too, idempotently) rather than commit past events whose effect is gone.
          this.opts.log.warn(
            { topic, partition, from: replayFrom, batchStart: messages[0]!.offset },
            'checkpoint gap: replaying',
          );
          this.consumer.seek({ topic, partition, offset: replayFrom });
          return;
        }
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
   * Check every partition's checkpoint again before its next batch: called when Redis reconnects,
   * since a restarted Redis may have lost its last writes (or everything).
   */
  recheckCheckpoints(): void {
    this.checked = new Set();
  }

  currentStatus(): RunnerStatus {
    return this.status;
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
