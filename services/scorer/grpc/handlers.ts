// The creditscore.v1.CreditScoreService methods. Each unary call: authorize -> validate ->
// work within the deadline -> answer, or a status code from api-error.ts; latency is recorded by
// method and code. No personal data (user or order ids) is logged.
import { status, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from '../../common/logger';
import type { CreditScoreServiceHandlers } from '../../common/proto/generated/creditscore/v1/CreditScoreService';
import type { DecideResponse } from '../../common/proto/generated/creditscore/v1/DecideResponse';
import type { WatchScoresRequest__Output } from '../../common/proto/generated/creditscore/v1/WatchScoresRequest';
import type { WatchScoresResponse } from '../../common/proto/generated/creditscore/v1/WatchScoresResponse';
import type { ScoreStore } from '../score-store';
import type { BatchedScoreReader } from '../batched-score-reader';
import type { ModelHolder } from '../model-holder';
import type { ScorerMetrics } from '../metrics';
import type { WatchHub } from '../watch-hub';
import type { Decider } from '../decide/decider';
import type { StoredDecision } from '../decide/decision-store';
import { scoreMessage, scoreMessageFromEvent } from '../score-view';
import { ApiError, toServiceError } from './api-error';
import type { ApiKey, ApiKeyRing, Scope } from './api-keys';
import type { RateLimiter } from './rate-limiter';
import { authorize } from './authorize';
import { checkDeadline, withinDeadline } from './deadline';
import { checkDecideRequest, checkId, checkUserIds } from './validate';

export interface HandlerDeps {
  scores: ScoreStore;
  /** Single-user reads, coalesced per event-loop turn. */
  scoreReader: BatchedScoreReader;
  models: ModelHolder;
  decider: Decider;
  currencies: readonly string[];
  watch: WatchHub;
  keys: ApiKeyRing;
  limiter: RateLimiter;
  metrics: ScorerMetrics;
  log: Logger;
  maxBatchUsers: number;
  watchMaxBuffered: number;
  /** The serving Redis client's command timeout: a single read settles within it. */
  redisTimeoutMs: number;
}

export function scoringHandlers(deps: HandlerDeps): CreditScoreServiceHandlers {
  const text = (code: string) => deps.models.reasonText(code);

  function unary<Req, Res>(
    method: string,
    scope: Scope,
    work: (req: Req, key: ApiKey, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
  ) {
    // The histogram's child per status code, looked up once rather than by labels on every call.
    const timers = new Map<status, { observe(seconds: number): void }>();
    const timer = (code: status) => {
      let t = timers.get(code);
      if (!t) timers.set(code, (t = deps.metrics.grpcSeconds.labels({ method, code: status[code] })));
      return t;
    };
    return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
      const started = performance.now();
      const done = (code: status) => timer(code).observe((performance.now() - started) / 1000);
      let key: ApiKey;
      try {
        key = authorize(call.metadata, scope, deps.keys, deps.limiter);
        checkDeadline(call);
      } catch (err) {
        return fail(err);
      }
      work(call.request, key, call).then((res) => {
        done(status.OK);
        callback(null, res);
      }, fail);
      function fail(err: unknown) {
        const { error, expected } = toServiceError(err);
        if (!expected) deps.log.error({ err, method }, 'call failed');
        done(error.code!);
        callback(error);
      }
    };
  }

  return {
    GetScore: unary('GetScore', 'scores:read', async (req, _key, call) => {
      const userId = checkId('user_id', req.userId);
      const found = await withinDeadline(call, deps.scoreReader.read(userId), deps.redisTimeoutMs);
      if (!found) throw new ApiError(status.NOT_FOUND, 'no score for this user');
      return { score: scoreMessage(userId, found, text) };
    }),

    BatchGetScores: unary('BatchGetScores', 'scores:read', async (req, _key, call) => {
      const ids = checkUserIds('user_ids', req.userIds, deps.maxBatchUsers, true);
      const found = await withinDeadline(call, deps.scores.read(ids), deps.redisTimeoutMs);
      return {
        scores: ids.flatMap((id) => {
          const r = found.get(id);
          return r ? [scoreMessage(id, r, text)] : [];
        }),
        notFoundUserIds: ids.filter((id) => !found.has(id)),
      };
    }),

    Decide: unary('Decide', 'decisions:write', async (req, key, call) => {
      const input = checkDecideRequest(req, deps.currencies);
      const decision = await withinDeadline(
        call,
        deps.decider.decide(input, key.id, () => checkDeadline(call)),
      );
      return decideResponse(decision);
    }),

    WatchScores: (call: ServerWritableStream<WatchScoresRequest__Output, WatchScoresResponse>) => {
      let users: string[];
      try {
        authorize(call.metadata, 'scores:watch', deps.keys, deps.limiter);
        users = checkUserIds('user_ids', call.request.userIds, deps.maxBatchUsers, true);
      } catch (err) {
        call.emit('error', toServiceError(err).error);
        return;
      }
      deps.metrics.watchers.inc();
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        deps.metrics.watchers.dec();
      };
      const unsubscribe = deps.watch.subscribe(users.length > 0 ? new Set(users) : null, (score) => {
        if (!open) return;
        if (call.writableLength > deps.watchMaxBuffered) {
          close();
          call.emit('error', {
            code: status.RESOURCE_EXHAUSTED,
            details: 'the client reads too slowly; reconnect',
          });
          return;
        }
        call.write({ score: scoreMessageFromEvent(score) });
      });
      call.on('cancelled', close);
      call.on('close', close);
      call.on('error', close);
    },
  };
}

function decideResponse(d: StoredDecision): DecideResponse {
  const e = d.event;
  return {
    decisionId: e.decisionId,
    outcome: `OUTCOME_${e.outcome}`,
    approvedAmountMinor: e.approvedAmountMinor,
    creditLimitMinor: e.creditLimitMinor,
    currency: e.currency,
    reasons: e.reasons,
    score: d.score ?? null,
    thinFile: e.thinFile,
    policyVersion: e.policyVersion,
    decidedAtMs: e.decidedAt,
    maxInstalments: e.maxInstalments,
  };
}
