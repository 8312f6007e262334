// Profiles stored by the version 1 updater (123 bytes, 36 features) are read and upgraded to
// version 2, not refused: Redis holds millions of them when the new updater rolls out. The bytes and
// the feature values come from main's version 1 code (state-v1/make-fixture.ts), not from this one.
import { expect } from 'chai';
import {
  ENCODED_STATE_BYTES,
  FEATURE_INDEX,
  FEATURE_NAMES,
  STATE_ENCODING_VERSION,
  StateDecodeError,
  applyInPlace,
  decodeState,
  emptyState,
  encodeState,
  extract,
  type FeatureName,
} from '../../../services/common/features';
import { WORD } from '../../../services/common/features/state';
import { v1Fixture } from '../../helpers/state-v1-fixture';
import { randomStream } from './fixtures';

const fixture = v1Fixture();
const ALL = { allowedLatenessMs: Infinity };
const NEW_FEATURES: FeatureName[] = [
  'instalment_order_share_90d',
  'instalment_order_share_lifetime',
  'credit_card_order_share_lifetime',
  'quick_cancel_rate_lifetime',
  'month_day_concentration_lifetime',
];

function value(state: ReturnType<typeof emptyState>, at: number, name: FeatureName): number {
  return extract(state, at)[FEATURE_INDEX[name]];
}

describe('features: upgrading version 1 profile states', () => {
  const v1 = Buffer.from(fixture.v1State, 'hex');

  it('the fixture is a version 1 state of 123 bytes over 36 features', () => {
    expect(v1[0]).to.equal(1);
    expect(v1.length).to.equal(123);
    expect(Object.keys(fixture.v1FeaturesAtReadAt)).to.have.length(36);
    expect(FEATURE_NAMES).to.include.members(Object.keys(fixture.v1FeaturesAtReadAt));
  });

  it('reads every feature version 1 served exactly as version 1 computed it; the new ones start empty', () => {
    const s = decodeState(v1);
    const now = extract(s, fixture.readAtMs);
    for (const [name, expected] of Object.entries(fixture.v1FeaturesAtReadAt)) {
      expect(now[FEATURE_INDEX[name as FeatureName]], name).to.equal(expected);
    }
    for (const name of NEW_FEATURES) expect(now[FEATURE_INDEX[name]], name).to.equal(0);
    // Counters the old state had, kept: 40 orders before the upgrade.
    expect(value(s, fixture.readAtMs, 'orders_lifetime')).to.equal(40);
  });

  it('written back as version 2 and read again, nothing changes', () => {
    const s = decodeState(v1);
    const bytes = encodeState(s);
    expect(bytes[0]).to.equal(STATE_ENCODING_VERSION);
    expect(bytes.length).to.equal(ENCODED_STATE_BYTES);
    expect(decodeState(bytes)).to.deep.equal(s);
  });

  it('events after the upgrade: the old features go on as version 1 would; the lifetime means count only the new orders', () => {
    const s = decodeState(v1);
    for (const e of fixture.eventsAfter) expect(applyInPlace(s, e, ALL)).to.equal('applied');
    const after = extract(s, fixture.readAfterMs);
    for (const [name, expected] of Object.entries(fixture.v1FeaturesAfter)) {
      expect(after[FEATURE_INDEX[name as FeatureName]], name).to.equal(expected);
    }
    // The same events into an empty state give the lifetime means of these orders alone.
    const fresh = emptyState();
    for (const e of fixture.eventsAfter) applyInPlace(fresh, e, ALL);
    const alone = extract(fresh, fixture.readAfterMs);
    for (const name of [
      'instalment_order_share_lifetime',
      'credit_card_order_share_lifetime',
      'quick_cancel_rate_lifetime',
      'month_day_concentration_lifetime',
    ] as const) {
      expect(after[FEATURE_INDEX[name]], name).to.equal(alone[FEATURE_INDEX[name]]);
    }
    const orders = fixture.eventsAfter.filter((e) => e.type === 'ORDER');
    const cards = orders.filter((e) => e.paymentMethod === 'CREDIT_CARD').length;
    expect(after[FEATURE_INDEX.credit_card_order_share_lifetime]).to.be.closeTo(cards / orders.length, 1e-4);
    expect(cards).to.be.greaterThan(0);
    // The 90-day instalment order share starts at 0 over the pre-upgrade order weight, so it reads
    // below the share of the new orders alone until that weight has decayed.
    expect(after[FEATURE_INDEX.instalment_order_share_90d]).to.be.greaterThan(0);
    expect(after[FEATURE_INDEX.instalment_order_share_90d]).to.be.below(
      alone[FEATURE_INDEX.instalment_order_share_90d],
    );
    // And the upgraded duplicate ring still knows the last version 1 events.
    const last = fixture.eventsBefore[fixture.eventsBefore.length - 1]!;
    const again = decodeState(v1);
    expect(applyInPlace(again, last, ALL)).to.equal('duplicate');
  });

  it('a profile built under version 2 counts every order in its lifetime means', () => {
    const s = emptyState();
    for (const e of randomStream(77, 3000)) applyInPlace(s, e, ALL);
    expect(s.words[WORD.LIFETIME_ORDERS]).to.be.greaterThan(100);
    expect(s.words[WORD.MEAN_ORDERS]).to.equal(s.words[WORD.LIFETIME_ORDERS]);
  });

  it('refuses unknown versions and a version 1 state of the wrong length, naming the problem', () => {
    for (const version of [0, 3, 255]) {
      const bad = Buffer.from(v1);
      bad[0] = version;
      expect(() => decodeState(bad)).to.throw(
        StateDecodeError,
        `unknown profile state encoding version ${version} (this build reads versions 1 and 2)`,
      );
    }
    expect(() => decodeState(v1.subarray(0, 122))).to.throw(
      StateDecodeError,
      'v1 must be 123 bytes, got 122',
    );
    const v1Sized = Buffer.alloc(123);
    v1Sized[0] = STATE_ENCODING_VERSION;
    expect(() => decodeState(v1Sized)).to.throw(StateDecodeError, `v2 must be ${ENCODED_STATE_BYTES} bytes`);
    const corrupt = Buffer.from(v1);
    corrupt.writeFloatLE(Number.NaN, 47); // version 1's first decayed sum
    expect(() => decodeState(corrupt)).to.throw(StateDecodeError, /finite/);
  });
});
