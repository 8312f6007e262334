// Single-user score reads (GetScore, Decide) coalesced: the reads asked for in one event-loop turn
// go to Redis as one multi-key script call (ScoreStore.read) instead of one command each. Under
// load most of a GetScore's own cost was its Redis command (client-side command objects, a socket
// write and read per command); batched, a call costs a share of one. At low rates a batch holds
// one read and waits only for the end of the current turn (setImmediate).
import type { ScoreRecord } from './score-record';
import type { ScoreStore } from './score-store';

interface Waiter {
  resolve: (r: ScoreRecord | undefined) => void;
  reject: (err: unknown) => void;
}

export class BatchedScoreReader {
  /** Reads asked for in the current turn, by user id (the same user twice costs one read). */
  private pending = new Map<string, Waiter[]>();

  constructor(private readonly store: ScoreStore) {}

  read(userId: string): Promise<ScoreRecord | undefined> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => void this.flush());
      const waiters = this.pending.get(userId);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(userId, [{ resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const found = await this.store.read([...batch.keys()]);
      for (const [userId, waiters] of batch) for (const w of waiters) w.resolve(found.get(userId));
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }
}
