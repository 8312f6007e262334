// A rescore can be split over several processes (or the pods of a Kubernetes Indexed Job): shard
// K of N takes the K-th contiguous run of bucket indexes. Buckets are the unit because each is one
// key (one slot on Redis Cluster), so shards never share a key and their progress adds up exactly.
import { ConfigError } from '../common/errors';

/** Bucket indexes [first, end). */
export interface BucketRange {
  first: number;
  end: number;
}

/** Shard `index` of `count` over `totalBuckets`: sizes differ by at most one bucket. */
export function shardRange(index: number, count: number, totalBuckets: number): BucketRange {
  return {
    first: Math.floor((index * totalBuckets) / count),
    end: Math.floor(((index + 1) * totalBuckets) / count),
  };
}

/** Parses `K/N` (0 <= K < N <= totalBuckets); `setting` names the option in the error. */
export function parseShard(text: string, totalBuckets: number, setting = '--shard'): BucketRange {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new ConfigError(setting, `expected K/N (shard K of N, from 0), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > totalBuckets) {
    throw new ConfigError(
      setting,
      `N must be between 1 and the ${totalBuckets} profile buckets, got ${count}`,
    );
  }
  if (index >= count) throw new ConfigError(setting, `K must be below N (shards count from 0), got ${text}`);
  return shardRange(index, count, totalBuckets);
}
