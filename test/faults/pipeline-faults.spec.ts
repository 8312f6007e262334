// The fault-injection run at CI size (npm run test:faults runs the full size): real broker and
// Redis of its own, two updaters and two scorers as processes, a seeded stream of simulator
// events with hostile messages mixed in, members killed, Redis and the broker crashed and
// restarted, extra members joining and leaving; the verdict must find no difference.
import { expect } from 'chai';
import { runFaultSuite } from './driver';
import { formatSummary } from './summary';

describe('fault injection: the whole pipeline under crashes, restarts, rebalances and hostile input', function () {
  this.timeout(20 * 60_000);

  it('ends with every feature, score and message accounted for', async () => {
    const report = await runFaultSuite({
      seed: 7,
      events: 25_000,
      hostile: 1_500,
      kills: 4,
      redisRestarts: 1,
      brokerRestarts: 1,
      rebalances: 1,
      instances: 2,
      partitions: 6,
      fuzzCalls: 0, // grpc-fuzz.spec.ts runs the fuzz pass
      log: (line) => console.log(`      ${line}`),
    });
    console.log(formatSummary(report).replace(/^/gm, '    '));
    expect(report.failures, report.failures.slice(0, 50).join('\n')).to.deep.equal([]);
    expect(report.fleet.kills).to.equal(4);
    expect(report.restarts).to.deep.equal({ redis: 1, broker: 1 });
    expect(
      report.verdict!.applied + Object.values(report.verdict!.deadLettered).reduce((a, b) => a + b, 0),
    ).to.equal(26_500);
  });
});
