import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Counts failures per key (an address, or an address and e-mail) in a
 * rolling window. Only failures are counted, so a room full of people on one
 * Wi-Fi address joining correctly is never slowed down.
 */
export class FailureLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly failuresAllowed: number, readonly windowSeconds: number) {
    this.limiter = new RateLimiterMemory({ points: failuresAllowed, duration: windowSeconds });
  }

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  async retryAfter(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    if (!res || res.consumedPoints < this.failuresAllowed) return 0;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }

  async recordFailure(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      // Over the limit already: the rejection is the limiter saying so.
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  /**
   * Counts an attempt as a failure before a slow check runs, so guesses sent
   * together cannot all pass a check made before any of them failed. Returns
   * seconds to wait (0 when allowed); `forgive` takes the count back on success.
   */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    }
  }

  async forgive(key: string): Promise<void> {
    // Only within a live window: rewarding an expired key would bank a spare attempt.
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints > 0) await this.limiter.reward(key, 1);
  }
}

export function tooManyAttemptsMessage(seconds: number, what: string): string {
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} minute${seconds >= 120 ? "s" : ""}` : `${seconds} seconds`;
  return `Too many ${what}. Please wait ${wait} and try again.`;
}
