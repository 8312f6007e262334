// The in-memory shape of a decoded FeaturesChanged notice (schemas/features-changed.v*.avsc): what
// the feature-updater tells the scorer after it changed a user's state. Pure types only.

export interface FeaturesChanged {
  userId: string;
  /** Kafka offset of the last purchase event applied to the user's state; compare to drop stale notices. */
  featureVersion: number;
  /** Largest event time applied so far, epoch milliseconds UTC. */
  lastEventTime: number;
  /** Largest Kafka message timestamp of the batch that changed the state, epoch milliseconds. */
  updatedAt: number;
  sourcePartition: number;
  sourceOffset: number;
}
