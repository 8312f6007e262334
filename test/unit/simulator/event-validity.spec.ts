import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Type } from 'avsc';
import { projectPath } from '../../../services/common/paths';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import { validatePurchaseEvent } from '../../../services/common/events/validate-purchase-event';
import { DAY_MS, OBSERVATION_END, options, run } from './fixtures';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function schemaType(file: string): Type {
  return Type.forSchema(JSON.parse(readFileSync(projectPath('schemas', file), 'utf8')));
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Local hour of an event, straight from Intl (independent of the simulator's offset tables). */
function localHour(e: PurchaseEvent, zone: string): number {
  let f = hourFormats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: 'numeric' });
    hourFormats.set(zone, f);
  }
  return Number(f.format(e.eventTime));
}

describe('simulated events', () => {
  const opts = options({ shoppers: 400 });
  const shoppers = run(opts);
  const all = shoppers.flatMap((s) => s.events);
  const periodStart = OBSERVATION_END - 180 * DAY_MS;

  it('are plentiful enough to test: tens of events per shopper', () => {
    expect(all.length / shoppers.length).to.be.within(15, 120);
    expect(new Set(all.map((e) => e.type))).to.deep.equal(new Set(['ORDER', 'RETURN', 'CANCEL']));
  });

  it('fit the v1 Avro schema exactly (types, enums, unions)', () => {
    const v1 = schemaType('purchase-event.v1.avsc');
    for (const e of all) expect(v1.isValid(e), JSON.stringify(e)).to.equal(true);
    expect(all.every((e) => !('discountMinor' in e))).to.equal(true);
  });

  it('fit the v2 schema and its discount semantics when discounts are emitted', () => {
    const v2 = schemaType('purchase-event.v2.avsc');
    const events = run(options({ shoppers: 100, includeDiscounts: true })).flatMap((s) => s.events);
    for (const e of events) {
      expect(v2.isValid(e), JSON.stringify(e)).to.equal(true);
      if (e.type === 'ORDER') expect(e.discountMinor).to.be.a('number').and.at.least(0);
      else expect(e.discountMinor).to.equal(null);
    }
    expect(events.some((e) => (e.discountMinor ?? 0) > 0)).to.equal(true);
  });

  it("pass the pipeline's own semantic validation (no dead letters from the simulator)", () => {
    for (const e of all) validatePurchaseEvent(e, OBSERVATION_END);
  });

  it('have non-negative integer amounts, positive item counts, CNY and v4 UUIDs', () => {
    for (const e of all) {
      expect(Number.isSafeInteger(e.amountMinor) && e.amountMinor >= 0).to.equal(true);
      expect(Number.isInteger(e.itemCount) && e.itemCount >= 1).to.equal(true);
      expect(e.currency).to.equal('CNY');
      expect(e.eventId).to.match(UUID_V4);
    }
  });

  it('have unique event ids across the run and unique order ids per order', () => {
    expect(new Set(all.map((e) => e.eventId)).size).to.equal(all.length);
    const orders = all.filter((e) => e.type === 'ORDER');
    expect(new Set(orders.map((e) => e.orderId)).size).to.equal(orders.length);
  });

  it('lie inside the observation period, after the account opened, sorted per shopper', () => {
    for (const s of shoppers) {
      let previous = -Infinity;
      for (const e of s.events) {
        expect(e.userId).to.equal(s.userId);
        expect(e.eventTime).to.be.at.least(periodStart).and.below(OBSERVATION_END);
        expect(e.eventTime).to.be.at.least(s.traits.accountOpenedAt);
        expect(e.eventTime).to.be.at.least(previous);
        previous = e.eventTime;
      }
    }
  });

  it('cancel or return an earlier order of the same shopper, at most once, never for more', () => {
    let followUps = 0;
    for (const s of shoppers) {
      const orders = new Map<string, PurchaseEvent>();
      const settled = new Set<string>();
      for (const e of s.events) {
        if (e.type === 'ORDER') {
          orders.set(e.orderId, e);
          continue;
        }
        followUps++;
        const order = orders.get(e.orderId);
        expect(order, `${e.type} ${e.orderId} without an earlier order`).to.not.equal(undefined);
        expect(e.eventTime).to.be.greaterThan(order!.eventTime);
        expect(settled.has(e.orderId)).to.equal(false);
        settled.add(e.orderId);
        expect(e.amountMinor).to.be.at.most(order!.amountMinor);
        expect(e.itemCount).to.be.at.most(order!.itemCount);
        expect([e.merchantId, e.category, e.paymentMethod]).to.deep.equal([
          order!.merchantId,
          order!.category,
          order!.paymentMethod,
        ]);
        if (e.type === 'CANCEL') expect(e.amountMinor).to.equal(order!.amountMinor);
      }
    }
    expect(followUps).to.be.greaterThan(100);
  });

  it("follow the shopper's local clock, not UTC (evening peak in every zone)", () => {
    const byZone = new Map<string, number[]>();
    for (const s of run(options({ shoppers: 1500 }))) {
      const hours = byZone.get(s.traits.homeTimeZone) ?? new Array<number>(24).fill(0);
      for (const e of s.events) if (e.timeZone !== null) hours[localHour(e, s.traits.homeTimeZone)]++;
      byZone.set(s.traits.homeTimeZone, hours);
    }
    let zonesChecked = 0;
    for (const [zone, hours] of byZone) {
      const total = hours.reduce((a, b) => a + b, 0);
      if (total < 300) continue;
      zonesChecked++;
      const evening = hours[19] + hours[20] + hours[21] + hours[22];
      const earlyMorning = hours[3] + hours[4] + hours[5] + hours[6];
      expect(evening, zone).to.be.greaterThan(4 * earlyMorning);
    }
    expect(zonesChecked).to.be.at.least(2); // Shanghai plus at least one zone far from UTC+8
  });

  it('carry the home time zone (or null for a small share) on every event', () => {
    for (const s of shoppers)
      for (const e of s.events) expect([null, s.traits.homeTimeZone]).to.include(e.timeZone);
    const nulls = all.filter((e) => e.timeZone === null).length / all.length;
    expect(nulls).to.be.within(0.005, 0.06);
  });
});
