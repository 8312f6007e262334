// `npm run bench -- scale`: 1, 2, 3 updater and scorer processes (one consumer group each) draining
// a held backlog on 12-partition topics (bench/scale-out.ts), each row beside the N = 1 rate of
// its round. BENCH_SCALE_EVENTS, BENCH_SCALE_USERS and BENCH_SCALE_INSTANCES scale it.
import { tinyRegistry } from '../test/integration/scorer/scorer-fixture';
import type { Benchmark } from './bench-context';
import { measureScaleOut, scaleLine, scaleSummary, SCALE_HEADER } from './scale-out';

const SCALE_EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 200_000);
const SCALE_USERS = Number(process.env.BENCH_SCALE_USERS ?? 50_000);
const SCALE_INSTANCES = (process.env.BENCH_SCALE_INSTANCES ?? '1,2,3').split(',').map(Number);
const SCALE_PARTITIONS = 12;

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  what: `1/2/3 updater and scorer processes draining a backlog on ${SCALE_PARTITIONS} partitions (BENCH_SCALE_INSTANCES=${SCALE_INSTANCES.join(',')})`,
  async run({ kafka, admin, redis, redisUrl, run }) {
    console.log(
      `# scale-out: instances (processes, one consumer group) draining a backlog on ${SCALE_PARTITIONS}-partition topics;` +
        `\n# updater: ${SCALE_EVENTS} events over ${SCALE_USERS} shoppers; scorer: one features.changed notice per shopper` +
        ' (tiny test model);' +
        '\n# timed from the backlog release to the last commit, after an untimed warm-up of a fifth as much',
    );
    console.log(SCALE_HEADER);
    const registry = await tinyRegistry();
    try {
      const rows = await measureScaleOut({
        kafka,
        admin,
        redis,
        redisUrl,
        run,
        instances: SCALE_INSTANCES,
        partitions: SCALE_PARTITIONS,
        events: SCALE_EVENTS,
        users: SCALE_USERS,
        modelsDir: registry.dir,
        onRow: (row) => console.log(scaleLine(row)),
      });
      if (rows.length > new Set(rows.map((r) => `${r.service} ${r.instances}`)).size) {
        console.log('\n# medians over the rounds');
        for (const line of scaleSummary(rows)) console.log(line);
      }
    } finally {
      registry.remove();
    }
  },
};
