import { expect } from 'chai';
import { parseShard, shardRange } from '../../../services/scorer/rescore-shard';
import { ConfigError } from '../../../services/common/errors';

describe('rescore shards', () => {
  it('split the buckets into contiguous runs that cover each bucket exactly once', () => {
    for (const [count, total] of [
      [1, 4096],
      [3, 4096],
      [7, 100],
      [64, 64],
    ] as const) {
      const ranges = Array.from({ length: count }, (_, k) => shardRange(k, count, total));
      expect(ranges[0]!.first).to.equal(0);
      expect(ranges[count - 1]!.end).to.equal(total);
      for (let k = 1; k < count; k++) expect(ranges[k]!.first).to.equal(ranges[k - 1]!.end);
      const sizes = ranges.map((r) => r.end - r.first);
      expect(Math.max(...sizes) - Math.min(...sizes)).to.be.at.most(1);
      expect(Math.min(...sizes)).to.be.at.least(1);
    }
  });

  it('parses K/N', () => {
    expect(parseShard('0/4', 4096)).to.deep.equal({ first: 0, end: 1024 });
    expect(parseShard(' 3/4 ', 4096)).to.deep.equal({ first: 3072, end: 4096 });
  });

  for (const [text, message] of [
    ['4/4', 'K must be below N'],
    ['1', 'expected K/N'],
    ['-1/4', 'expected K/N'],
    ['a/b', 'expected K/N'],
    ['0/0', 'N must be between 1 and the 4096 profile buckets'],
    ['0/5000', 'N must be between 1 and the 4096 profile buckets'],
  ]) {
    it(`refuses "${text}", naming the option`, () => {
      expect(() => parseShard(text!, 4096))
        .to.throw(ConfigError, message!)
        .with.property('setting', '--shard');
    });
  }
});
