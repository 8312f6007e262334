import { expect } from 'chai';
import { z } from 'zod';
import {
  applyPolicy,
  DEFAULT_POLICY,
  policySetting,
  policyVersion,
} from '../../../services/scorer/decide/policy';

describe('decision policy', () => {
  const order = (amountMinor: number, instalments = 3) => ({ amountMinor, currency: 'CNY', instalments });
  const score = (points: number, probabilityOfDefault = 0.02) => ({
    points,
    probabilityOfDefault,
    reasons: [{ code: 'RC01', text: 'x' }],
  });

  it('approves within the band limit and term, with the band limit as credit limit', () => {
    const r = applyPolicy(DEFAULT_POLICY, order(100_000), score(720));
    expect(r).to.deep.include({
      outcome: 'APPROVE',
      approvedAmountMinor: 100_000,
      creditLimitMinor: 2_000_000,
    });
  });

  it('refers an order over the limit or with too long a term', () => {
    expect(applyPolicy(DEFAULT_POLICY, order(900_000), score(650)).outcome).to.equal('REFER');
    const long = applyPolicy(DEFAULT_POLICY, order(1_000, 24), score(600));
    expect(long.outcome).to.equal('REFER');
    expect(long.reasons[0]!.code).to.equal('TERM_TOO_LONG');
  });

  it('declines below the cut-off or above the PD ceiling, with the score reasons', () => {
    const low = applyPolicy(DEFAULT_POLICY, order(100), score(500));
    expect(low.outcome).to.equal('DECLINE');
    expect(low.reasons.map((r) => r.code)).to.deep.equal(['BELOW_CUTOFF', 'RC01']);
    expect(applyPolicy(DEFAULT_POLICY, order(100), score(800, 0.5)).outcome).to.equal('DECLINE');
  });

  it('gives a shopper with no score the thin-file policy', () => {
    const small = applyPolicy(DEFAULT_POLICY, order(10_000, 3), undefined);
    expect(small).to.deep.include({
      outcome: 'APPROVE',
      approvedAmountMinor: 10_000,
      creditLimitMinor: 50_000,
    });
    expect(small.reasons[0]!.code).to.equal('THIN_FILE');
    expect(applyPolicy(DEFAULT_POLICY, order(60_000, 3), undefined).outcome).to.equal('REFER');
  });

  it('is read from JSON, validated, and versioned by content', () => {
    const parse = (s?: string) => z.object({ P: policySetting }).parse({ P: s }).P;
    expect(parse(undefined)).to.deep.equal(DEFAULT_POLICY);
    expect(policyVersion(parse(JSON.stringify(DEFAULT_POLICY)))).to.equal(policyVersion(DEFAULT_POLICY));
    const other = { ...DEFAULT_POLICY, maxProbabilityOfDefault: 0.1 };
    expect(policyVersion(other)).to.not.equal(policyVersion(DEFAULT_POLICY));
    expect(() => parse('{"bands":[]}')).to.throw();
    expect(() => parse('not json')).to.throw();
  });
});
