import { expect } from 'chai';
import { eventUuid, orderIdOf } from '../../../services/trainer/simulator/ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('simulator ids', () => {
  it('makes RFC 9562 version-4-shaped event ids', () => {
    for (let i = 0; i < 200; i++) expect(eventUuid(7, i, i * 3, (i * 2654435761) >>> 0)).to.match(UUID_V4);
  });

  it('never repeats an event id, even when the random bits are equal', () => {
    const seen = new Set<string>();
    for (const runTag of [1, 2])
      for (let shopper = 0; shopper < 200; shopper++)
        for (let seq = 0; seq < 200; seq++) seen.add(eventUuid(runTag, shopper, seq, 0));
    expect(seen.size).to.equal(2 * 200 * 200);
  });

  it('makes distinct order ids per (run, shopper, order)', () => {
    expect(orderIdOf(1, 2, 3)).to.not.equal(orderIdOf(1, 23, 0));
    expect(orderIdOf(1, 2, 3)).to.not.equal(orderIdOf(2, 2, 3));
  });
});
