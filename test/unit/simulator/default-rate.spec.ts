import { expect } from 'chai';
import { auc } from '../../../services/trainer/evaluation/auc';
import { trueDefaultProbability } from '../../../services/trainer/simulator/default-model';
import { DAY_MS, options, OBSERVATION_END, run } from './fixtures';

describe('simulated defaults', () => {
  const shoppers = run(options({ shoppers: 4000, seed: 99 }));
  const p = shoppers.map((s) => s.trueDefaultProbability);
  const y = shoppers.map((s) => (s.defaulted ? 1 : 0));
  const rate = (list: typeof shoppers): number => list.filter((s) => s.defaulted).length / list.length;

  it('have a realistic base rate (~5-10%)', () => {
    expect(rate(shoppers)).to.be.within(0.04, 0.11);
  });

  it('are drawn from the true probabilities (calibrated truth)', () => {
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    expect(rate(shoppers)).to.be.closeTo(meanP, 0.015);
  });

  it('are ranked well above chance by the true probability (the AUC ceiling)', () => {
    const ceiling = auc(p, y);
    expect(ceiling).to.be.within(0.75, 0.95);
  });

  it('are far more frequent among fraudsters', () => {
    const fraud = shoppers.filter((s) => s.traits.fraud !== 'NONE');
    expect(fraud.length / shoppers.length).to.be.within(0.003, 0.02);
    expect(rate(fraud)).to.be.greaterThan(0.6);
  });

  it('rise with financial stress and fall with thrift, other traits equal', () => {
    const base = shoppers.find((s) => s.traits.fraud === 'NONE')!.traits;
    const at = (changes: Partial<typeof base>): number =>
      trueDefaultProbability({ ...base, ...changes }, OBSERVATION_END);
    expect(at({ financialStress: 0.8 })).to.be.greaterThan(at({ financialStress: 0.2 }));
    expect(at({ thrift: 0.9 })).to.be.lessThan(at({ thrift: 0.1 }));
    expect(at({ shockAt: OBSERVATION_END - 86_400_000 })).to.be.greaterThan(at({ shockAt: null }));
  });

  it('rise less after a shock that has ended than during one still going on', () => {
    const base = shoppers.find((s) => s.traits.fraud === 'NONE')!.traits;
    const shockAt = OBSERVATION_END - 100 * DAY_MS;
    const at = (recoveredAt: number | null): number =>
      trueDefaultProbability({ ...base, shockAt, recoveredAt }, OBSERVATION_END);
    const none = trueDefaultProbability({ ...base, shockAt: null, recoveredAt: null }, OBSERVATION_END);
    expect(at(OBSERVATION_END - 10 * DAY_MS)).to.be.greaterThan(none);
    expect(at(OBSERVATION_END + 10 * DAY_MS)).to.be.greaterThan(at(OBSERVATION_END - 10 * DAY_MS));
    expect(at(null)).to.equal(at(OBSERVATION_END + 10 * DAY_MS));
  });

  it('leave a visible trace in behaviour: defaulters use instalment credit more', () => {
    const instalmentShare = (list: typeof shoppers): number => {
      const orders = list.flatMap((s) => s.events.filter((e) => e.type === 'ORDER'));
      return orders.filter((e) => e.paymentMethod === 'INSTALMENT_CREDIT').length / orders.length;
    };
    const defaulters = shoppers.filter((s) => s.defaulted);
    const others = shoppers.filter((s) => !s.defaulted);
    expect(instalmentShare(defaulters)).to.be.greaterThan(1.3 * instalmentShare(others));
  });

  // Financial stress shows in more than instalments: declined payments (an unpaid order voided
  // within minutes) and spending bunched right after payday (paycheck to paycheck).
  const calm = shoppers.filter((s) => s.traits.fraud === 'NONE' && s.traits.shockAt === null);
  const stressed = calm.filter((s) => s.traits.financialStress > 0.6);
  const relaxed = calm.filter((s) => s.traits.financialStress < 0.2);

  it('leave a trace in declined payments: orders voided within 30 minutes', () => {
    const voidedShare = (list: typeof shoppers): number => {
      let orders = 0;
      let voided = 0;
      for (const s of list) {
        const placed = new Map<string, number>();
        for (const e of s.events) {
          if (e.type === 'ORDER') {
            orders++;
            placed.set(e.orderId, e.eventTime);
          } else if (e.type === 'CANCEL' && e.eventTime - placed.get(e.orderId)! <= 30 * 60_000) voided++;
        }
      }
      return voided / orders;
    };
    expect(stressed.length).to.be.greaterThan(100);
    expect(voidedShare(stressed)).to.be.greaterThan(4 * voidedShare(relaxed));
  });

  it('leave a trace in timing: stressed salary earners spend right after payday', () => {
    // Shanghai shoppers paid on the 1st to the 15th: orders on payday and the 6 days after it.
    const afterPayday = (list: typeof shoppers): number => {
      let orders = 0;
      let early = 0;
      for (const s of list) {
        const payday = s.traits.payday;
        if (payday === null || payday > 15 || s.traits.homeTimeZone !== 'Asia/Shanghai') continue;
        for (const e of s.events) {
          if (e.type !== 'ORDER') continue;
          const dayOfMonth = new Date(e.eventTime + 8 * 3_600_000).getUTCDate();
          orders++;
          if (dayOfMonth >= payday && dayOfMonth <= payday + 6) early++;
        }
      }
      return early / orders;
    };
    // 7 days of a 30.4-day month would be 23% for spending spread evenly.
    expect(afterPayday(stressed)).to.be.greaterThan(0.45);
    expect(afterPayday(relaxed)).to.be.lessThan(0.35);
  });
});
