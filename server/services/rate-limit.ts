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
}

export function tooManyAttemptsMessage(seconds: number, what: string): string {
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} minute${seconds >= 120 ? "s" : ""}` : `${seconds} seconds`;
  return `Too many ${what}. Please wait ${wait} and try again.`;
}
