// Decide, the checkout approval: look up the order's recorded decision (idempotency) and, at the
// same time, the shopper's latest score; apply the policy, record the decision (SET NX) and append
// it to the audit topic (micro-batched with concurrent calls, acknowledged) before answering. Only the call
// that recorded a decision appends it, so the topic holds one record per order (two only if a
// crash or a lost Redis write hit between recording and marking it audited).
import { randomUUID } from 'node:crypto';
import { DependencyError } from '../../common/errors';
import { status } from '@grpc/grpc-js';
import { ApiError } from '../grpc/api-error';
import type { ScoreStore } from '../score-store';
import type { ModelHolder } from '../model-holder';
import type { ScorerMetrics } from '../metrics';
import { scoreMessage } from '../score-view';
import { decisionCodec } from '../scorer-events';
import { applyPolicy, policyVersion, type DecisionPolicy } from './policy';
import type { DecisionStore, StoredDecision } from './decision-store';
import type { CoalescingSender } from '../../common/kafka/coalescing-sender';
import type { Logger } from '../../common/logger';

export interface DecideInput {
  userId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  merchantId: string;
  instalments: number;
}

const codec = decisionCodec();
const AUDIT_WAIT_POLL_MS = 20;
const AUDIT_WAIT_POLLS = 50;
const AUDIT_TAKEOVER_MS = 10_000;

export class Decider {
  readonly policyVersion: string;

  constructor(
    private readonly deps: {
      store: DecisionStore;
      scores: ScoreStore;
      models: ModelHolder;
      policy: DecisionPolicy;
      /** The audit producer's sender (a producer of its own: not behind the scores' batches). */
      audit: CoalescingSender;
      auditTopic: string;
      log: Logger;
      metrics: ScorerMetrics;
      now?: () => number;
    },
  ) {
    this.policyVersion = policyVersion(deps.policy);
  }

  /**
   * @param beforeRecord throws (DEADLINE_EXCEEDED) when the caller has given up: nothing is
   *   recorded after that point, so a retry decides afresh.
   */
  async decide(input: DecideInput, apiKeyId: string, beforeRecord: () => void): Promise<StoredDecision> {
    const fingerprint = fingerprintOf(input);
    // Both reads in one turn, so they share one round trip (and one socket write: the API's Redis
    // client pipelines what is asked in a turn); a replayed order wastes the score read.
    const [existing, found] = await Promise.all([
      this.deps.store.get(input.orderId),
      this.deps.scores.readOne(input.userId),
    ]);
    if (existing) return this.replay(input.orderId, existing, fingerprint);

    const text = (code: string) => this.deps.models.reasonText(code);
    const score = found ? scoreMessage(input.userId, found, text) : undefined;
    const result = applyPolicy(
      this.deps.policy,
      input,
      score && {
        points: score.points!,
        probabilityOfDefault: Number(score.probabilityOfDefault),
        reasons: score.reasons! as { code: string; text: string }[],
      },
    );
    const decision: StoredDecision = {
      fingerprint,
      audited: false,
      score,
      event: {
        decisionId: randomUUID(),
        ...input,
        ...result,
        thinFile: !found,
        points: found?.points ?? null,
        probabilityOfDefault: found?.probabilityOfDefault ?? null,
        modelVersion: found?.modelVersion ?? null,
        featureVersion: found?.featureVersion ?? null,
        policyVersion: this.policyVersion,
        apiKeyId,
        decidedAt: (this.deps.now ?? Date.now)(),
      },
    };
    beforeRecord();
    if (!(await this.deps.store.create(input.orderId, decision))) {
      // Another replica decided this order meanwhile: its decision stands.
      const winner = await this.deps.store.get(input.orderId);
      if (!winner) throw new DependencyError('a decision vanished right after it was recorded');
      return this.replay(input.orderId, winner, fingerprint);
    }
    await this.audit(input.orderId, decision);
    this.deps.metrics.decisions.inc({ outcome: decision.event.outcome });
    return decision;
  }

  /**
   * A decision is only ever answered once it is in the audit topic. A concurrent call for the same
   * order waits briefly for the recording call to append it; a decision left unaudited for longer
   * than AUDIT_TAKEOVER_MS (its replica crashed or gave up) is appended by whoever asks next, so
   * the audit topic may then hold it twice, with the same decisionId (consumers de-duplicate by it).
   */
  private async replay(
    orderId: string,
    stored: StoredDecision,
    fingerprint: string,
  ): Promise<StoredDecision> {
    if (stored.fingerprint !== fingerprint)
      throw new ApiError(status.ALREADY_EXISTS, 'this order id was already decided with other parameters');
    for (let i = 0; !stored.audited && i < AUDIT_WAIT_POLLS; i++) {
      await new Promise((r) => setTimeout(r, AUDIT_WAIT_POLL_MS));
      stored = (await this.deps.store.get(orderId)) ?? stored;
    }
    if (stored.audited) return stored;
    if ((this.deps.now ?? Date.now)() - stored.event.decidedAt < AUDIT_TAKEOVER_MS)
      throw new ApiError(status.UNAVAILABLE, 'the decision of this order is being recorded; retry');
    await this.audit(orderId, stored);
    return { ...stored, audited: true };
  }

  /**
   * Appends the decision to the audit topic and returns once Kafka acknowledged it. Marking it
   * audited in Redis is not waited for: the mark only spares a later call for the same order its
   * wait (or, if the mark is lost, an extra audit record with the same decisionId after
   * AUDIT_TAKEOVER_MS), and waiting would add a Redis round trip to every decision.
   */
  private async audit(orderId: string, d: StoredDecision): Promise<void> {
    await this.deps.audit.send(this.deps.auditTopic, [{ key: orderId, value: codec.encode(d.event) }]);
    this.deps.store
      .markAudited(orderId, d)
      .catch((err: Error) =>
        this.deps.log.warn(
          { err: err.message },
          'marking a decision audited failed (a retry of the order re-audits it)',
        ),
      );
  }
}

function fingerprintOf(i: DecideInput): string {
  return JSON.stringify([i.userId, i.amountMinor, i.currency, i.merchantId, i.instalments]);
}
