// Rescore rate: profiles per second `npm run rescore` re-scores (walk the profile buckets, read the
// stored scores beside them, score with a real model, compare-and-set, announce on the scores
// topic) over BENCH_RESCORE_PROFILES stored profiles, beside the rate at which the same buckets
// are merely read from Redis (HGETALL, in the same steps of 64 buckets): the ceiling of any rescore
// that walks the buckets. Then the same rescore again, when every profile already carries this
// model's score (what an interrupted run resumes through). Runs repeat BENCH_REPEAT times; medians.
import type { RedisClient } from '../../services/common/redis/client';
import { keyBuilder, type KeyBuilder } from '../../services/common/redis/keys';
import { ProfileStore } from '../../services/common/redis/profile-store';
import { createProducer } from '../../services/common/kafka/client';
import { logger } from '../../services/common/logger';
import { ModelHolder } from '../../services/scorer/model-holder';
import { rescoreAll, type RescoreProgress } from '../../services/scorer/rescore-all';
import { deleteByPrefix } from '../../test/helpers/redis';
import type { Benchmark } from '../bench-context';
import { benchModel } from '../bench-model';
import { writeBenchProfiles } from '../bench-profiles';
import { fmtInt, percentile } from '../stats';

const PROFILES = Number(process.env.BENCH_RESCORE_PROFILES ?? 200_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const STEP = 64;

/** Every profile bucket read as rescore reads it, nothing else: profiles/s. */
async function rawReadRate(redis: RedisClient, keys: KeyBuilder): Promise<number> {
  const started = performance.now();
  let profiles = 0;
  for (let first = 0; first < keys.profileBuckets; first += STEP) {
    const buckets = await Promise.all(
      Array.from({ length: Math.min(STEP, keys.profileBuckets - first) }, (_, i) =>
        redis.hgetallBuffer(keys.profileBucketAt(first + i)),
      ),
    );
    for (const b of buckets) profiles += Object.keys(b).length;
  }
  if (profiles !== PROFILES) throw new Error(`read ${profiles} profiles, expected ${PROFILES}`);
  return profiles / ((performance.now() - started) / 1000);
}

export const rescoreBenchmark: Benchmark = {
  name: 'rescore',
  what: `profiles/s re-scored over ${PROFILES} stored profiles vs reading the same buckets from Redis`,
  async run({ kafka, admin, redis, run }) {
    const buckets = Math.max(1, Math.round(PROFILES / 95)); // ~95 per bucket, as in production
    const prefix = `brs${run}`;
    const keys = keyBuilder(prefix, buckets);
    const topic = `bench-rescore-scores-${run}`;
    const model = await benchModel();
    const models = await ModelHolder.load(model.dir, logger('bench'));
    const producer = createProducer(kafka);
    console.log(
      `# rescore: ${fmtInt(PROFILES)} profiles in ${fmtInt(buckets)} buckets, model ${model.version} ` +
        `(${model.trees} trees), scores announced on a 6-partition topic; ${REPEAT} runs, medians`,
    );
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 6, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        waitForLeaders: true,
      });
      await producer.connect();
      await writeBenchProfiles(new ProfileStore(redis, keys), PROFILES);
      const rescore = async (): Promise<{ rate: number; p: RescoreProgress }> => {
        const started = performance.now();
        const p = await rescoreAll({
          redis,
          keys,
          active: models.current,
          reasonText: (c) => models.reasonText(c),
          publish: { producer, topic },
          bucketsPerStep: STEP,
        });
        if (p.profiles !== PROFILES) throw new Error(`rescored ${p.profiles} profiles, expected ${PROFILES}`);
        return { rate: p.profiles / ((performance.now() - started) / 1000), p };
      };
      await rawReadRate(redis, keys); // warm-up: not measured
      const reads: number[] = [];
      const fresh: number[] = [];
      const resumed: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        reads.push(await rawReadRate(redis, keys));
        await deleteByPrefix(redis, `${prefix}:s`); // no stored scores: every profile is scored
        const first = await rescore();
        if (first.p.written !== PROFILES)
          throw new Error(`wrote ${first.p.written} scores, expected ${PROFILES}`);
        fresh.push(first.rate);
        const again = await rescore();
        if (again.p.skipped !== PROFILES) throw new Error(`skipped ${again.p.skipped}, expected ${PROFILES}`);
        resumed.push(again.rate);
      }
      const line = (name: string, xs: number[], note = '') =>
        `${name.padEnd(52)} ${fmtInt(percentile([...xs], 50)).padStart(9)} profiles/s  (runs: ${xs.map(fmtInt).join(', ')})${note}`;
      const read = percentile([...reads], 50);
      const rate = percentile([...fresh], 50);
      console.log(line('Redis read of the profile buckets alone (ceiling)', reads));
      console.log(line('rescore, every profile scored and written', fresh, '  (target >= 20,000/s)'));
      console.log(line('rescore again, every score already current', resumed));
      console.log(`ratio rescore / Redis read: ${(rate / read).toFixed(2)}`);
    } finally {
      models.stop();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await deleteByPrefix(redis, prefix);
    }
  },
};
