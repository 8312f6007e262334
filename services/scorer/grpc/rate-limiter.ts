// A token bucket per API key, per replica (no shared state: the limit of a key is per replica,
// and a load balancer spreading calls evenly makes the total N x the rate).
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token; false when the key is over its rate. */
  take(keyId: string, ratePerSec: number, burst = ratePerSec): boolean {
    const t = this.now();
    let b = this.buckets.get(keyId);
    if (!b) this.buckets.set(keyId, (b = { tokens: burst, at: t }));
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * ratePerSec);
    b.at = t;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
