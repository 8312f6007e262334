// The fault suite's input: a seeded stream of simulated shoppers' purchase events with hostile
// messages mixed in (mutated, random, huge, badly keyed, extreme, too late). Every message carries
// its sequence number in a header, which the broker keeps and the dead-letter topic copies, so the
// verdict can follow each one. Deterministic: the same parameters give the same bytes, so the
// verdict regenerates the stream instead of holding it in memory.
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { mergedEventStream } from '../../services/trainer/simulator';
import { prng } from '../helpers/events';
import { encodeEvent } from '../helpers/pipeline';
import { hostileMessage, HOSTILE_KINDS, type HostileKind } from './hostile';

export const SEQ_HEADER = 'fault.seq';

/** Simulated history ends here (a fixed past instant: event times never depend on the clock). */
export const STREAM_OBSERVATION_END = Date.UTC(2026, 5, 1);

export interface StreamParams {
  seed: number;
  /** Valid simulator events (the good stream). */
  events: number;
  /** Hostile messages mixed in: each must end in the dead-letter topic. */
  hostile: number;
  /** Allowed lateness of the updater under test (too-late events are made just past it). */
  allowedLatenessMs: number;
}

export interface StreamMessage {
  seq: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Set for messages that decode to a valid event: the verdict replays them. */
  event?: PurchaseEvent;
  /** 'good', or the hostile kind. */
  kind: 'good' | HostileKind;
  /**
   * Dead-letter reasons this message may get; null = any reason (random bytes). Undefined for
   * events, whose fate (applied, too late, duplicate) the verdict's replay decides.
   */
  reasons?: readonly string[] | null;
}

/** Messages in the stream for these parameters. */
export function streamLength(p: StreamParams): number {
  return p.events + p.hostile;
}

/**
 * The stream, in sending order. Hostile messages land at seeded random positions; each mutates
 * or imitates the most recent good event, so it carries a real shopper's key (and partition).
 */
export function* faultStream(p: StreamParams): Generator<StreamMessage> {
  const rnd = prng(p.seed ^ 0x5eed);
  const good = mergedEventStream({
    seed: p.seed,
    // ~42 events per shopper over 180 days: more shoppers than that, and the prefix of the
    // time-ordered stream taken here covers most of the period.
    shoppers: Math.max(10, Math.ceil(p.events / 30)),
    observationEnd: STREAM_OBSERVATION_END,
    userIdPrefix: `f${p.seed}-`,
  });
  const latest = new Map<string, number>();
  let recent: PurchaseEvent | undefined;
  let sentGood = 0;
  let sentHostile = 0;
  for (let seq = 0; sentGood + sentHostile < p.events + p.hostile; seq++) {
    const goodLeft = p.events - sentGood;
    const hostileLeft = p.hostile - sentHostile;
    const hostileNext =
      recent !== undefined && hostileLeft > 0 && rnd() * (goodLeft + hostileLeft) < hostileLeft;
    if (!hostileNext) {
      const next = good.next();
      if (next.done) throw new Error(`the simulator ran out of events after ${sentGood}`);
      const e = next.value;
      sentGood++;
      recent = e;
      latest.set(e.userId, Math.max(latest.get(e.userId) ?? -Infinity, e.eventTime));
      yield { seq, key: Buffer.from(e.userId), value: encodeEvent(e), event: e, kind: 'good' };
      continue;
    }
    sentHostile++;
    const kind = HOSTILE_KINDS[Math.floor(rnd() * HOSTILE_KINDS.length)]!;
    const base = recent!;
    yield {
      seq,
      ...hostileMessage(kind, { seq, base, rnd, latestOfUser: latest.get(base.userId)!, ...p }),
    };
  }
}
