import { describe, expect, it } from "vitest";
import { formatClock, msUntilNextSecond } from "./server-clock";

describe("msUntilNextSecond", () => {
  it("waits until the shown second changes, a little after, never before", () => {
    const deadline = 100_000;
    for (const now of [40_000, 40_001, 40_250, 40_999, 99_500]) {
      const wait = msUntilNextSecond(deadline, now)!;
      expect(formatClock(deadline - (now + wait))).not.toBe(formatClock(deadline - now));
      expect(formatClock(deadline - (now + wait - 10))).toBe(formatClock(deadline - now));
    }
  });

  it("waits a whole second when now sits exactly on a second", () => {
    expect(msUntilNextSecond(10_000, 7_000)).toBe(1_005);
  });

  it("stops once the time is up", () => {
    expect(msUntilNextSecond(10_000, 10_000)).toBeNull();
    expect(msUntilNextSecond(10_000, 12_000)).toBeNull();
  });
});
