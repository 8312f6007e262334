// The fault suite's verdict, computed without the services' code paths: only the pure feature code
// (apply/extract, the state encoding) and the model's scoring function, which define what is true.
// What it reads: the purchases and dead-letter topics as stored by the broker, the profiles in
// Redis by the documented layout (docs/storage.md), the scores through the public gRPC API, and
// the consumer groups' committed offsets.
import type { Kafka } from 'kafkajs';
import type { Redis } from 'ioredis';
import {
  applyInPlace,
  emptyState,
  encodeState,
  extract,
  latestEventTimeMs,
  type ApplyOptions,
  type ProfileState,
} from '../../services/common/features';
import { score, type LoadedModel } from '../../services/common/model';
import type { KeyBuilder } from '../../services/common/redis/keys';
import { DLQ_HEADERS } from '../../services/common/kafka/dead-letter';
import type { CreditScoreClient } from '../../services/client';
import { groupLag, readToEnd } from '../helpers/kafka';
import { faultStream, SEQ_HEADER, streamLength, type StreamParams } from './stream';

export interface VerdictInput {
  kafka: Kafka;
  topics: { purchases: string; deadLetters: string; featuresChanged: string };
  groups: { updater: string; scorer: string };
  redis: Redis;
  keys: KeyBuilder;
  model: LoadedModel;
  scores: CreditScoreClient;
  stream: StreamParams;
  applyOptions: ApplyOptions;
}

export interface Difference {
  /** The shopper, or `seq <n>` for a message. */
  subject: string;
  what: string;
}

export interface Verdict {
  sent: number;
  applied: number;
  /** Distinct messages dead-lettered, by reason. */
  deadLettered: Record<string, number>;
  /** Dead letters written more than once (at-least-once delivery of dead letters, by design). */
  deadLetterRepeats: number;
  /** Good events the feature code itself ignored (same event id again): none expected. */
  duplicates: number;
  users: number;
  lag: { updater: number; scorer: number };
  differences: Difference[];
}

interface DeadLetter {
  reason: string;
  value: Buffer | null;
  sourceTopic: string;
}

const header = (h: Record<string, unknown> | undefined, name: string) => {
  const v = h?.[name];
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
};

/** Where each message landed in the purchases topic, by sequence number. */
async function scanPurchases(input: VerdictInput, total: number, diffs: Difference[]) {
  const partition = new Int32Array(total).fill(-1);
  const offset = new Float64Array(total).fill(-1);
  const copies = new Uint8Array(total);
  const lastSeqOf = new Map<number, number>();
  await readToEnd(input.kafka, input.topics.purchases, (m, p) => {
    const seq = Number(header(m.headers, SEQ_HEADER));
    if (!Number.isInteger(seq) || seq < 0 || seq >= total) {
      diffs.push({ subject: `offset ${p}:${m.offset}`, what: 'a message the suite never sent' });
      return;
    }
    // Kafka keeps one producer's order per partition; the replay below relies on it.
    if ((lastSeqOf.get(p) ?? -1) > seq)
      diffs.push({ subject: `seq ${seq}`, what: `stored out of order on partition ${p}` });
    lastSeqOf.set(p, seq);
    copies[seq] = Math.min(255, copies[seq]! + 1);
    partition[seq] = p;
    offset[seq] = Number(m.offset);
  });
  return { partition, offset, copies };
}

/** The dead-letter topic, one entry per source message (repeats counted separately). */
async function scanDeadLetters(input: VerdictInput, diffs: Difference[]) {
  const bySeq = new Map<number, DeadLetter>();
  const sources = new Set<string>();
  let repeats = 0;
  await readToEnd(input.kafka, input.topics.deadLetters, (m) => {
    const source = `${header(m.headers, DLQ_HEADERS.partition)}:${header(m.headers, DLQ_HEADERS.offset)}`;
    if (sources.has(source)) {
      repeats++;
      return;
    }
    sources.add(source);
    const seq = Number(header(m.headers, SEQ_HEADER));
    if (!Number.isInteger(seq)) {
      diffs.push({ subject: `dead letter ${source}`, what: 'has no sequence header (headers not kept)' });
      return;
    }
    bySeq.set(seq, {
      reason: header(m.headers, DLQ_HEADERS.reason) ?? '',
      value: m.value,
      sourceTopic: header(m.headers, DLQ_HEADERS.topic) ?? '',
    });
  });
  return { bySeq, repeats };
}

interface Replayed {
  state: ProfileState;
  partition: number;
  /** Offsets of the shopper's last applied event and last event message of any outcome. */
  lastApplied: number;
  lastSeen: number;
}

export async function computeVerdict(input: VerdictInput): Promise<Verdict> {
  const diffs: Difference[] = [];
  const total = streamLength(input.stream);
  const topic = await scanPurchases(input, total, diffs);
  const dead = await scanDeadLetters(input, diffs);
  const deadLettered: Record<string, number> = {};
  const users = new Map<string, Replayed>();
  let applied = 0;
  let duplicates = 0;

  // Replay every message in sending order (= each partition's order, checked above).
  for (const msg of faultStream(input.stream)) {
    const subject = `seq ${msg.seq}`;
    if (topic.copies[msg.seq] !== 1) {
      diffs.push({
        subject,
        what: `stored ${topic.copies[msg.seq]} times in the purchases topic (sent once)`,
      });
      continue;
    }
    const d = dead.bySeq.get(msg.seq);
    dead.bySeq.delete(msg.seq);
    if (d) deadLettered[d.reason] = (deadLettered[d.reason] ?? 0) + 1;
    let allowed: readonly string[] | null | undefined = msg.reasons;
    if (msg.event) {
      const e = msg.event;
      let u = users.get(e.userId);
      if (!u) {
        u = { state: emptyState(), partition: topic.partition[msg.seq]!, lastApplied: -1, lastSeen: -1 };
        users.set(e.userId, u);
      }
      const outcome = applyInPlace(u.state, e, input.applyOptions);
      const at = topic.offset[msg.seq]!;
      u.lastSeen = at;
      if (outcome === 'applied') {
        applied++;
        u.lastApplied = at;
        if (d) diffs.push({ subject, what: `a good event was dead-lettered (${d.reason})` });
        continue;
      }
      if (outcome === 'duplicate') {
        duplicates++;
        continue;
      }
      allowed = ['too_late'];
    }
    if (!d) {
      diffs.push({ subject, what: `${msg.kind} message was not dead-lettered` });
      continue;
    }
    if (allowed && !allowed.includes(d.reason))
      diffs.push({
        subject,
        what: `${msg.kind} dead-lettered as ${d.reason}, expected ${allowed.join(' or ')}`,
      });
    if (d.reason === '') diffs.push({ subject, what: 'dead letter without a reason header' });
    if (d.sourceTopic !== input.topics.purchases)
      diffs.push({ subject, what: `dead letter names source topic ${d.sourceTopic}` });
    if (!sameBytes(d.value, msg.value))
      diffs.push({ subject, what: 'dead letter does not hold the original bytes' });
  }
  for (const seq of dead.bySeq.keys())
    diffs.push({ subject: `seq ${seq}`, what: 'dead-lettered but never sent' });

  await compareProfiles(input, users, diffs);
  await compareScores(input, users, diffs);

  const admin = input.kafka.admin();
  await admin.connect();
  const lag = await Promise.all([
    groupLag(admin, input.groups.updater, input.topics.purchases),
    groupLag(admin, input.groups.scorer, input.topics.featuresChanged),
  ])
    .then(([updater, scorer]) => ({ updater, scorer }))
    .finally(() => admin.disconnect());
  if (lag.updater !== 0)
    diffs.push({ subject: input.groups.updater, what: `consumer group lag ${lag.updater}` });
  if (lag.scorer !== 0)
    diffs.push({ subject: input.groups.scorer, what: `consumer group lag ${lag.scorer}` });
  const deadTotal = Object.values(deadLettered).reduce((a, b) => a + b, 0);
  if (applied + duplicates + deadTotal !== total)
    diffs.push({
      subject: 'counts',
      what: `applied ${applied} + duplicates ${duplicates} + dead-lettered ${deadTotal} != sent ${total}`,
    });
  return {
    sent: total,
    applied,
    deadLettered,
    deadLetterRepeats: dead.repeats,
    duplicates,
    users: users.size,
    lag,
    differences: diffs,
  };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.compare(a, b) === 0;
}

/** A stored profile: 12-byte header (partition u16, offset u48, last event s u32), then the state. */
function parseProfile(record: Buffer): { partition: number; offset: number; state: Buffer } {
  return { partition: record.readUInt16BE(0), offset: record.readUIntBE(2, 6), state: record.subarray(12) };
}

async function compareProfiles(input: VerdictInput, users: Map<string, Replayed>, diffs: Difference[]) {
  const ids = [...users.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const pipe = input.redis.pipeline();
    for (const id of chunk) pipe.hgetBuffer(input.keys.profileBucket(id), id);
    const replies = (await pipe.exec()) ?? [];
    chunk.forEach((id, j) => {
      const [err, raw] = replies[j] ?? [new Error('no reply'), null];
      const expected = users.get(id)!;
      if (err || !raw) return void diffs.push({ subject: id, what: 'no profile in Redis' });
      const stored = parseProfile(raw as Buffer);
      if (!stored.state.equals(encodeState(expected.state)))
        diffs.push({ subject: id, what: 'features differ from the offline replay' });
      if (stored.partition !== expected.partition)
        diffs.push({
          subject: id,
          what: `profile names partition ${stored.partition}, not ${expected.partition}`,
        });
      if (stored.offset < expected.lastApplied || stored.offset > expected.lastSeen)
        diffs.push({
          subject: id,
          what: `profile at offset ${stored.offset}, outside [${expected.lastApplied}, ${expected.lastSeen}]`,
        });
    });
  }
  const storedUsers = await countFields(input.redis, `${input.keys.prefix}:p:*`);
  if (storedUsers !== users.size)
    diffs.push({
      subject: 'profiles',
      what: `Redis holds ${storedUsers} profiles, the replay ${users.size}`,
    });
}

async function compareScores(input: VerdictInput, users: Map<string, Replayed>, diffs: Difference[]) {
  const ids = [...users.keys()];
  const features = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const pipe = input.redis.pipeline();
    for (const id of chunk) pipe.hgetBuffer(input.keys.profileBucket(id), id);
    ((await pipe.exec()) ?? []).forEach(([, raw], j) => {
      if (raw) features.set(chunk[j]!, parseProfile(raw as Buffer).offset);
    });
    const res = await input.scores.batchGetScores(chunk);
    for (const id of res.notFoundUserIds) diffs.push({ subject: id, what: 'no score' });
    for (const s of res.scores) {
      const u = users.get(s.userId)!;
      const asOf = latestEventTimeMs(u.state)!;
      const want = score(input.model, extract(u.state, asOf));
      const got = `${s.points} ${s.probabilityOfDefault} [${s.reasons.map((r) => r.code)}] ${s.modelVersion}`;
      const expected = `${want.points} ${want.probabilityOfDefault} [${want.reasons.map((r) => r.code)}] ${want.modelVersion}`;
      if (got !== expected) diffs.push({ subject: s.userId, what: `score ${got}, expected ${expected}` });
      if (Number(s.asOfMs) !== asOf)
        diffs.push({ subject: s.userId, what: `score as of ${s.asOfMs}, not ${asOf}` });
      const version = features.get(s.userId);
      if (Number(s.featureVersion) !== version)
        diffs.push({
          subject: s.userId,
          what: `score of feature version ${s.featureVersion}, profile at ${version}`,
        });
    }
  }
  const stored = await countFields(input.redis, `${input.keys.prefix}:s:*`);
  if (stored !== users.size)
    diffs.push({ subject: 'scores', what: `Redis holds ${stored} scores, the replay ${users.size} users` });
}

/** Fields over every hash matching the pattern. */
async function countFields(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) {
      const pipe = redis.pipeline();
      for (const k of keys) pipe.hlen(k);
      for (const [, len] of (await pipe.exec()) ?? []) n += Number(len);
    }
    cursor = next;
  } while (cursor !== '0');
  return n;
}
