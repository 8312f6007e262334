import { expect } from 'chai';
import { OffsetTimeTable } from '../../../services/common/ops/lag/lag-seconds';

describe('lag in seconds (kafka-lag-exporter interpolation)', () => {
  it('is 0 when the group is caught up', () => {
    const t = new OffsetTimeTable();
    t.record(100, 1_000);
    expect(t.lagSeconds(100, 100, 5_000)).to.equal(0);
  });

  it('interpolates when the log end passed the group offset', () => {
    const t = new OffsetTimeTable();
    t.record(100, 10_000); // 100 messages by t=10 s
    t.record(200, 20_000); // 10 messages/s
    // Next to consume: offset 149, appended when the log end reached 150, i.e. at t=15 s.
    expect(t.lagSeconds(149, 200, 30_000)).to.be.closeTo(15, 1e-9);
  });

  it('extrapolates at the average rate for offsets older than the table', () => {
    const t = new OffsetTimeTable();
    t.record(100, 10_000);
    t.record(200, 20_000);
    expect(t.lagSeconds(49, 200, 20_000)).to.be.closeTo(15, 1e-9); // end reached 50 at t=5 s
  });

  it('records only growth: the first sighting of an offset is when it was appended', () => {
    const t = new OffsetTimeTable();
    t.record(100, 10_000);
    t.record(100, 50_000); // nothing new was produced
    t.record(110, 60_000);
    expect(t.lagSeconds(99, 110, 70_000)).to.equal(60); // offset 99 existed at t=10 s
  });

  it('with one point only, reports the age of that point (a lower bound)', () => {
    const t = new OffsetTimeTable();
    t.record(100, 10_000);
    expect(t.lagSeconds(0, 100, 13_000)).to.equal(3);
  });
});
