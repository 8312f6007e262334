// Every Redis key the product uses is built here. A user's keys share the hash tag {userId}, so
// they live in one Redis Cluster slot and a script may touch several of them at once.
export interface KeyBuilder {
  /** Rolling feature state + applied (partition, offset): see profile-record.ts. */
  profile(userId: string): string;
  /** Next offset to consume for a (group, topic, partition), written after each durable batch. */
  checkpoint(group: string, topic: string, partition: number): string;
}

export function keyBuilder(prefix: string): KeyBuilder {
  return {
    profile: (userId) => `${prefix}:p:{${userId}}`,
    checkpoint: (group, topic, partition) => `${prefix}:ckpt:{${group}}:${topic}:${partition}`,
  };
}
