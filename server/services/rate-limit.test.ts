import { describe, expect, it } from "vitest";
import { FailureLimiter, tooManyAttemptsMessage } from "./rate-limit";

describe("FailureLimiter", () => {
  it("lets a key fail the allowed number of times, then asks it to wait", async () => {
    const limiter = new FailureLimiter(3, 60);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter("a")).toBe(0);
      await limiter.recordFailure("a");
    }
    const wait = await limiter.retryAfter("a");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limiter.retryAfter("b")).toBe(0);
    await limiter.reset("a");
    expect(await limiter.retryAfter("a")).toBe(0);
  });

  it("take counts an attempt up front, so a burst cannot exceed the allowance", async () => {
    const limiter = new FailureLimiter(3, 60);
    const waits = await Promise.all(Array.from({ length: 6 }, () => limiter.take("a")));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w > 0)).toHaveLength(3);
  });

  it("forgive gives back one attempt, and never banks one for a key with none taken", async () => {
    const limiter = new FailureLimiter(2, 60);
    expect(await limiter.take("a")).toBe(0);
    await limiter.forgive("a");
    expect(await limiter.take("a")).toBe(0);
    expect(await limiter.take("a")).toBe(0);
    expect(await limiter.take("a")).toBeGreaterThan(0);

    await limiter.forgive("fresh");
    await limiter.forgive("fresh");
    expect(await limiter.take("fresh")).toBe(0);
    expect(await limiter.take("fresh")).toBe(0);
    expect(await limiter.take("fresh")).toBeGreaterThan(0);
  });
});

describe("tooManyAttemptsMessage", () => {
  it("says how long to wait in words", () => {
    expect(tooManyAttemptsMessage(45, "wrong room codes")).toBe("Too many wrong room codes. Please wait 45 seconds and try again.");
    expect(tooManyAttemptsMessage(60, "sign-in attempts")).toBe("Too many sign-in attempts. Please wait 1 minute and try again.");
    expect(tooManyAttemptsMessage(600, "sign-in attempts")).toBe("Too many sign-in attempts. Please wait 10 minutes and try again.");
  });
});
