import { describe, expect, it } from "vitest";
import { createSendWindow } from "./send-window";

describe("send window", () => {
  it("allows a burst per sender in any window, then allows more once the oldest send has left it", () => {
    let now = 0;
    const window = createSendWindow({ burst: 3, windowMs: 10_000, now: () => now });
    expect([1, 2, 3].map(() => window.tooFast("ana"))).toEqual([false, false, false]);
    expect(window.tooFast("ana")).toBe(true);
    // Someone else is not held up by Ana.
    expect(window.tooFast("ben")).toBe(false);
    now = 9_999;
    expect(window.tooFast("ana")).toBe(true);
    now = 10_000;
    expect(window.tooFast("ana")).toBe(false);
  });

  it("forgets senders who have gone quiet for a window", () => {
    let now = 0;
    const window = createSendWindow({ burst: 8, windowMs: 10_000, now: () => now });
    for (let i = 0; i < 1_000; i++) window.tooFast(`p${i}`);
    expect(window.remembered()).toBe(1_000);
    now = 5_000;
    window.tooFast("still-here");
    expect(window.remembered()).toBe(1_001);
    now = 12_000;
    window.tooFast("late");
    // Everyone last heard at 0 has gone; the one heard at 5 s is still within the window.
    expect(window.remembered()).toBe(2);
  });
});
