// apply() with hand-computed expectations: decay over known gaps, window boundaries, late and
// too-late events, duplicates, returns and cancellations, mixes, purity.
import { expect } from 'chai';
import { ConfigError, InvalidEventError } from '../../../services/common/errors';
import {
  FEATURE_NAMES,
  RECENT_ID_COUNT,
  apply,
  applyInPlace,
  cloneState,
  emptyState,
  extract,
  latestEventTimeMs,
  type ApplyOptions,
  type ProfileState,
} from '../../../services/common/features';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import { DAY_MS, HOUR_MS, T0, feature, order } from './fixtures';

function applyAll(
  events: PurchaseEvent[],
  opts?: ApplyOptions,
  start: ProfileState = emptyState(),
): ProfileState {
  let s = start;
  for (const e of events) {
    const r = apply(s, e, opts);
    expect(r.outcome, e.eventId).to.equal('applied');
    s = r.state;
  }
  return s;
}

const cny = (amount: number) => Math.round(amount * 100);
/** Relative tolerance for values that went through a few float32 roundings. */
const near = (expected: number) => Math.max(1e-9, Math.abs(expected) * 2e-6);

describe('features: apply()', () => {
  describe('one order', () => {
    it('counts 1 in every window and takes the amount as CNY (minor units / 100)', () => {
      const s = applyAll([order({ amountMinor: 12_345 })]);
      for (const name of ['orders_1h', 'orders_1d', 'orders_7d', 'orders_30d', 'orders_90d'] as const) {
        expect(feature(s, T0, name), name).to.equal(1);
      }
      for (const name of [
        'spend_1d',
        'spend_7d',
        'spend_30d',
        'spend_90d',
        'basket_avg_90d',
        'basket_max_90d',
      ] as const) {
        expect(feature(s, T0, name), name).to.be.closeTo(123.45, 1e-5);
      }
      expect(feature(s, T0, 'basket_std_90d')).to.equal(0);
      expect(feature(s, T0, 'orders_lifetime')).to.equal(1);
      expect(feature(s, T0, 'tenure_days')).to.equal(0);
      expect(feature(s, T0, 'days_since_last_event')).to.equal(0);
      expect(feature(s, T0, 'distinct_merchants')).to.equal(1);
      expect(feature(s, T0, 'distinct_devices')).to.equal(1);
      expect(latestEventTimeMs(s)).to.equal(T0);
    });
  });

  describe('decay over known gaps', () => {
    it('two orders at the same instant (dt = 0): plain sums, mean 75, std 25, max 100', () => {
      const s = applyAll([
        order({ amountMinor: cny(100), merchantId: 'm-1' }),
        order({ amountMinor: cny(50), merchantId: 'm-2' }),
      ]);
      for (const name of ['spend_1d', 'spend_7d', 'spend_30d', 'spend_90d'] as const) {
        expect(feature(s, T0, name), name).to.equal(150);
      }
      expect(feature(s, T0, 'orders_1d')).to.equal(2);
      expect(feature(s, T0, 'basket_avg_90d')).to.equal(75);
      // Weighted (population) variance: ((100-75)^2 + (50-75)^2) / 2 = 625.
      expect(feature(s, T0, 'basket_std_90d')).to.equal(25);
      expect(feature(s, T0, 'basket_max_90d')).to.equal(100);
      expect(feature(s, T0, 'mean_order_gap_days')).to.equal(0);
    });

    it('orders of 100 then 50 one day apart: each window decays the older one by exp(-1 d / tau)', () => {
      const s = applyAll([
        order({ amountMinor: cny(100) }),
        order({ amountMinor: cny(50), eventTime: T0 + DAY_MS }),
      ]);
      const at = T0 + DAY_MS;
      // By hand: 100 e^-1 + 50 = 86.78794; 100 e^-(1/7) + 50 = 136.68778; 100 e^-(1/30) + 50 = 146.72161.
      expect(feature(s, at, 'spend_1d')).to.be.closeTo(86.78794, 1e-4);
      expect(feature(s, at, 'spend_7d')).to.be.closeTo(136.68778, 1e-4);
      expect(feature(s, at, 'spend_30d')).to.be.closeTo(146.72161, 1e-4);
      // And by formula.
      const w = (tau: number) => Math.exp(-1 / tau);
      expect(feature(s, at, 'spend_1d')).to.be.closeTo(100 * w(1) + 50, near(86.8));
      expect(feature(s, at, 'orders_7d')).to.be.closeTo(w(7) + 1, near(2));
      expect(feature(s, at, 'orders_90d')).to.be.closeTo(w(90) + 1, near(2));
      expect(feature(s, at, 'spend_90d')).to.be.closeTo(100 * w(90) + 50, near(150));
      // e^-24 is below float32 resolution next to 1.
      expect(feature(s, at, 'orders_1h')).to.equal(1);
      const mean = (100 * w(90) + 50) / (w(90) + 1);
      const variance = (w(90) * (100 - mean) ** 2 + (50 - mean) ** 2) / (w(90) + 1);
      expect(feature(s, at, 'basket_avg_90d')).to.be.closeTo(mean, near(mean)); // 74.861
      expect(feature(s, at, 'basket_std_90d')).to.be.closeTo(Math.sqrt(variance), 1e-4); // 24.9997
      expect(feature(s, at, 'basket_max_90d')).to.be.closeTo(100 * w(90), near(100)); // 98.895 > 50
      expect(feature(s, at, 'mean_order_gap_days')).to.equal(1);

      // Half a day later everything decays further, at extract time only.
      const later = at + 12 * HOUR_MS;
      expect(feature(s, later, 'spend_1d')).to.be.closeTo((100 * w(1) + 50) * Math.exp(-0.5), near(52.6)); // 52.6393
      expect(feature(s, later, 'days_since_last_event')).to.equal(0.5);
      expect(feature(s, later, 'days_since_last_order')).to.equal(0.5);
      expect(feature(s, later, 'tenure_days')).to.equal(1.5);
      expect(feature(s, later, 'basket_avg_90d')).to.equal(feature(s, at, 'basket_avg_90d'));
    });
  });

  describe('window boundaries (decayed, so soft)', () => {
    it('an order counts exp(-1) at age = window and never falls off a cliff', () => {
      const s = applyAll([order({ amountMinor: cny(100) })]);
      expect(feature(s, T0 + HOUR_MS, 'orders_1h')).to.be.closeTo(Math.exp(-1), 1e-7);
      expect(feature(s, T0 + DAY_MS, 'orders_1d')).to.be.closeTo(Math.exp(-1), 1e-7);
      const week = T0 + 7 * DAY_MS;
      expect(feature(s, week, 'orders_7d')).to.be.closeTo(0.3678794, 1e-7);
      expect(feature(s, week, 'spend_7d')).to.be.closeTo(36.78794, 1e-5);
      expect(feature(s, week, 'orders_1d')).to.be.closeTo(Math.exp(-7), 1e-9); // 0.000912
      expect(feature(s, week, 'orders_30d')).to.be.closeTo(Math.exp(-7 / 30), 1e-7); // 0.79189
      expect(feature(s, T0 + 30 * DAY_MS, 'orders_30d')).to.be.closeTo(Math.exp(-1), 1e-7);
      expect(feature(s, T0 + 90 * DAY_MS, 'orders_90d')).to.be.closeTo(Math.exp(-1), 1e-7);
      const justInside = feature(s, week - 1000, 'orders_7d');
      const justOutside = feature(s, week + 1000, 'orders_7d');
      expect(justInside - justOutside).to.be.lessThan(1e-5);
    });

    it('a steady daily order settles at 1 / (1 - exp(-1 / window days)) ~ window + 1/2', () => {
      const events = Array.from({ length: 365 }, (_, d) =>
        order({ amountMinor: cny(10), eventTime: T0 + d * DAY_MS }),
      );
      const s = applyAll(events);
      const at = T0 + 364 * DAY_MS;
      // Geometric series: sum over the 365 daily orders of exp(-age / window).
      const settled = (days: number) => (1 - Math.exp(-365 / days)) / (1 - Math.exp(-1 / days));
      for (const [name, days] of [
        ['orders_7d', 7],
        ['orders_30d', 30],
        ['orders_90d', 90],
      ] as const) {
        expect(feature(s, at, name), name).to.be.closeTo(settled(days), settled(days) * 1e-5);
      }
      expect(feature(s, at, 'orders_7d')).to.be.closeTo(7.51, 0.01);
      expect(feature(s, at, 'orders_30d')).to.be.closeTo(30.5, 0.01);
      expect(feature(s, at, 'spend_30d')).to.be.closeTo(305, 0.1);
      expect(feature(s, at, 'mean_order_gap_days')).to.equal(1);
      expect(feature(s, at, 'basket_avg_90d')).to.be.closeTo(10, 1e-5);
      expect(feature(s, at, 'basket_std_90d')).to.be.closeTo(0, 1e-2);
      const rateRatio = settled(7) / 7 / (settled(90) / 90);
      expect(feature(s, at, 'spend_rate_ratio_7d_90d')).to.be.closeTo(rateRatio, 1e-4); // ~1.07: steady
    });
  });

  describe('out-of-order events', () => {
    const a = order({
      eventId: 'A',
      amountMinor: cny(100),
      eventTime: T0,
      category: 'GROCERY',
      merchantId: 'm-1',
    });
    const b = order({
      eventId: 'B',
      amountMinor: cny(50),
      eventTime: T0 + DAY_MS,
      category: 'GAMING',
      merchantId: 'm-2',
    });

    it('a late event within the lateness is applied at its own event time', () => {
      const inOrder = applyAll([a, b]);
      const late = applyAll([b, a]);
      expect(latestEventTimeMs(late)).to.equal(T0 + DAY_MS);
      const at = T0 + 2 * DAY_MS;
      const x = extract(inOrder, at);
      const y = extract(late, at);
      FEATURE_NAMES.forEach((name, i) => {
        // Sums, means, variances and maxima agree up to float32 rounding; shares up to 1/65535.
        expect(y[i], name).to.be.closeTo(x[i], Math.max(2e-6 * Math.abs(x[i]), 2 / 65535));
      });
      // Times, counters and sketches are order independent exactly.
      for (const name of [
        'tenure_days',
        'days_since_last_event',
        'days_since_last_order',
        'mean_order_gap_days',
        'orders_lifetime',
        'distinct_merchants',
        'distinct_devices',
      ] as const) {
        expect(feature(late, at, name), name).to.equal(feature(inOrder, at, name));
      }
      expect(feature(late, at, 'tenure_days')).to.equal(2);
    });

    it('an event more than allowedLatenessMs behind the latest is too_late and changes nothing', () => {
      const s = applyAll([order({ eventTime: T0 + 10 * DAY_MS })]);
      const snapshot = cloneState(s);
      const r = apply(s, order({ eventTime: T0 + 2 * DAY_MS }));
      expect(r.outcome).to.equal('too_late');
      expect(r.state).to.equal(s);
      expect(s).to.deep.equal(snapshot);
      expect(applyInPlace(s, order({ eventTime: T0 + 2 * DAY_MS }))).to.equal('too_late');
      expect(s).to.deep.equal(snapshot);
    });

    it('exactly the allowed lateness is still applied; one second more is not (whole seconds)', () => {
      const s = applyAll([order({ eventTime: T0 + 10 * DAY_MS })]);
      expect(apply(s, order({ eventTime: T0 + 3 * DAY_MS })).outcome).to.equal('applied');
      expect(apply(s, order({ eventTime: T0 + 3 * DAY_MS - 1000 })).outcome).to.equal('too_late');
      // Event times are floored to seconds: 7 days and 0.5 s late is 7 days and 1 s in the state.
      expect(apply(s, order({ eventTime: T0 + 3 * DAY_MS - 500 })).outcome).to.equal('too_late');
    });

    it('allowedLatenessMs is configurable (and Infinity accepts everything)', () => {
      const s = applyAll([order({ eventTime: T0 + 10 * DAY_MS })]);
      expect(
        apply(s, order({ eventTime: T0 + 2 * DAY_MS }), { allowedLatenessMs: 9 * DAY_MS }).outcome,
      ).to.equal('applied');
      expect(
        apply(s, order({ eventTime: T0 + 2 * DAY_MS }), { allowedLatenessMs: HOUR_MS }).outcome,
      ).to.equal('too_late');
      expect(
        apply(s, order({ eventTime: T0 - 900 * DAY_MS }), { allowedLatenessMs: Infinity }).outcome,
      ).to.equal('applied');
    });

    it('a late event moves first-seen back', () => {
      const s = applyAll([order({ eventTime: T0 + 5 * DAY_MS }), order({ eventTime: T0 })]);
      expect(feature(s, T0 + 5 * DAY_MS, 'tenure_days')).to.equal(5);
      expect(feature(s, T0 + 5 * DAY_MS, 'days_since_last_order')).to.equal(0);
    });
  });

  describe('duplicates', () => {
    it('an event id already in the ring is a duplicate; the state is returned unchanged', () => {
      const e = order({ eventId: 'dup-1' });
      const s = applyAll([e]);
      const r = apply(s, e);
      expect(r.outcome).to.equal('duplicate');
      expect(r.state).to.equal(s);
      // The id is the identity, whatever the payload says.
      expect(apply(s, { ...e, amountMinor: 1, eventTime: T0 + DAY_MS }).outcome).to.equal('duplicate');
      expect(feature(s, T0, 'orders_lifetime')).to.equal(1);
    });

    it(`the ring remembers the last ${RECENT_ID_COUNT} applied ids (older ids are the offset check's job)`, () => {
      const first = order({ eventId: 'first' });
      const others = Array.from({ length: RECENT_ID_COUNT }, (_, i) =>
        order({ eventTime: T0 + (i + 1) * 1000 }),
      );
      let s = applyAll([first, ...others.slice(0, RECENT_ID_COUNT - 1)]);
      expect(apply(s, first).outcome).to.equal('duplicate');
      s = applyAll([others[RECENT_ID_COUNT - 1]!], undefined, s);
      expect(apply(s, first).outcome).to.equal('applied');
    });

    it('duplicate is checked before lateness (a re-sent old event is a duplicate, not too late)', () => {
      const old = order({ eventId: 'old', eventTime: T0 });
      const s = applyAll([old, order({ eventTime: T0 + 7 * DAY_MS + 5000 })]);
      expect(apply(s, old).outcome).to.equal('duplicate');
    });
  });

  describe('returns and cancellations', () => {
    it('count and amount separately from spend; rates per order', () => {
      const s = applyAll([
        order({ amountMinor: cny(200) }),
        order({ amountMinor: cny(100) }),
        order({ type: 'RETURN', amountMinor: cny(50), deviceId: 'd-2' }),
      ]);
      expect(feature(s, T0, 'spend_1d')).to.equal(300); // gross order spend, returns do not subtract
      expect(feature(s, T0, 'orders_90d')).to.equal(2);
      expect(feature(s, T0, 'returns_90d')).to.equal(1);
      expect(feature(s, T0, 'return_amount_90d')).to.equal(50);
      expect(feature(s, T0, 'return_rate_90d')).to.equal(0.5);
      expect(feature(s, T0, 'return_amount_ratio_90d')).to.be.closeTo(50 / 300, 1e-7);
      expect(feature(s, T0, 'cancels_90d')).to.equal(0);
      expect(feature(s, T0, 'days_since_last_order')).to.equal(0);

      const t = applyAll(
        [order({ type: 'CANCEL', amountMinor: cny(30), eventTime: T0 + DAY_MS })],
        undefined,
        s,
      );
      const at = T0 + DAY_MS;
      const w = Math.exp(-1 / 90); // 0.988950
      expect(feature(t, at, 'cancels_90d')).to.equal(1);
      expect(feature(t, at, 'cancel_amount_90d')).to.equal(30);
      expect(feature(t, at, 'cancel_rate_90d')).to.be.closeTo(1 / (2 * w), near(0.5)); // 0.505587
      expect(feature(t, at, 'returns_90d')).to.be.closeTo(w, near(1));
      expect(feature(t, at, 'orders_lifetime')).to.equal(2);
      expect(feature(t, at, 'days_since_last_order')).to.equal(1);
      expect(feature(t, at, 'days_since_last_event')).to.equal(0);
      expect(feature(t, at, 'distinct_devices')).to.be.closeTo(2, 0.05); // d-1 and d-2 (returns count too)
    });

    it('with fewer than one order in the window the rate divides by 1', () => {
      const s = applyAll([order({ type: 'RETURN', amountMinor: cny(40) })]);
      expect(feature(s, T0, 'return_rate_90d')).to.equal(1);
      expect(feature(s, T0, 'return_amount_ratio_90d')).to.equal(40);
      expect(feature(s, T0, 'orders_lifetime')).to.equal(0);
      expect(feature(s, T0, 'other_spend_share_90d')).to.equal(0);
    });
  });

  describe('mixes and velocity', () => {
    it('category, instalment and cash-on-delivery shares', () => {
      const s = applyAll([
        order({ amountMinor: cny(100), category: 'GROCERY', paymentMethod: 'WALLET' }),
        order({ amountMinor: cny(300), category: 'GAMING', paymentMethod: 'INSTALMENT_CREDIT' }),
        order({ amountMinor: cny(100), category: 'ELECTRONICS', paymentMethod: 'CASH_ON_DELIVERY' }),
      ]);
      const tol = 2 / 65535; // shares are stored in 16 bits
      expect(feature(s, T0, 'essentials_spend_share_90d')).to.be.closeTo(0.2, tol);
      expect(feature(s, T0, 'electronics_spend_share_90d')).to.be.closeTo(0.2, tol);
      expect(feature(s, T0, 'virtual_gaming_spend_share_90d')).to.be.closeTo(0.6, tol);
      expect(feature(s, T0, 'luxury_spend_share_90d')).to.equal(0);
      expect(feature(s, T0, 'other_spend_share_90d')).to.be.closeTo(0, tol);
      expect(feature(s, T0, 'instalment_spend_share_90d')).to.be.closeTo(0.6, tol);
      expect(feature(s, T0, 'cod_order_share_90d')).to.be.closeTo(1 / 3, tol);
      // T0 is Thursday 12:00 in Shanghai.
      expect(feature(s, T0, 'night_order_share_90d')).to.equal(0);
      expect(feature(s, T0, 'weekend_order_share_90d')).to.equal(0);
    });

    it('shares keep their value as time passes (ratios of sums that decay alike)', () => {
      const s = applyAll([
        order({ amountMinor: cny(100), category: 'JEWELRY_LUXURY' }),
        order({ amountMinor: cny(100), category: 'BOOKS', eventTime: T0 + DAY_MS }),
      ]);
      const w = Math.exp(-1 / 90);
      const luxury = feature(s, T0 + DAY_MS, 'luxury_spend_share_90d');
      expect(luxury).to.be.closeTo(w / (w + 1), 2 / 65535); // 0.49722
      expect(feature(s, T0 + 60 * DAY_MS, 'luxury_spend_share_90d')).to.equal(luxury);
      expect(feature(s, T0 + DAY_MS, 'other_spend_share_90d')).to.be.closeTo(1 / (w + 1), 2 / 65535);
    });

    it('mean order gap, days since last order, and orders in the last hour', () => {
      const s = applyAll([
        order({ eventTime: T0 }),
        order({ eventTime: T0 + 2 * DAY_MS }),
        order({ eventTime: T0 + 6 * DAY_MS }),
        order({ type: 'RETURN', eventTime: T0 + 6.5 * DAY_MS }),
      ]);
      const at = T0 + 7 * DAY_MS;
      expect(feature(s, at, 'mean_order_gap_days')).to.equal(3);
      expect(feature(s, at, 'days_since_last_order')).to.equal(1);
      expect(feature(s, at, 'days_since_last_event')).to.equal(0.5);
      expect(feature(s, at, 'tenure_days')).to.equal(7);

      const burst = applyAll([0, 10, 20].map((m) => order({ eventTime: T0 + m * 60_000 })));
      const t = T0 + 20 * 60_000;
      const expected = Math.exp(-20 / 60) + Math.exp(-10 / 60) + 1; // 2.56312
      expect(feature(burst, t, 'orders_1h')).to.be.closeTo(expected, near(2.6));
    });

    it('before two orders the gap is censored at tenure', () => {
      const s = applyAll([order({ eventTime: T0 })]);
      expect(feature(s, T0 + 4 * DAY_MS, 'mean_order_gap_days')).to.equal(4);
    });
  });

  describe('lifetime habits', () => {
    const tol = 2 / 65535; // means are stored in 16 bits

    it('instalment and credit-card order shares count orders, not amounts; the 90-day one decays', () => {
      const s = applyAll([
        order({ amountMinor: cny(1000), paymentMethod: 'INSTALMENT_CREDIT' }),
        order({ amountMinor: cny(10), paymentMethod: 'CREDIT_CARD', eventTime: T0 + DAY_MS }),
        order({ amountMinor: cny(10), paymentMethod: 'DEBIT_CARD', eventTime: T0 + 200 * DAY_MS }),
      ]);
      const at = T0 + 200 * DAY_MS;
      expect(feature(s, at, 'instalment_order_share_lifetime')).to.be.closeTo(1 / 3, tol);
      expect(feature(s, at, 'credit_card_order_share_lifetime')).to.be.closeTo(1 / 3, tol);
      // 90-day weights e^(-200/90) = 0.108368, e^(-199/90) = 0.109579 and 1: 0.108368 / 1.217947.
      expect(feature(s, at, 'instalment_order_share_90d')).to.be.closeTo(0.088976, 1e-5);
    });

    it('quick cancels: cancellations within 30 minutes of the latest order, per lifetime order', () => {
      const s = applyAll([
        order({ eventTime: T0 }),
        order({ type: 'CANCEL', eventTime: T0 + 10 * 60_000 }), // an unpaid order voided: quick
        order({ eventTime: T0 + DAY_MS }),
        order({ type: 'CANCEL', eventTime: T0 + DAY_MS + 31 * 60_000 }), // a change of mind: not quick
      ]);
      const at = T0 + 2 * DAY_MS;
      expect(feature(s, at, 'quick_cancel_rate_lifetime')).to.equal(0.5);
      expect(feature(s, at, 'cancels_90d')).to.be.greaterThan(1.9); // both count as cancellations
      expect(feature(applyAll([order({ type: 'CANCEL' })]), T0, 'quick_cancel_rate_lifetime')).to.equal(0);
    });

    it('month-day concentration: 1 on the same day of each month, 0 at opposite phases', () => {
      // T0 is 1 October 12:00 in Shanghai: phase 0. 1 November and 1 December too.
      const monthly = applyAll([
        order({ eventTime: T0 }),
        order({ eventTime: Date.UTC(2026, 10, 1, 4) }),
        order({ eventTime: Date.UTC(2026, 11, 1, 4) }),
      ]);
      expect(feature(monthly, Date.UTC(2026, 11, 2), 'month_day_concentration_lifetime')).to.be.closeTo(
        1,
        3 * tol,
      );
      // April has 30 days: the 1st is phase 0, the 16th phase 15/30 = 1/2, the opposite side.
      const opposite = applyAll([
        order({ eventTime: Date.UTC(2026, 3, 1, 4) }),
        order({ eventTime: Date.UTC(2026, 3, 16, 4) }),
      ]);
      expect(feature(opposite, Date.UTC(2026, 3, 17), 'month_day_concentration_lifetime')).to.be.closeTo(
        0,
        3 * tol,
      );
      // 1 and 9 October: angles 0 and 2 pi 8/31; |1 + e^(ia)| / 2 = cos(a / 2) = cos(0.810746) = 0.688967.
      const quarter = applyAll([order({ eventTime: T0 }), order({ eventTime: T0 + 8 * DAY_MS })]);
      expect(feature(quarter, T0 + 9 * DAY_MS, 'month_day_concentration_lifetime')).to.be.closeTo(
        0.688967,
        3e-5,
      );
    });

    it('uses the local calendar: 31 October 17:00 UTC is 1 November in Shanghai', () => {
      const s = applyAll([
        order({ eventTime: Date.UTC(2026, 9, 31, 17) }),
        order({ eventTime: Date.UTC(2026, 11, 1, 4) }),
      ]);
      expect(feature(s, Date.UTC(2026, 11, 2), 'month_day_concentration_lifetime')).to.be.closeTo(1, 3 * tol);
    });
  });

  describe('purity and validation', () => {
    it('apply() never mutates its input; applyInPlace() reaches the same state', () => {
      let s = emptyState();
      const inPlace = emptyState();
      for (let i = 0; i < 50; i++) {
        const e = order({
          eventTime: T0 + i * 7 * HOUR_MS,
          amountMinor: 1000 + 37 * i,
          merchantId: `m-${i % 7}`,
        });
        const before = cloneState(s);
        const r = apply(s, e);
        expect(s).to.deep.equal(before);
        expect(r.state).to.not.equal(s);
        expect(applyInPlace(inPlace, e)).to.equal(r.outcome);
        expect(inPlace).to.deep.equal(r.state);
        s = r.state;
      }
    });

    it('rejects an event validation should have dead-lettered, leaving the state untouched', () => {
      const s = applyAll([order()]);
      const snapshot = cloneState(s);
      for (const bad of [
        order({ amountMinor: -1 }),
        order({ amountMinor: Number.NaN }),
        order({ eventTime: 500 }), // second 0 marks the empty state
        order({ eventTime: Date.UTC(2106, 1, 8) }),
        order({ eventTime: Number.NaN }),
        order({ type: 'REFUND' as PurchaseEvent['type'] }),
      ]) {
        expect(() => apply(s, bad)).to.throw(InvalidEventError);
        expect(() => applyInPlace(s, bad)).to.throw(InvalidEventError);
      }
      expect(s).to.deep.equal(snapshot);
      expect(() => apply(s, order(), { allowedLatenessMs: -1 })).to.throw(ConfigError);
      expect(() => apply(s, order(), { allowedLatenessMs: Number.NaN })).to.throw(ConfigError);
    });
  });
});
