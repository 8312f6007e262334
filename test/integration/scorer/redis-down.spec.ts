// With Redis down the API answers UNAVAILABLE at once (clients retry) and the health service says
// NOT_SERVING; when Redis is back, so is the API.
import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { withKafka } from '../../helpers/kafka';
import { startPrivateRedis } from '../../helpers/processes';
import { waitFor } from '../../helpers/wait';
import { CreditScoreClient } from '../../../services/client';
import type { RunningScorer } from '../../../services/scorer/service';
import { API_KEY, codeOf, standaloneScorerSetup, startScorerInProcess, tinyRegistry } from './scorer-fixture';
import { healthStatus } from '../../helpers/grpc-probes';

describe('scorer API while Redis is down (real Kafka, private Redis)', function () {
  this.timeout(180_000);
  const k = withKafka();
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let registry: Awaited<ReturnType<typeof tinyRegistry>>;
  let scorer: RunningScorer;
  let client: CreditScoreClient;

  before(async () => {
    redis = await startPrivateRedis();
    registry = await tinyRegistry();
    scorer = await startScorerInProcess(await standaloneScorerSetup(k, 'down', registry.dir, redis.url));
    client = new CreditScoreClient({ address: `127.0.0.1:${scorer.grpcPort}`, apiKey: API_KEY.all });
  });

  after(async () => {
    client?.close();
    await scorer?.stop();
    await redis?.destroy();
    registry?.remove();
  });

  it('is UNAVAILABLE without Redis and recovers with it', async () => {
    const address = `127.0.0.1:${scorer.grpcPort}`;
    expect(await codeOf(client.getScore('nobody'))).to.equal(status.NOT_FOUND);
    await redis.crash();
    expect(await codeOf(client.getScore('nobody'))).to.equal(status.UNAVAILABLE);
    const ask = {
      userId: 'u',
      orderId: 'o-1',
      amountMinor: 100,
      currency: 'CNY',
      merchantId: 'm',
      instalments: 1,
    };
    expect(await codeOf(client.decide(ask))).to.equal(status.UNAVAILABLE);
    await waitFor(async () => (await healthStatus(address)) === 'NOT_SERVING', {
      what: 'health NOT_SERVING',
    });

    await redis.start();
    await waitFor(async () => (await codeOf(client.getScore('nobody'))) === status.NOT_FOUND, {
      what: 'the API back with Redis',
    });
    expect(await healthStatus(address)).to.equal('SERVING');
  });
});
