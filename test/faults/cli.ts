// npm run test:faults: the full-size fault-injection run, with a summary table; exit code 1 on
// any difference. Options (defaults = the full size):
//   --events 200000 --hostile 5000 --kills 12 --redis-restarts 1 --broker-restarts 1
//   --rebalances 2 --instances 2 --partitions 6 --fuzz-calls 2000 --seed 1
import { runFaultSuite, type FaultRunParams } from './driver';
import { formatSummary } from './summary';

const defaults: Omit<FaultRunParams, 'log'> = {
  seed: 1,
  events: 200_000,
  hostile: 5_000,
  kills: 12,
  redisRestarts: 1,
  brokerRestarts: 1,
  rebalances: 2,
  instances: 2,
  partitions: 6,
  fuzzCalls: 2_000,
};

function parseArgs(argv: string[]): Omit<FaultRunParams, 'log'> {
  const params = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]!.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = Number(argv[i + 1]);
    if (!(name in params) || !Number.isSafeInteger(value) || value < 0) {
      console.error(`unknown option or bad value: ${argv[i]} ${argv[i + 1]}`);
      process.exit(2);
    }
    (params as Record<string, number>)[name] = value;
  }
  return params;
}

async function main(): Promise<void> {
  const params = parseArgs(process.argv.slice(2));
  const report = await runFaultSuite({ ...params, log: (line) => console.log(line) });
  console.log(`\nfault-injection run\n${formatSummary(report)}`);
  process.exit(report.failures.length === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
