// Local time of day and weekday: the event's IANA zone or the configured default, DST-correct, and
// a memo that never changes an answer.
import { expect } from 'chai';
import { emptyState, apply, type ApplyOptions } from '../../../services/common/features';
import {
  effectiveTimeZone,
  isKnownTimeZone,
  localHour,
  localMonthPhase,
  localWeekday,
  utcOffsetMs,
  utcOffsetMsUncached,
} from '../../../services/common/features/local-time';
import { HOUR_MS, feature, order, prng } from './fixtures';

const at = (iso: string) => Date.parse(iso);
const hours = (h: number) => h * HOUR_MS;

function nightAndWeekend(eventTime: number, timeZone: string | null, opts?: ApplyOptions): [number, number] {
  const s = apply(emptyState(), order({ eventTime, timeZone }), opts).state;
  return [feature(s, eventTime, 'night_order_share_90d'), feature(s, eventTime, 'weekend_order_share_90d')];
}

describe('features: local time', () => {
  it('UTC offsets, including DST transitions to the second and non-hour zones', () => {
    const cases: [string, string, number][] = [
      ['Asia/Shanghai', '2024-01-15T00:00:00Z', 8],
      ['Asia/Shanghai', '2024-07-15T00:00:00Z', 8],
      // New York spring forward 2024-03-10 02:00 EST = 07:00Z; fall back 2024-11-03 02:00 EDT = 06:00Z.
      ['America/New_York', '2024-03-10T06:59:59Z', -5],
      ['America/New_York', '2024-03-10T07:00:00Z', -4],
      ['America/New_York', '2024-11-03T05:59:59Z', -4],
      ['America/New_York', '2024-11-03T06:00:00Z', -5],
      // Half-hour zone with DST at 05:30Z, a half-hour DST shift, a 45-minute zone.
      ['America/St_Johns', '2024-03-10T05:29:59Z', -3.5],
      ['America/St_Johns', '2024-03-10T05:30:00Z', -2.5],
      ['Australia/Lord_Howe', '2024-04-06T14:59:59Z', 11],
      ['Australia/Lord_Howe', '2024-04-06T15:00:00Z', 10.5],
      ['Asia/Kathmandu', '2024-04-06T15:00:00Z', 5.75],
      ['UTC', '2024-04-06T15:00:00Z', 0],
    ];
    for (const [zone, iso, h] of cases)
      expect(utcOffsetMs(zone, at(iso)), `${zone} ${iso}`).to.equal(hours(h));
  });

  it('the memo gives exactly what Intl gives, in any query order', () => {
    const zones = [
      'Asia/Shanghai',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'America/St_Johns',
      'Asia/Kathmandu',
      'America/Sao_Paulo',
      'Africa/Casablanca',
    ];
    const rnd = prng(42);
    const from = Date.UTC(2000, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (let i = 0; i < 4000; i++) {
      const zone = zones[i % zones.length]!;
      const t = from + Math.floor(rnd() * (to - from));
      expect(utcOffsetMs(zone, t), `${zone} ${new Date(t).toISOString()}`).to.equal(
        utcOffsetMsUncached(zone, t),
      );
    }
    // Every second around a transition, walking backwards so the memo is queried out of order.
    for (let t = at('2024-11-03T06:00:30Z'); t >= at('2024-11-03T05:59:30Z'); t -= 1000) {
      expect(utcOffsetMs('America/New_York', t)).to.equal(utcOffsetMsUncached('America/New_York', t));
    }
  });

  it('local hour and weekday from an offset', () => {
    const rnd = prng(7);
    for (let i = 0; i < 1000; i++) {
      const t = Math.floor(rnd() * 4e12);
      const d = new Date(t);
      expect(localHour(t, 0)).to.equal(d.getUTCHours());
      expect(localWeekday(t, 0)).to.equal(d.getUTCDay());
    }
    // 2024-06-02T17:00Z is Sunday 13:00 in New York (EDT) and Monday 01:00 in Shanghai.
    const t = at('2024-06-02T17:00:00Z');
    expect([localHour(t, hours(-4)), localWeekday(t, hours(-4))]).to.deep.equal([13, 0]);
    expect([localHour(t, hours(8)), localWeekday(t, hours(8))]).to.deep.equal([1, 1]);
  });

  it('month phase: (day of month - 1) / days in the month, leap years and local dates included', () => {
    expect(localMonthPhase(at('2024-02-29T12:00:00Z'), 0)).to.equal(28 / 29); // leap February
    expect(localMonthPhase(at('2023-02-28T12:00:00Z'), 0)).to.equal(27 / 28);
    expect(localMonthPhase(at('2100-02-28T12:00:00Z'), 0)).to.equal(27 / 28); // not a leap year
    expect(localMonthPhase(at('2000-02-29T12:00:00Z'), 0)).to.equal(28 / 29); // a leap year
    expect(localMonthPhase(at('2024-12-31T12:00:00Z'), 0)).to.equal(30 / 31);
    expect(localMonthPhase(at('2024-04-16T00:00:00Z'), 0)).to.equal(15 / 30);
    // 2024-04-30T20:00Z is 1 May 04:00 in Shanghai and 30 April 16:00 in New York.
    expect(localMonthPhase(at('2024-04-30T20:00:00Z'), hours(8))).to.equal(0);
    expect(localMonthPhase(at('2024-04-30T20:00:00Z'), hours(-4))).to.equal(29 / 30);
    const rnd = prng(11);
    for (let i = 0; i < 1000; i++) {
      const t = Math.floor(rnd() * 4e12);
      const d = new Date(t);
      const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      expect(localMonthPhase(t, 0), d.toISOString()).to.equal((d.getUTCDate() - 1) / days);
    }
  });

  it('the same instant is night on a weekday in Shanghai and weekend afternoon in New York', () => {
    const t = at('2024-06-02T17:00:00Z');
    expect(nightAndWeekend(t, 'Asia/Shanghai')).to.deep.equal([1, 0]);
    expect(nightAndWeekend(t, 'America/New_York')).to.deep.equal([0, 1]);
    // No zone on the event: the default zone (Asia/Shanghai unless configured), never UTC or the server's.
    expect(nightAndWeekend(t, null)).to.deep.equal([1, 0]);
    expect(nightAndWeekend(t, null, { defaultTimeZone: 'America/New_York' })).to.deep.equal([0, 1]);
  });

  it('across the New York DST start the same UTC time of day changes local hour', () => {
    // 10:30Z on Saturday 2024-03-09 is 05:30 EST (night); on Sunday 2024-03-10 it is 06:30 EDT (not).
    expect(nightAndWeekend(at('2024-03-09T10:30:00Z'), 'America/New_York')).to.deep.equal([1, 1]);
    expect(nightAndWeekend(at('2024-03-10T10:30:00Z'), 'America/New_York')).to.deep.equal([0, 1]);
    // Shanghai has no DST: both are 18:30 local.
    expect(nightAndWeekend(at('2024-03-09T10:30:00Z'), 'Asia/Shanghai')).to.deep.equal([0, 1]);
    expect(nightAndWeekend(at('2024-03-10T10:30:00Z'), 'Asia/Shanghai')).to.deep.equal([0, 1]);
    // Night is local hours 0-5: 05:59:59 is night, 06:00:00 is not (Shanghai = UTC+8).
    expect(nightAndWeekend(at('2024-03-11T21:59:59Z'), 'Asia/Shanghai')).to.deep.equal([1, 0]);
    expect(nightAndWeekend(at('2024-03-11T22:00:00Z'), 'Asia/Shanghai')).to.deep.equal([0, 0]);
    expect(nightAndWeekend(at('2024-03-11T16:00:00Z'), 'Asia/Shanghai')).to.deep.equal([1, 0]); // 00:00
  });

  it('an unknown event zone falls back to the default; an unknown default is a configuration error', () => {
    expect(isKnownTimeZone('Mars/Olympus_Mons')).to.equal(false);
    expect(effectiveTimeZone('Mars/Olympus_Mons', 'Asia/Shanghai')).to.equal('Asia/Shanghai');
    expect(effectiveTimeZone('Europe/London', 'Asia/Shanghai')).to.equal('Europe/London');
    const t = at('2024-06-02T17:00:00Z');
    expect(nightAndWeekend(t, 'Mars/Olympus_Mons')).to.deep.equal([1, 0]);
    expect(() => nightAndWeekend(t, null, { defaultTimeZone: 'Nowhere/Zone' })).to.throw(RangeError);
  });
});
