// `npm run rescore [-- --shard K/N]`: re-scores every stored profile (or shard K of N of the
// profile buckets) with the current model (MODELS_DIR/current.json) and announces the new scores on
// the scores topic. Same environment as the scorer. Safe to run while the scorer runs, and to
// interrupt: a re-run skips what already has this model's score.
import { parseArgs } from 'node:util';
import { readScorerConfig } from '../config';
import { createRedis } from '../../common/redis/client';
import { keyBuilder } from '../../common/redis/keys';
import { checkProfileLayout } from '../../common/redis/profile-layout';
import { createKafka, createProducer } from '../../common/kafka/client';
import { ensureTopics } from '../../common/kafka/topics';
import { logger } from '../../common/logger';
import { ConfigError } from '../../common/errors';
import { ModelHolder } from '../model-holder';
import { rescoreAll, type RescoreProgress } from '../rescore-all';
import { parseShard } from '../rescore-shard';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shard: { type: 'string' } } });
  const config = readScorerConfig();
  const range = values.shard === undefined ? undefined : parseShard(values.shard, config.PROFILE_BUCKETS);
  const log = logger('rescore');
  const models = await ModelHolder.load(config.MODELS_DIR, log);
  const redis = createRedis(config.REDIS_URL, { name: 'rescore' });
  const keys = keyBuilder(config.REDIS_KEY_PREFIX, config.PROFILE_BUCKETS);
  await checkProfileLayout(redis, keys);
  const kafka = createKafka(config.KAFKA_BROKERS, `${config.KAFKA_CLIENT_ID}-rescore`);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: config.TOPIC_SCORES, partitions: config.SCORES_PARTITIONS, compacted: true },
  ]);
  await admin.disconnect();
  const producer = createProducer(kafka);
  await producer.connect();

  const active = models.current;
  const buckets = range
    ? `buckets ${range.first}-${range.end - 1} of ${keys.profileBuckets}`
    : `${keys.profileBuckets} buckets`;
  console.log(`rescoring with model ${active.model.version} (${buckets}, prefix ${keys.prefix})`);
  const started = performance.now();
  const bar = progressBar(started);
  const result = await rescoreAll({
    redis,
    keys,
    active,
    reasonText: (c) => models.reasonText(c),
    publish: { producer, topic: config.TOPIC_SCORES },
    range,
    onProgress: bar,
  });
  bar(result, true);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `done: ${result.profiles} profiles in ${seconds.toFixed(1)} s (${Math.round(result.profiles / seconds)} profiles/s); ` +
      `${result.written} scores written, ${result.skipped} already on this model`,
  );
  await producer.disconnect();
  await redis.quit();
}

/** A progress bar on a terminal, a line every 5 s otherwise (logs). */
function progressBar(started: number) {
  let last = 0;
  return (p: RescoreProgress, final = false) => {
    const now = performance.now();
    const tty = process.stderr.isTTY;
    if (!final && now - last < (tty ? 200 : 5_000)) return;
    last = now;
    const share = p.buckets / p.totalBuckets;
    const rate = Math.round(p.profiles / Math.max(0.001, (now - started) / 1000));
    const width = 30;
    const filled = Math.round(share * width);
    const line =
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(1)}% ` +
      `buckets ${p.buckets}/${p.totalBuckets}  profiles ${p.profiles}  ${rate} profiles/s`;
    if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

main().catch((err) => {
  const usage = String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  if (usage) console.error(`${err.message}\nusage: npm run rescore [-- --shard K/N]`);
  else if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
