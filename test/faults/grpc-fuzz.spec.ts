// The gRPC fuzz pass against a scorer process fed by a real updater: only proper status codes,
// and a healthy server afterwards.
import { expect } from 'chai';
import { withKafka } from '../helpers/kafka';
import { withRedis } from '../helpers/redis';
import { uniqueName } from '../helpers/names';
import { waitFor } from '../helpers/wait';
import { randomEvents } from '../helpers/events';
import { produceEvents } from '../helpers/pipeline';
import { freePort, stopService } from '../helpers/processes';
import { newUpdaterSetup, startUpdaterInProcess } from '../helpers/updater';
import { CreditScoreClient } from '../../services/client';
import {
  API_KEY,
  newScorerSetup,
  startScorerProcess,
  tinyRegistry,
} from '../integration/scorer/scorer-fixture';
import { runGrpcFuzz } from './grpc-fuzz';

describe('gRPC fuzz pass against a running scorer', function () {
  this.timeout(300_000);
  const k = withKafka();
  const r = withRedis();

  it('answers every random, malformed and hostile request with an allowed status and stays healthy', async () => {
    const registry = await tinyRegistry();
    const s = await newUpdaterSetup(k, r, 2);
    const updater = await startUpdaterInProcess(s);
    const [grpcPort, adminPort] = [await freePort(), await freePort()];
    const scorer = startScorerProcess(await newScorerSetup(k, s, registry.dir), {
      GRPC_PORT: String(grpcPort),
      ADMIN_PORT: String(adminPort),
    });
    const client = new CreditScoreClient({ address: `127.0.0.1:${grpcPort}`, apiKey: API_KEY.all });
    try {
      const events = randomEvents({ seed: 41, users: 20, count: 400, userPrefix: uniqueName('u') });
      await produceEvents(k.producer, s.purchases, events);
      const known = events[0]!.userId;
      await waitFor(() => client.getScore(known).then(() => true), {
        what: 'a first score',
        timeoutMs: 120_000,
      });

      const report = await runGrpcFuzz({
        address: `127.0.0.1:${grpcPort}`,
        adminPort,
        seed: 7,
        calls: 1_500,
        knownUser: known,
      });
      console.log(
        `      ${report.calls} calls, ${report.streams.opened + report.streams.dropped} watch streams`,
      );
      for (const [kind, codes] of Object.entries(report.answers))
        console.log(
          `      ${kind}: ${Object.entries(codes)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')}`,
        );
      expect(report.violations, report.violations.slice(0, 20).join('\n')).to.deep.equal([]);
      expect(report.health).to.equal('SERVING');
      expect(scorer.child.exitCode, scorer.output()).to.equal(null);
      expect(scorer.output(), 'the scorer logged no failed call (INTERNAL)').to.not.match(/"call failed"/);
    } finally {
      client.close();
      await stopService(scorer);
      await updater.stop();
      registry.remove();
    }
  });
});
