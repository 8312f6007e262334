import { expect } from 'chai';
import { mergedEventStream } from '../../../services/trainer/simulator/merged-event-stream';
import { options, run } from './fixtures';

describe('merged event stream (live feed)', () => {
  const opts = options({ shoppers: 250, seed: 5 });

  it('yields every event of every shopper exactly once, ordered by event time', () => {
    const merged = [...mergedEventStream(opts)];
    const perShopper = run(opts).flatMap((s) => s.events);
    expect(merged.length).to.equal(perShopper.length);
    for (let i = 1; i < merged.length; i++)
      expect(merged[i].eventTime).to.be.at.least(merged[i - 1].eventTime);
    const sorted = (ids: string[]): string[] => [...ids].sort();
    expect(sorted(merged.map((e) => e.eventId))).to.deep.equal(sorted(perShopper.map((e) => e.eventId)));
  });

  it("keeps each shopper's own event order (what Kafka's per-key ordering preserves)", () => {
    const merged = [...mergedEventStream(opts)];
    const byUser = new Map<string, string[]>();
    for (const e of merged) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e.eventId]);
    for (const s of run(opts))
      expect(byUser.get(s.userId) ?? []).to.deep.equal(s.events.map((e) => e.eventId));
  });

  it('is deterministic and can be pulled lazily, a few events at a time', () => {
    const it1 = mergedEventStream(opts);
    const firstTen = Array.from({ length: 10 }, () => it1.next().value);
    const again = [...mergedEventStream(opts)].slice(0, 10);
    expect(JSON.stringify(firstTen)).to.equal(JSON.stringify(again));
  });
});
