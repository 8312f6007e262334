// Point-in-time training rows: nothing at or after the cut-off ever enters a vector, vectors are
// taken as of the observation date, and the offline replay gives bit-identical vectors to the
// updater's path (planBatch per Kafka batch, state encoded and decoded around every batch as in Redis).
import { expect } from 'chai';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import {
  FEATURE_INDEX,
  apply,
  decodeState,
  emptyState,
  encodeState,
  extract,
  type ProfileState,
} from '../../../services/common/features';
import { planBatch, type StoredState } from '../../../services/feature-updater/plan-batch';
import {
  UPDATER_APPLY_OPTIONS,
  emptyReplayCounts,
  pointInTimeVector,
  replayUntil,
} from '../../../services/trainer/point-in-time';
import { buildPointInTimeDataset } from '../../../services/trainer/dataset/point-in-time-dataset';
import {
  simulateShoppers,
  type SimulatedShopper,
} from '../../../services/trainer/simulator/simulate-shoppers';

const OBSERVATION_END = Date.UTC(2024, 11, 1);
const DAY_MS = 86_400_000;
const shoppers: SimulatedShopper[] = [
  ...simulateShoppers({ seed: 424242, shoppers: 120, observationEnd: OBSERVATION_END }),
];

function bits(v: Float64Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** An independent reference: pure apply() over the events strictly before the cut-off. */
function referenceVector(events: readonly PurchaseEvent[], asOf: number): Float64Array {
  let state: ProfileState = emptyState();
  for (const e of events.filter((x) => x.eventTime < asOf))
    state = apply(state, e, UPDATER_APPLY_OPTIONS).state;
  return extract(state, asOf);
}

/** Deterministic small PRNG for batch sizes. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('trainer: point-in-time replay', () => {
  const active = shoppers.filter((s) => s.events.length >= 10);

  it('the simulated shoppers have enough history to test with', () => {
    expect(active.length).to.be.greaterThan(60);
  });

  it('a mid-period cut-off uses exactly the events before it, and counts the rest', () => {
    const cutoff = OBSERVATION_END - 60 * DAY_MS;
    let skipped = 0;
    for (const s of active) {
      const counts = emptyReplayCounts();
      const v = pointInTimeVector(s.events, cutoff, UPDATER_APPLY_OPTIONS, counts);
      expect(bits(v).equals(bits(referenceVector(s.events, cutoff))), s.userId).to.equal(true);
      const after = s.events.filter((e) => e.eventTime >= cutoff).length;
      expect(counts.afterCutoff).to.equal(after);
      expect(counts.applied + counts.duplicate + counts.tooLate).to.equal(s.events.length - after);
      skipped += after;
    }
    expect(skipped, 'the cut-off must actually cut something').to.be.greaterThan(100);
  });

  it('events after the cut-off never change the vector, wherever they sit in the input', () => {
    const cutoff = OBSERVATION_END - 30 * DAY_MS;
    for (const s of active.slice(0, 40)) {
      const before = s.events.filter((e) => e.eventTime < cutoff);
      const clean = pointInTimeVector(before, cutoff);
      // A huge spree after the cut-off, at the cut-off itself (exclusive), and one placed FIRST in
      // the input (an unsorted source must not leak either).
      const future = (t: number, i: number): PurchaseEvent => ({
        ...s.events[0],
        eventId: `future-${s.userId}-${i}`,
        orderId: `future-order-${i}`,
        eventTime: t,
        type: 'ORDER',
        amountMinor: 5_000_000,
        paymentMethod: 'INSTALMENT_CREDIT',
        category: 'VIRTUAL_GOODS',
      });
      const leaky = [
        future(cutoff + DAY_MS, 0),
        ...s.events,
        future(cutoff, 1),
        future(cutoff + 2 * DAY_MS, 2),
      ];
      const counts = emptyReplayCounts();
      const v = pointInTimeVector(leaky, cutoff, UPDATER_APPLY_OPTIONS, counts);
      expect(bits(v).equals(bits(clean)), s.userId).to.equal(true);
      expect(counts.afterCutoff).to.equal(leaky.length - before.length);
    }
  });

  it('a shopper whose events all come after the cut-off gets the empty vector', () => {
    const s = active[0];
    const v = pointInTimeVector(s.events, s.events[0].eventTime);
    expect(Array.from(v).every((x) => x === 0)).to.equal(true);
  });

  it('vectors are as of the observation date, not as of the last event', () => {
    let quiet = 0;
    for (const s of active) {
      const last = s.events[s.events.length - 1].eventTime;
      const v = pointInTimeVector(s.events, OBSERVATION_END);
      const daysQuiet = (OBSERVATION_END - Math.floor(last / 1000) * 1000) / DAY_MS;
      expect(v[FEATURE_INDEX.days_since_last_event]).to.be.closeTo(daysQuiet, 1e-6);
      if (daysQuiet > 7) {
        quiet++;
        // Decayed windows keep decaying until the as-of time: a quiet shopper's 7-day spend is lower
        // than it was at the last event.
        const atLast = extract(replayUntil(s.events, OBSERVATION_END), last);
        expect(v[FEATURE_INDEX.spend_7d]).to.be.lessThan(atLast[FEATURE_INDEX.spend_7d]);
      }
    }
    expect(quiet).to.be.greaterThan(5);
  });

  it("on request, reads vectors at each shopper's last event instead (a last-event scorer's convention)", () => {
    for (const s of active.slice(0, 30)) {
      const v = pointInTimeVector(
        s.events,
        OBSERVATION_END,
        UPDATER_APPLY_OPTIONS,
        undefined,
        undefined,
        'last-event',
      );
      const state = replayUntil(s.events, OBSERVATION_END);
      const last = s.events[s.events.length - 1].eventTime;
      expect(bits(v).equals(bits(extract(state, Math.floor(last / 1000) * 1000)))).to.equal(true);
      expect(v[FEATURE_INDEX.days_since_last_event]).to.equal(0);
    }
  });

  it('equals the updater path: Kafka-ordered batches through planBatch, state encoded between batches', () => {
    const rnd = prng(99);
    // One partition carrying every shopper, in event-time order (ties: shopper order), as the
    // simulator's live feed sends them.
    const stream = shoppers
      .flatMap((s, k) => s.events.map((e, i) => ({ e, k, i })))
      .sort((a, b) => a.e.eventTime - b.e.eventTime || a.k - b.k || a.i - b.i)
      .map((x) => x.e);
    const redis = new Map<string, { offset: number; bytes: Buffer }>();
    let offset = 0;
    let batches = 0;
    while (offset < stream.length) {
      const size = 1 + Math.floor(rnd() * 400);
      const messages = stream.slice(offset, offset + size).map((event, j) => ({
        offset: offset + j,
        timestamp: event.eventTime,
        decoded: { ok: true as const, event },
      }));
      const stored = new Map<string, StoredState>();
      for (const m of messages) {
        const row = redis.get(m.decoded.event.userId);
        if (row)
          stored.set(m.decoded.event.userId, {
            partition: 0,
            offset: row.offset,
            state: decodeState(row.bytes),
          });
      }
      const plan = planBatch(0, messages, stored, UPDATER_APPLY_OPTIONS);
      for (const w of plan.writes) redis.set(w.userId, { offset: w.offset, bytes: encodeState(w.state) });
      offset += size;
      batches++;
    }
    expect(batches).to.be.greaterThan(10);

    let compared = 0;
    for (const s of shoppers) {
      const online = redis.get(s.userId);
      const offline = pointInTimeVector(s.events, OBSERVATION_END);
      const onlineVector = extract(online ? decodeState(online.bytes) : emptyState(), OBSERVATION_END);
      expect(bits(onlineVector).equals(bits(offline)), s.userId).to.equal(true);
      compared++;
    }
    expect(compared).to.equal(shoppers.length);
  });

  it('the data set builder streams shoppers into rows with labels and both ceilings', async () => {
    const ds = await buildPointInTimeDataset(shoppers, { asOfMs: OBSERVATION_END });
    expect(ds.X.rows).to.equal(shoppers.length);
    expect(ds.counts.events).to.equal(shoppers.reduce((n, s) => n + s.events.length, 0));
    expect(ds.counts.afterCutoff).to.equal(0);
    shoppers.forEach((s, r) => {
      const row = ds.X.data.subarray(r * ds.X.cols, (r + 1) * ds.X.cols);
      expect(bits(row).equals(bits(pointInTimeVector(s.events, OBSERVATION_END)))).to.equal(true);
      expect(ds.y[r]).to.equal(s.defaulted ? 1 : 0);
      expect(ds.trueProbability[r]).to.equal(s.trueDefaultProbability);
      expect(ds.observableProbability[r]).to.be.within(0, 1);
    });
  });
});
