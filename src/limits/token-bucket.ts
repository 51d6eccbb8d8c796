// tenants.<t>.limits.statementsPerSecond: a token bucket shared by the tenant's sessions, refilled
// continuously, holding at most one second of tokens (so a quiet second cannot be saved up for a burst
// longer than that).
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    now: number = performance.now(),
  ) {
    this.tokens = ratePerSecond;
    this.last = now;
  }

  take(now: number = performance.now()): boolean {
    const elapsed = now - this.last;
    if (elapsed > 0) {
      this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed * this.ratePerSecond) / 1000);
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
