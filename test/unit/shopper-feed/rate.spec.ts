import { expect } from 'chai';
import { rateAt } from '../../../services/shopper-feed/feed';
import { readFeedConfig } from '../../../services/shopper-feed/config';

describe('shopper feed rate', () => {
  it('is the steady rate without bursts', () => {
    const c = readFeedConfig({ FEED_RATE: '300' });
    expect([0, 5_000, 999_999].map((t) => rateAt(c, t))).to.deep.equal([300, 300, 300]);
  });

  it('bursts for the last FEED_BURST_SECONDS of every FEED_BURST_EVERY_S cycle', () => {
    const c = readFeedConfig({
      FEED_RATE: '100',
      FEED_BURST_EVERY_S: '60',
      FEED_BURST_SECONDS: '10',
      FEED_BURST_RATE: '5000',
    });
    expect(rateAt(c, 0)).to.equal(100);
    expect(rateAt(c, 49_999)).to.equal(100);
    expect(rateAt(c, 50_000)).to.equal(5000);
    expect(rateAt(c, 59_999)).to.equal(5000);
    expect(rateAt(c, 60_000)).to.equal(100);
  });

  it('names a bad setting', () => {
    expect(() => readFeedConfig({ FEED_RATE: 'fast' })).to.throw(/FEED_RATE/);
  });
});
