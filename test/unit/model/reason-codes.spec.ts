import { expect } from 'chai';
import { FALLBACK_REASON, adverseReasons, compileReasons } from '../../../services/common/model/reason-codes';

describe('reason codes', () => {
  const features = ['spend_7d', 'spend_30d', 'night_share', 'cod_share', 'tenure_days', 'device_count'];
  const table = {
    spend_7d: { code: 'RC01', text: 'Recent spending is high' },
    spend_30d: { code: 'RC01', text: 'Recent spending is high' },
    night_share: { code: 'RC02', text: 'Many purchases late at night' },
    cod_share: { code: 'RC03', text: 'Frequent cash-on-delivery orders' },
    tenure_days: { code: 'RC04', text: 'Short shopping history' },
  };
  const reasons = compileReasons(features, table);

  it('sums contributions per code and ranks adverse codes, largest first', () => {
    const result = adverseReasons(reasons, [0.02, 0.03, 0.04, -0.1, 0.01, 0.005]);
    expect(result.map((r) => r.code)).to.deep.equal(['RC01', 'RC02', 'RC04', 'RC99']);
    expect(result[0].contribution).to.be.closeTo(0.05, 1e-15);
    expect(result[0].features).to.deep.equal(['spend_30d', 'spend_7d']);
    expect(result[0].text).to.equal('Recent spending is high');
    expect(result[3]).to.deep.equal({
      code: FALLBACK_REASON.code,
      text: FALLBACK_REASON.text,
      contribution: 0.005,
      features: ['device_count'],
    });
  });

  it('returns at most four (or the asked number), none when nothing is adverse', () => {
    expect(adverseReasons(reasons, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).to.have.length(4);
    expect(adverseReasons(reasons, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 2)).to.have.length(2);
    expect(adverseReasons(reasons, [-0.1, 0, -0.2, 0, 1e-12, 0])).to.deep.equal([]);
  });

  it('breaks ties by table order, deterministically', () => {
    const result = adverseReasons(reasons, [0, 0, 0.01, 0.01, 0.01, 0]);
    expect(result.map((r) => r.code)).to.deep.equal(['RC02', 'RC03', 'RC04']);
  });

  it('refuses one code with two texts', () => {
    const clash = { ...table, spend_30d: { code: 'RC01', text: 'Something else' } };
    expect(() => compileReasons(features, clash)).to.throw(RangeError, /RC01/);
  });

  it('does not take inherited properties for table entries', () => {
    const compiled = compileReasons(['toString'], {});
    expect(compiled.codes).to.deep.equal([FALLBACK_REASON]);
  });
});
