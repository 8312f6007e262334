// `npm run lag`: the consumer groups' lag as a table, like `kafka-consumer-groups.sh --describe`,
// with the estimated lag in seconds and the Burrow-style status. A status needs a window of
// samples, so the command measures --samples times, --interval-ms apart, and prints the last.
//   npm run lag -- [--group <group>[=<topic>] ...] [--samples 3] [--interval-ms 1000] [--json]
// Kafka and the default groups come from the environment, as for the ops service (LAG_GROUPS).
import { parseArgs } from 'node:util';
import { readOpsConfig, monitoredGroups } from '../config';
import { createKafka } from '../../common/kafka/client';
import { LagMonitor } from '../../common/ops/lag/lag-monitor';
import { formatLagTable } from '../../common/ops/lag/lag-table';
import { ConfigError } from '../../common/errors';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      group: { type: 'string', multiple: true },
      samples: { type: 'string', default: '3' },
      'interval-ms': { type: 'string', default: '1000' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = readOpsConfig();
  const samples = Math.max(1, Number(values.samples));
  const intervalMs = Math.max(0, Number(values['interval-ms']));
  if (!Number.isInteger(samples) || !Number.isFinite(intervalMs))
    throw new ConfigError('--samples/--interval-ms', 'expected whole numbers');
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-lag-cli`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const monitor = new LagMonitor({
      admin,
      groups: monitoredGroups(values.group ?? config.LAG_GROUPS),
      windowSize: samples,
    });
    let report = await monitor.poll();
    for (let i = 1; i < samples; i++) {
      await new Promise((r) => setTimeout(r, intervalMs));
      report = await monitor.poll();
    }
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatLagTable(report));
  } finally {
    await admin.disconnect();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `lag: ${(err as Error).message}`);
  process.exit(1);
});
