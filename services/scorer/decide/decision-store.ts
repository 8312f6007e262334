// Decisions remembered by order id in Redis, so Decide is idempotent across replicas: the first
// replica to SET NX the order's key owns the decision; every other call for the order reads it.
// `audited` closes the crash window between recording and appending to the audit topic: a later
// call for the same order that finds it false appends the (same) audit record again.
import type { RedisClient } from '../../common/redis/client';
import { DependencyError } from '../../common/errors';
import type { KeyBuilder } from '../../common/redis/keys';
import type { Score } from '../../common/proto/generated/creditscore/v1/Score';
import type { DecisionEvent } from '../scorer-events';

export interface StoredDecision {
  /** The request's parameters: the same order id with others is refused. */
  fingerprint: string;
  audited: boolean;
  event: DecisionEvent;
  /** The score used, as the API returned it (absent for a thin file). */
  score?: Score;
}

export class DecisionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: KeyBuilder,
    private readonly ttlMs: number,
  ) {}

  async get(orderId: string): Promise<StoredDecision | undefined> {
    const text = await guard(() => this.redis.get(this.keys.decision(orderId)));
    return text === null ? undefined : (JSON.parse(text) as StoredDecision);
  }

  /** Records the decision unless the order already has one; true when this call recorded it. */
  async create(orderId: string, d: StoredDecision): Promise<boolean> {
    const ok = await guard(() =>
      this.redis.set(this.keys.decision(orderId), JSON.stringify(d), 'PX', this.ttlMs, 'NX'),
    );
    return ok === 'OK';
  }

  async markAudited(orderId: string, d: StoredDecision): Promise<void> {
    await guard(() =>
      this.redis.set(this.keys.decision(orderId), JSON.stringify({ ...d, audited: true }), 'KEEPTTL', 'XX'),
    );
  }
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new DependencyError(`Redis failed on a decision: ${(err as Error).message}`, err);
  }
}
