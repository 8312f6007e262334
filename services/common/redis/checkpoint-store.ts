// Per-partition consumer checkpoints kept in Redis beside the state they describe ("storing
// offsets outside Kafka"): if Redis loses its last writes, the checkpoint goes back with them and
// the consumer replays from there, instead of trusting a Kafka commit that is ahead of Redis.
import type { RedisClient } from './client';
import { DependencyError } from '../errors';
import type { KeyBuilder } from './keys';

export class CheckpointStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeyBuilder,
    private readonly group: string,
  ) {}

  /** The next offset to consume, or null when none was ever recorded. */
  async read(topic: string, partition: number): Promise<string | null> {
    try {
      return await this.redis.get(this.keys.checkpoint(this.group, topic, partition));
    } catch (err) {
      throw new DependencyError(`Redis failed reading a checkpoint: ${(err as Error).message}`, err);
    }
  }

  /**
   * Records that [firstOffset, nextOffset) is durable. Returns the checkpoint to replay from when
   * Redis is behind the batch (it lost writes), else null.
   */
  async advance(
    topic: string,
    partition: number,
    firstOffset: string,
    nextOffset: string,
  ): Promise<string | null> {
    try {
      const key = this.keys.checkpoint(this.group, topic, partition);
      const [status, at] = await this.redis.advanceCheckpoint(key, firstOffset, nextOffset);
      return status === -1 ? at : null;
    } catch (err) {
      throw new DependencyError(`Redis failed writing a checkpoint: ${(err as Error).message}`, err);
    }
  }
}
