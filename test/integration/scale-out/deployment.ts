// One deployment of the pipeline for the scale-out test: n feature-updater and n scorer processes
// on topics, consumer groups and a Redis key prefix of their own. The services create the topics
// themselves, with the partition counts of their configuration, as they would in production.
import type { Admin } from 'kafkajs';
import type { KeyBuilder } from '../../../services/common/redis/keys';
import type { withKafka } from '../../helpers/kafka';
import type { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { startInstances, type Instance } from '../../helpers/fleet';
import { updaterEnv } from '../../helpers/updater';
import { scorerEnv } from '../scorer/scorer-fixture';

export interface Deployment {
  keys: KeyBuilder;
  topics: { purchases: string; changed: string; scores: string };
  groups: { updater: string; scorer: string };
  updaters: Instance[];
  scorers: Instance[];
}

export async function deploy(
  k: ReturnType<typeof withKafka>,
  r: ReturnType<typeof withRedis>,
  opts: { instances: number; partitions: number; modelsDir: string },
): Promise<Deployment> {
  const { prefix, keys } = r.freshPrefix();
  const topics = { purchases: k.name('purchases'), changed: k.name('changed'), scores: k.name('scores') };
  const groups = { updater: uniqueName('updater'), scorer: uniqueName('scorer') };
  const partitionCounts = {
    PURCHASES_PARTITIONS: String(opts.partitions),
    FEATURES_CHANGED_PARTITIONS: String(opts.partitions),
  };
  const updaters = await startInstances(
    'feature-updater/main.js',
    opts.instances,
    updaterEnv(
      {
        purchases: topics.purchases,
        deadLetters: k.name('dlq'),
        featuresChanged: topics.changed,
        groupId: groups.updater,
        keyPrefix: prefix,
      },
      partitionCounts,
    ),
  );
  const scorers = await startInstances(
    'scorer/main.js',
    opts.instances,
    scorerEnv(
      {
        featuresChanged: topics.changed,
        scores: topics.scores,
        decisions: k.name('decisions'),
        groupId: groups.scorer,
        keyPrefix: prefix,
        modelsDir: opts.modelsDir,
      },
      // The test reads every update of every user on three streams at once: a slow test process
      // must not be cut off as a slow client would be (that behaviour has its own test).
      { ...partitionCounts, WATCH_MAX_BUFFERED: '10000000' },
    ),
    { grpc: true },
  );
  return { keys, topics, groups, updaters, scorers };
}

export async function partitionCount(admin: Admin, topic: string): Promise<number> {
  const md = await admin.fetchTopicMetadata({ topics: [topic] });
  return md.topics[0]?.partitions.length ?? 0;
}

/** Messages ever written to a topic (its partitions' end offsets; nothing is deleted here). */
export async function messageCount(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}
