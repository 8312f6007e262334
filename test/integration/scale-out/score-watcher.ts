// A WatchScores stream read in the background: how many updates arrived and the latest per user.
import type { CreditScoreClient, Score, ScoreWatch } from '../../../services/client';

export class ScoreWatcher {
  received = 0;
  readonly latest = new Map<string, Score>();
  error?: Error;
  private readonly watch: ScoreWatch;
  private readonly done: Promise<void>;

  constructor(client: CreditScoreClient) {
    const watch = (this.watch = client.watchScores());
    this.done = (async () => {
      try {
        for await (const s of watch) {
          this.received++;
          this.latest.set(s.userId, s);
        }
      } catch (err) {
        this.error = err as Error;
      }
    })();
  }

  async close(): Promise<void> {
    this.watch.cancel();
    await this.done;
  }
}
