// Every Redis key the product uses is built here, each with a hash tag so Redis Cluster can place
// it. Profiles are fields of bucket hashes ({b<n>}): small hashes are stored as listpacks, which
// measured ~189 bytes per profile against ~293 for a key of its own with a TTL (docs/features.md).
// The bucket of a user is fixed by FNV-1a of the id modulo the bucket count, so the count is part
// of the stored data's layout: it is recorded in Redis and a different one refuses to start.
import { fnv1a32 } from '../features/hash';

export const DEFAULT_PROFILE_BUCKETS = 1 << 20;

export interface KeyBuilder {
  readonly prefix: string;
  readonly profileBuckets: number;
  /** The bucket hash holding a user's profile (field = user id). */
  profileBucket(userId: string): string;
  /** The bucket hash with the given index (for sweeps over all profiles). */
  profileBucketAt(index: number): string;
  /** Next offset to consume for a (group, topic, partition), written after each durable batch. */
  checkpoint(group: string, topic: string, partition: number): string;
  /** Facts about the stored layout (the bucket count), checked at start-up. */
  meta(): string;
  /**
   * The bucket hash holding a user's latest score (field = user id): same bucket index and hash
   * tag as the profile, so a profile and its score share a Redis Cluster slot.
   */
  scoreBucket(userId: string): string;
  /** The score bucket hash with the given index. */
  scoreBucketAt(index: number): string;
  /** A checkout decision recorded under its order id (Decide's idempotency key). */
  decision(orderId: string): string;
}

export function keyBuilder(prefix: string, profileBuckets = DEFAULT_PROFILE_BUCKETS): KeyBuilder {
  const profileBucketAt = (index: number) => `${prefix}:p:{b${index}}`;
  const scoreBucketAt = (index: number) => `${prefix}:s:{b${index}}`;
  return {
    prefix,
    profileBuckets,
    profileBucket: (userId) => profileBucketAt(fnv1a32(userId) % profileBuckets),
    profileBucketAt,
    checkpoint: (group, topic, partition) => `${prefix}:ckpt:{${group}}:${topic}:${partition}`,
    meta: () => `${prefix}:meta`,
    scoreBucket: (userId) => scoreBucketAt(fnv1a32(userId) % profileBuckets),
    scoreBucketAt,
    decision: (orderId) => `${prefix}:dec:{${orderId}}`,
  };
}
