import { expect } from 'chai';
import { auc } from '../../../services/trainer/evaluation/auc';
import { trueDefaultProbability } from '../../../services/trainer/simulator/default-model';
import { options, OBSERVATION_END, run } from './fixtures';

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

  it('leave a visible trace in behaviour: defaulters use instalment credit more', () => {
    const instalmentShare = (list: typeof shoppers): number => {
      const orders = list.flatMap((s) => s.events.filter((e) => e.type === 'ORDER'));
      return orders.filter((e) => e.paymentMethod === 'INSTALMENT_CREDIT').length / orders.length;
    };
    const defaulters = shoppers.filter((s) => s.defaulted);
    const others = shoppers.filter((s) => !s.defaulted);
    expect(instalmentShare(defaulters)).to.be.greaterThan(1.3 * instalmentShare(others));
  });
});
