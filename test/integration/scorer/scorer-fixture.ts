// Shared set-up of the scorer's integration tests: a tiny model trained on the fly and saved in a
// temporary registry, API keys with each scope, the scorer's environment for a test's topics, and
// the clients and status codes the specs check calls with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status, type ServiceError } from '@grpc/grpc-js';
import { CreditScoreClient, type CreditScoreClientOptions } from '../../../services/client';
import {
  extract,
  FEATURE_INDEX,
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
  latestEventTimeMs,
} from '../../../services/common/features';
import { featureMatrixFromRows, type ModelArtifact } from '../../../services/common/model';
import { promoteModel, saveModel } from '../../../services/common/model/model-registry';
import { trainCreditModel } from '../../../services/trainer/forest/train-credit-model';
import { hashApiKey } from '../../../services/scorer/grpc/api-keys';
import { readScorerConfig, type ScorerConfig } from '../../../services/scorer/config';
import { startScorer } from '../../../services/scorer/service';
import type { ScoreRecord } from '../../../services/scorer/score-record';
import { TEST_BROKERS, TEST_REDIS_URL } from '../../helpers/services';
import { startService } from '../../helpers/processes';
import { uniqueName } from '../../helpers/names';
import type { KafkaContext } from '../../helpers/kafka';
import type { UpdaterTestSetup } from '../../helpers/updater';
import { offlineReplay } from '../../helpers/pipeline';
import { prng, randomEvents } from '../../helpers/events';

/** Secrets of the test API keys (the scorer only ever sees their hashes). */
export const API_KEY = {
  all: 'test-all-0123456789abcdef',
  read: 'test-read-0123456789abcdef',
  watch: 'test-watch-0123456789abcdef',
  decide: 'test-decide-0123456789abcdef',
  slow: 'test-slow-0123456789abcdef',
};

export function apiKeysJson(): string {
  return JSON.stringify([
    {
      id: 'all',
      sha256: hashApiKey(API_KEY.all),
      scopes: ['scores:read', 'scores:watch', 'decisions:write'],
    },
    { id: 'read', sha256: hashApiKey(API_KEY.read), scopes: ['scores:read'] },
    { id: 'watch', sha256: hashApiKey(API_KEY.watch), scopes: ['scores:watch'] },
    { id: 'decide', sha256: hashApiKey(API_KEY.decide), scopes: ['decisions:write'] },
    { id: 'slow', sha256: hashApiKey(API_KEY.slow), scopes: ['scores:read'], ratePerSec: 1, burst: 2 },
  ]);
}

const REASONS = {
  return_rate_90d: { code: 'RC01', text: 'Many orders returned recently' },
  cancel_rate_90d: { code: 'RC02', text: 'Many orders cancelled recently' },
  night_order_share_90d: { code: 'RC03', text: 'Much shopping late at night' },
  tenure_days: { code: 'RC04', text: 'Short purchase history' },
};

/** A small forest on feature vectors of simulated shoppers (seconds to train, no workers). */
export async function trainTinyModel(seed: number): Promise<ModelArtifact> {
  const events = randomEvents({ seed, users: 400, count: 6_000, userPrefix: `train${seed}` });
  const rnd = prng(seed + 1);
  const rows: number[][] = [];
  const y: number[] = [];
  for (const state of offlineReplay(events).values()) {
    const x = extract(state, latestEventTimeMs(state) ?? 0);
    rows.push(Array.from(x));
    const risk = x[FEATURE_INDEX.return_rate_90d]! + x[FEATURE_INDEX.cancel_rate_90d]! + 0.3 * rnd();
    y.push(risk > 0.25 ? 1 : 0);
  }
  const { artifact } = await trainCreditModel({
    X: featureMatrixFromRows(rows, FEATURE_NAMES.length),
    y,
    featureNames: FEATURE_NAMES,
    featureSetVersion: FEATURE_SET_VERSION,
    reasonTable: REASONS,
    forest: { trees: 5, maxDepth: 4, maxFeatures: 0.5, seed, workers: 0 },
    trainedAt: '2026-01-01T00:00:00.000Z',
  });
  return artifact;
}

/** A temporary model registry holding two different models; the first one is promoted. */
export async function tinyRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'cs-models-'));
  const [a, b] = [await trainTinyModel(11), await trainTinyModel(29)];
  await saveModel(dir, a);
  await saveModel(dir, b);
  await promoteModel(dir, a.version, '2026-01-01T00:00:00.000Z');
  return {
    dir,
    first: a.version,
    second: b.version,
    promote: (version: string, at: string) => promoteModel(dir, version, at),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ScorerTestSetup {
  featuresChanged: string;
  scores: string;
  decisions: string;
  groupId: string;
  keyPrefix: string;
  modelsDir: string;
  redisUrl?: string;
  /** A private broker's; the test run's shared broker when absent. */
  brokers?: string[];
}

/** A scorer of the test's own (topics, group) behind an updater's setup: same Redis and prefix. */
export async function newScorerSetup(
  k: KafkaContext,
  u: UpdaterTestSetup,
  modelsDir: string,
  scorePartitions = 1,
): Promise<ScorerTestSetup> {
  return {
    featuresChanged: u.featuresChanged,
    scores: await k.topic('scores', scorePartitions, true),
    decisions: await k.topic('decisions'),
    groupId: uniqueName('scorer'),
    keyPrefix: u.keyPrefix,
    modelsDir,
    redisUrl: u.redisUrl,
    brokers: u.brokers,
  };
}

/** A scorer with no updater in front: the test writes features.changed itself, if at all. */
export async function standaloneScorerSetup(
  k: KafkaContext,
  keyPrefix: string,
  modelsDir: string,
  redisUrl?: string,
): Promise<ScorerTestSetup> {
  return {
    featuresChanged: await k.topic('changed'),
    scores: await k.topic('scores', 1, true),
    decisions: await k.topic('decisions'),
    groupId: uniqueName('scorer'),
    keyPrefix,
    modelsDir,
    redisUrl,
  };
}

/** The status code a call ends with: OK, or the code of the error it was refused with. */
export function codeOf(p: Promise<unknown>): Promise<status> {
  return p.then(
    () => status.OK,
    (err: ServiceError) => err.code,
  );
}

/** Clients a spec opens as it goes, all closed by one call in its `after`. */
export function clientPool() {
  const open: CreditScoreClient[] = [];
  return {
    client(opts: CreditScoreClientOptions): CreditScoreClient {
      const c = new CreditScoreClient({ deadlineMs: 10_000, ...opts });
      open.push(c);
      return c;
    },
    closeAll(): void {
      for (const c of open.splice(0)) c.close();
    },
  };
}

export function scorerEnv(s: ScorerTestSetup, extra: Record<string, string> = {}): Record<string, string> {
  return {
    KAFKA_BROKERS: (s.brokers ?? TEST_BROKERS).join(','),
    REDIS_URL: s.redisUrl ?? TEST_REDIS_URL,
    REDIS_KEY_PREFIX: s.keyPrefix,
    TOPIC_FEATURES_CHANGED: s.featuresChanged,
    TOPIC_SCORES: s.scores,
    TOPIC_DECISIONS: s.decisions,
    SCORER_GROUP_ID: s.groupId,
    MODELS_DIR: s.modelsDir,
    MODEL_POLL_MS: '100',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    ADMIN_PORT: '0',
    API_KEYS: apiKeysJson(),
    ...extra,
  };
}

export function scorerConfig(s: ScorerTestSetup, extra: Record<string, string> = {}): ScorerConfig {
  return readScorerConfig(scorerEnv(s, extra));
}

export function startScorerInProcess(s: ScorerTestSetup, extra: Record<string, string> = {}) {
  return startScorer(scorerConfig(s, extra));
}

/** The scorer as a child process (one a test can kill -9); set GRPC_PORT and ADMIN_PORT to reach it. */
export function startScorerProcess(
  s: ScorerTestSetup,
  extra: Record<string, string> = {},
  onLine?: (line: string) => void,
) {
  return startService('scorer/main.js', scorerEnv(s, extra), onLine);
}

/** A stored score record for the store and script specs: fixed values, the ones a spec varies given. */
export function testScoreRecord(fields: Partial<ScoreRecord> = {}): ScoreRecord {
  return {
    partition: 0,
    featureVersion: 1,
    modelEpochMs: 1,
    modelVersion: '0123456789abcdef',
    points: 600,
    probabilityOfDefault: 0.02,
    asOfMs: 1_700_000_000_000,
    updatedAtMs: 1_700_000_000_500,
    reasonCodes: ['RC01'],
    ...fields,
  };
}
