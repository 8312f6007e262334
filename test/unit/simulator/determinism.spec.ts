import { expect } from 'chai';
import { createRunContext } from '../../../services/trainer/simulator/run-context';
import { simulateShopper, simulateShoppers } from '../../../services/trainer/simulator/simulate-shoppers';
import { options, run } from './fixtures';

describe('simulator determinism', () => {
  it('produces byte-identical output for the same seed', () => {
    const a = JSON.stringify([...simulateShoppers(options({ shoppers: 200 }))]);
    const b = JSON.stringify([...simulateShoppers(options({ shoppers: 200 }))]);
    expect(a).to.equal(b);
    expect(a.length).to.be.greaterThan(100_000);
  });

  it('produces different shoppers and events for a different seed', () => {
    const a = run(options({ shoppers: 50 }));
    const b = run(options({ shoppers: 50, seed: 20241202 }));
    expect(a.map((s) => s.userId)).to.deep.equal(b.map((s) => s.userId)); // ids follow the index
    expect(JSON.stringify(a.map((s) => s.traits))).to.not.equal(JSON.stringify(b.map((s) => s.traits)));
    expect(a[0].events[0]?.eventId).to.not.equal(b[0].events[0]?.eventId);
  });

  it('gives the same shoppers when a run is split into ranges (parallel workers)', () => {
    const whole = run(options({ shoppers: 120 }));
    const first = [...simulateShoppers(options({ shoppers: 70 }))];
    const rest = [...simulateShoppers(options({ shoppers: 50, firstShopper: 70 }))];
    expect(JSON.stringify([...first, ...rest])).to.equal(JSON.stringify(whole));
  });

  it('regenerates any single shopper alone', () => {
    const whole = run(options({ shoppers: 120 }));
    const ctx = createRunContext(options({ shoppers: 120 }));
    expect(JSON.stringify(simulateShopper(ctx, 97))).to.equal(JSON.stringify(whole[97]));
  });

  it('changes nothing but the discount field when discounts are emitted', () => {
    const plain = run(options({ shoppers: 60 }));
    const withDiscounts = [...simulateShoppers(options({ shoppers: 60, includeDiscounts: true }))];
    const stripped = withDiscounts.map((s) => ({
      ...s,
      events: s.events.map(({ discountMinor: _discount, ...rest }) => rest),
    }));
    expect(JSON.stringify(stripped)).to.equal(JSON.stringify(plain));
  });
});
