// The determinism rule: online the state goes through Redis (encode/decode) between batches,
// offline it stays in memory. Both must give bit-identical feature vectors for the same events in
// the same order, wherever the batch boundaries fall, and whichever apply variant runs.
import { expect } from 'chai';
import {
  apply,
  applyInPlace,
  decodeState,
  emptyState,
  encodeState,
  extract,
  type ApplyOutcome,
  type ProfileState,
} from '../../../services/common/features';
import { DAY_MS, bits, prng, randomStream } from './fixtures';

describe('features: online = offline, bit for bit', () => {
  it('random streams, encoded and decoded at random batch boundaries, match the in-memory replay', () => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rnd = prng(seed * 7919);
      const events = randomStream(seed, 20 + Math.floor(rnd() * 280));

      // Offline: pure apply(), state never leaves memory.
      let offline: ProfileState = emptyState();
      const offlineOutcomes: ApplyOutcome[] = [];
      // Online: decode, applyInPlace() a batch, encode; batch sizes random (1..20).
      let stored = encodeState(emptyState());
      const onlineOutcomes: ApplyOutcome[] = [];
      let i = 0;
      while (i < events.length) {
        const batchEnd = Math.min(events.length, i + 1 + Math.floor(rnd() * 20));
        const working = decodeState(stored);
        for (; i < batchEnd; i++) {
          const r = apply(offline, events[i]!);
          offline = r.state;
          offlineOutcomes.push(r.outcome);
          onlineOutcomes.push(applyInPlace(working, events[i]!));
        }
        stored = encodeState(working);
        expect(decodeState(stored), `seed ${seed} after event ${i}`).to.deep.equal(offline);
        // Score in between as the scorer would, at a time after the latest event.
        const asOf = events[i - 1]!.eventTime + Math.floor(rnd() * 3 * DAY_MS);
        expect(
          bits(extract(decodeState(stored), asOf)).equals(bits(extract(offline, asOf))),
          `seed ${seed}`,
        ).to.equal(true);
        compared++;
      }
      expect(onlineOutcomes).to.deep.equal(offlineOutcomes);
      expect(stored.equals(encodeState(offline))).to.equal(true);
    }
    expect(compared).to.be.greaterThan(1000);
  });

  it('the random streams do contain duplicates, too-late events and every event type', () => {
    const outcomes = new Map<string, number>();
    const types = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      let s = emptyState();
      for (const e of randomStream(seed, 200)) {
        const r = apply(s, e);
        s = r.state;
        outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
        types.add(e.type);
      }
    }
    expect(outcomes.get('applied')).to.be.greaterThan(0);
    expect(outcomes.get('duplicate')).to.be.greaterThan(0);
    expect(outcomes.get('too_late')).to.be.greaterThan(0);
    expect([...types].sort()).to.deep.equal(['CANCEL', 'ORDER', 'RETURN']);
  });
});
