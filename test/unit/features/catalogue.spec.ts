// The catalogue: complete, consistent with extract(), documented, and free of NaN/Infinity at the
// edges (empty state, one event, zero amounts, returns only, far-future as-of).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../services/common/paths';
import {
  ENCODED_STATE_BYTES,
  FEATURES,
  FEATURE_COUNT,
  FEATURE_INDEX,
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
  apply,
  applyInPlace,
  emptyState,
  extract,
  extractInto,
  type ProfileState,
} from '../../../services/common/features';
import { DAY_MS, T0, order, randomStream } from './fixtures';

function expectFinite(v: Float64Array, what: string): void {
  FEATURE_NAMES.forEach((name, i) => {
    expect(Number.isFinite(v[i]), `${what}: ${name} = ${v[i]}`).to.equal(true);
  });
}

describe('features: catalogue', () => {
  it('has at least 25 features, each with a unique snake_case name, description, window, unit and family', () => {
    expect(FEATURES.length).to.be.at.least(25);
    expect(new Set(FEATURE_NAMES).size).to.equal(FEATURES.length);
    for (const d of FEATURES) {
      expect(d.name).to.match(/^[a-z][a-z0-9_]*$/);
      expect(d.description.length, d.name).to.be.greaterThan(10);
      expect(d.window.length, d.name).to.be.greaterThan(0);
      expect(d.unit.length, d.name).to.be.greaterThan(0);
      expect(d.family.length, d.name).to.be.greaterThan(0);
    }
    FEATURE_NAMES.forEach((name, i) => expect(FEATURE_INDEX[name]).to.equal(i));
  });

  it('covers the required families and windows', () => {
    const families = new Set(FEATURES.map((d) => d.family));
    for (const family of [
      'spend',
      'orders',
      'velocity',
      'recency',
      'tenure',
      'basket',
      'returns',
      'cancellations',
      'time_of_day',
      'weekday',
      'category',
      'payment',
      'distinct',
    ]) {
      expect(families.has(family as never), family).to.equal(true);
    }
    for (const w of ['1d', '7d', '30d', '90d']) {
      expect(FEATURE_NAMES).to.include(`spend_${w}`);
      expect(FEATURE_NAMES).to.include(`orders_${w}`);
    }
  });

  it('pins FEATURE_SET_VERSION: a catalogue change must be deliberate (update docs and this test)', () => {
    expect(FEATURE_SET_VERSION).to.equal('fs1-1671884c');
  });

  it('extract() returns FEATURE_NAMES.length values and writes every slot', () => {
    const s = apply(emptyState(), order()).state;
    expect(extract(s, T0).length).to.equal(FEATURE_NAMES.length);
    expect(FEATURE_COUNT).to.equal(FEATURE_NAMES.length);
    const out = new Float64Array(FEATURE_COUNT).fill(Number.NaN);
    extractInto(s, T0, out);
    expectFinite(out, 'extractInto');
    expect(() => extractInto(s, T0, new Float64Array(FEATURE_COUNT - 1))).to.throw(RangeError);
  });

  it('no NaN or Infinity for empty, one-event and edge-case states', () => {
    const empty = extract(emptyState(), T0);
    expectFinite(empty, 'empty');
    expect([...empty].every((x) => x === 0)).to.equal(true);
    const cases: [string, ProfileState][] = [
      ['one order', apply(emptyState(), order()).state],
      ['one zero-amount order', apply(emptyState(), order({ amountMinor: 0 })).state],
      ['one return', apply(emptyState(), order({ type: 'RETURN' })).state],
      ['one cancel without device', apply(emptyState(), order({ type: 'CANCEL', deviceId: null })).state],
      ['huge amount', apply(emptyState(), order({ amountMinor: Number.MAX_SAFE_INTEGER })).state],
    ];
    const heavy = emptyState();
    for (const e of randomStream(99, 3000)) applyInPlace(heavy, e);
    cases.push(['heavy user', heavy]);
    for (const [what, s] of cases) {
      for (const asOf of [T0 - DAY_MS, T0, T0 + DAY_MS, T0 + 3650 * DAY_MS, T0 + 100 * 365 * DAY_MS]) {
        expectFinite(extract(s, asOf), `${what} @ ${asOf}`);
      }
    }
  });

  it('docs/features.md lists every feature, the feature-set version and the state size', () => {
    const doc = readFileSync(projectPath('docs', 'features.md'), 'utf8');
    // A table row naming the feature (Prettier pads table cells).
    for (const name of FEATURE_NAMES) expect(doc, name).to.match(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));
    expect(doc).to.include(FEATURE_SET_VERSION);
    expect(doc).to.include(`State layout (${ENCODED_STATE_BYTES} bytes)`);
  });
});
