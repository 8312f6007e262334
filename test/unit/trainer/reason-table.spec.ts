// The reason table is a public contract: clients and audits key on the codes, so every feature must
// have one, codes must be unique per meaning, and a code may never silently move to another feature.
import { expect } from 'chai';
import { FEATURE_NAMES } from '../../../services/common/features';
import { FALLBACK_REASON, adverseReasons, compileReasons } from '../../../services/common/model/reason-codes';
import {
  ADVERSE_DIRECTION,
  REASON_CONCEPTS,
  REASON_TABLE,
  featuresWithoutReason,
} from '../../../services/trainer/reason-table';

// Pinned on purpose: changing a feature's code is a contract change and must be a deliberate edit here.
const PINNED: Record<string, string> = {
  spend_1d: 'RC12',
  spend_7d: 'RC12',
  spend_30d: 'RC13',
  spend_90d: 'RC13',
  orders_1d: 'RC11',
  orders_7d: 'RC11',
  orders_30d: 'RC11',
  orders_90d: 'RC11',
  orders_lifetime: 'RC11',
  orders_1h: 'RC11',
  mean_order_gap_days: 'RC11',
  spend_rate_ratio_7d_90d: 'RC12',
  days_since_last_event: 'RC15',
  days_since_last_order: 'RC15',
  tenure_days: 'RC09',
  basket_avg_90d: 'RC10',
  basket_max_90d: 'RC10',
  basket_std_90d: 'RC10',
  returns_90d: 'RC08',
  return_amount_90d: 'RC08',
  return_rate_90d: 'RC08',
  return_amount_ratio_90d: 'RC08',
  cancels_90d: 'RC07',
  cancel_amount_90d: 'RC07',
  cancel_rate_90d: 'RC07',
  night_order_share_90d: 'RC04',
  weekend_order_share_90d: 'RC16',
  essentials_spend_share_90d: 'RC22',
  electronics_spend_share_90d: 'RC06',
  luxury_spend_share_90d: 'RC06',
  virtual_gaming_spend_share_90d: 'RC05',
  other_spend_share_90d: 'RC23',
  instalment_spend_share_90d: 'RC01',
  cod_order_share_90d: 'RC02',
  instalment_order_share_90d: 'RC18',
  instalment_order_share_lifetime: 'RC18',
  credit_card_order_share_lifetime: 'RC19',
  quick_cancel_rate_lifetime: 'RC20',
  month_day_concentration_lifetime: 'RC21',
  distinct_merchants: 'RC14',
  distinct_devices: 'RC03',
};

describe('trainer: reason table', () => {
  it('covers every feature of the running feature code, and nothing else', () => {
    expect(featuresWithoutReason()).to.deep.equal([]);
    expect(Object.keys(REASON_TABLE).sort()).to.deep.equal([...FEATURE_NAMES].sort());
    expect(Object.keys(ADVERSE_DIRECTION).sort()).to.deep.equal([...FEATURE_NAMES].sort());
  });

  it('lists each feature in exactly one concept', () => {
    const listed = REASON_CONCEPTS.flatMap((c) => c.features.map(([name]) => name));
    expect(listed.length).to.equal(new Set(listed).size);
    expect(listed.length).to.equal(FEATURE_NAMES.length);
  });

  it('has unique, well-formed codes with one non-empty text each, never the fallback', () => {
    const codes = REASON_CONCEPTS.map((c) => c.code);
    const texts = REASON_CONCEPTS.map((c) => c.text);
    expect(new Set(codes).size).to.equal(codes.length);
    expect(new Set(texts).size).to.equal(texts.length);
    for (const c of REASON_CONCEPTS) {
      expect(c.code).to.match(/^RC\d{2}$/);
      expect(c.code).to.not.equal(FALLBACK_REASON.code);
      expect(c.text.length).to.be.within(10, 90);
      expect(c.features.length).to.be.greaterThan(0);
    }
  });

  it('keeps every feature on its pinned code', () => {
    expect(Object.fromEntries(FEATURE_NAMES.map((n) => [n, REASON_TABLE[n].code]))).to.deep.equal(PINNED);
  });

  it('compiles for the model core without the fallback, and sums a concept into one reason', () => {
    const compiled = compileReasons(FEATURE_NAMES, REASON_TABLE);
    expect(compiled.codes.map((c) => c.code)).to.not.include(FALLBACK_REASON.code);
    expect(compiled.codes.length).to.equal(REASON_CONCEPTS.length);
    const contributions = new Float64Array(FEATURE_NAMES.length);
    contributions[FEATURE_NAMES.indexOf('cancels_90d')] = 0.01;
    contributions[FEATURE_NAMES.indexOf('cancel_rate_90d')] = 0.02;
    contributions[FEATURE_NAMES.indexOf('instalment_spend_share_90d')] = 0.025;
    contributions[FEATURE_NAMES.indexOf('tenure_days')] = -0.05;
    const reasons = adverseReasons(compiled, contributions);
    expect(reasons.map((r) => r.code)).to.deep.equal(['RC07', 'RC01']);
    expect(reasons[0].features).to.deep.equal(['cancel_rate_90d', 'cancels_90d']);
    expect(reasons[0].contribution).to.be.closeTo(0.03, 1e-12);
  });
});
