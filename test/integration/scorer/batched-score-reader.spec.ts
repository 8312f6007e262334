// The API's coalesced single-user score reads against a real Redis: reads asked for in one turn go
// as one store read of the distinct ids, each caller gets its own user's score, and a Redis failure
// fails every read of the batch as retriable.
import { expect } from 'chai';
import { DependencyError } from '../../../services/common/errors';
import { BatchedScoreReader } from '../../../services/scorer/batched-score-reader';
import type { ScoreRecord } from '../../../services/scorer/score-record';
import { ScoreStore } from '../../../services/scorer/score-store';
import { createServingRedis } from '../../../services/scorer/serving-redis';
import { freePort } from '../../helpers/processes';
import { withRedis } from '../../helpers/redis';
import { testScoreRecord } from './scorer-fixture';

/** The real store, noting the ids of every read it is asked for. */
class ObservedStore extends ScoreStore {
  readonly reads: string[][] = [];
  override read(userIds: readonly string[]): Promise<Map<string, ScoreRecord>> {
    this.reads.push([...userIds]);
    return super.read(userIds);
  }
}

describe('batched score reads (real Redis)', () => {
  const r = withRedis();
  const record = (points: number): ScoreRecord => testScoreRecord({ points });

  it('reads what one turn asks for in one store read, each caller getting its own answer', async () => {
    const store = new ObservedStore(r.redis, r.keys);
    await store.write([
      { userId: 'b-1', record: record(601) },
      { userId: 'b-2', record: record(602) },
    ]);
    store.reads.length = 0;
    const reader = new BatchedScoreReader(store);
    const asked = ['b-1', 'b-2', 'nobody', 'b-1', 'b-2', 'b-1'];
    const answers = await Promise.all(asked.map((u) => reader.read(u)));
    expect(answers.map((a) => a?.points ?? null)).to.deep.equal([601, 602, null, 601, 602, 601]);
    expect(store.reads).to.deep.equal([['b-1', 'b-2', 'nobody']]);

    // A later turn is a batch of its own.
    expect((await reader.read('b-2'))!.points).to.equal(602);
    expect(store.reads).to.have.length(2);
  });

  it('fails every read of a batch with a retriable error when Redis is unreachable', async () => {
    const down = createServingRedis(`redis://127.0.0.1:${await freePort()}`, 200);
    down.on('error', () => undefined); // refused connections are the point here
    try {
      const reader = new BatchedScoreReader(new ScoreStore(down, r.keys));
      const results = await Promise.allSettled(['x-1', 'x-2'].map((u) => reader.read(u)));
      for (const res of results) {
        expect(res.status).to.equal('rejected');
        const err = (res as PromiseRejectedResult).reason as DependencyError;
        expect(err).to.be.instanceOf(DependencyError);
        expect(err.retriable).to.equal(true);
      }
    } finally {
      down.disconnect();
    }
  });
});
