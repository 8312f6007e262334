// The profile and checkpoint stores with every Redis call timed into
// creditscore_redis_call_seconds{operation}: the updater's Redis latency, measured around the
// calls the batch really makes (one per slot group), without touching the shared stores.
import { ProfileStore, type ProfileWrite } from '../common/redis/profile-store';
import { CheckpointStore } from '../common/redis/checkpoint-store';
import type { ProfileRecord } from '../common/redis/profile-record';
import type { UpdaterMetrics } from './metrics';

type Timer = UpdaterMetrics['redis'];

export class TimedProfileStore extends ProfileStore {
  constructor(
    args: ConstructorParameters<typeof ProfileStore>,
    private readonly timer: Timer,
  ) {
    super(...args);
  }

  override read(userIds: string[]): Promise<Map<string, ProfileRecord>> {
    return this.timer.time('profiles_read', () => super.read(userIds));
  }

  override write(writes: ProfileWrite[]): Promise<number> {
    return this.timer.time('profiles_write', () => super.write(writes));
  }
}

export class TimedCheckpointStore extends CheckpointStore {
  constructor(
    args: ConstructorParameters<typeof CheckpointStore>,
    private readonly timer: Timer,
  ) {
    super(...args);
  }

  override read(topic: string, partition: number): Promise<string | null> {
    return this.timer.time('checkpoint_read', () => super.read(topic, partition));
  }

  override advance(topic: string, partition: number, firstOffset: string, nextOffset: string) {
    return this.timer.time('checkpoint_advance', () =>
      super.advance(topic, partition, firstOffset, nextOffset),
    );
  }
}
